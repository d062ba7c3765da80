"""Issue 13, performance: the meeting page below its heading comes from the cache under the meeting's data version
(``awards.selectors.meeting_version``), its forms' CSRF tokens filled in for each visitor
(``units.templatetags.fragments``); the review list's table, caps and filters under ``review_version``. Whatever
they show changes at once."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AgendaItem, Verdict
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.lines import mark_for_judgement
from tests import factories as f
from tests.factories import accept_all, local_dt, propose, register
from units.services import staff_update

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def meeting(plan, secretariat, province):
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Hội đồng Số{i:02d}"), "Ủy viên", True) for i in range(3)]
    return meeting_create(year_plan=plan, actor=secretariat, held_at=local_dt(2018, 12, 20, 8), members=members)


@pytest.fixture
def accepted(plan, unit, staff, officer, secretariat):
    register(unit, plan, {})
    lines = propose(unit, plan, [(person, "LDTT", []) for person in staff[:3]])
    accept_all(lines, secretariat)
    return lines


def page(client, meeting):
    return client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()


def queries_of(client, meeting) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return len(context)


def test_a_second_visit_is_served_from_the_cache_with_the_same_page(client, meeting, accepted, secretariat):
    agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    client.force_login(secretariat)
    first = page(client, meeting)
    assert queries_of(client, meeting) == 3  # session, user, meeting; the version is kept (units.generations)
    second = page(client, meeting)
    assert TOKEN.sub("", second) == TOKEN.sub("", first)
    assert second.count('class="row g-1 tally-form"') == 3 and "Ghi cho 3 đề nghị" in second


def test_a_tally_recorded_shows_at_once(client, meeting, accepted, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    client.force_login(secretariat)
    assert page(client, meeting).count('class="row g-1 tally-form"') == 3
    tally_record(item=items[0], actor=secretariat, yes=3, no=0, blank=0)
    html = page(client, meeting)
    assert html.count('class="row g-1 tally-form"') == 2
    assert re.search(r"<strong>100 % / \d+ % – đạt</strong>", html)
    assert "đã kiểm phiếu 1, đạt 1" in html


def test_a_line_put_on_the_agenda_shows_at_once(client, meeting, accepted, secretariat):
    agenda_add(meeting=meeting, lines=accepted[:1], actor=secretariat)
    client.force_login(secretariat)
    html = page(client, meeting)
    assert html.count('class="agenda-item"') == 1 and "Đưa 2 đề nghị vào chương trình họp" in html
    agenda_add(meeting=meeting, lines=accepted[1:], actor=secretariat)
    html = page(client, meeting)
    assert html.count('class="agenda-item"') == 3 and "Đưa 2 đề nghị" not in html


def test_a_verdict_marked_to_judge_again_and_a_renamed_person_show_at_once(
    client, meeting, accepted, secretariat, officer, unit
):
    agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    client.force_login(secretariat)
    assert "cần đánh giá lại" not in page(client, meeting)
    mark_for_judgement(unit.province_id)  # judged again only after the commit, which a test does not reach
    assert Verdict.objects.filter(stale=True).count() == 3
    assert page(client, meeting).count("cần đánh giá lại") == 3
    person = accepted[0].staff
    staff_update(staff=person, actor=officer, full_name="Nguyễn Thị Đổi Tên")
    assert "Nguyễn Thị Đổi Tên" in page(client, meeting)


def test_each_visitor_gets_their_own_token_and_can_post_with_it(meeting, accepted, secretariat, province):
    items = agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    other = f.make_user("secretariat", province=province)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(secretariat)
    second.force_login(other)
    page(first, meeting)  # renders and caches the page
    html = page(second, meeting)  # from the cache
    tokens = set(TOKEN.findall(html))
    assert len(tokens) == 1  # one token for every form, as {% csrf_token %} writes it in one page
    assert "csrf-hole" not in html
    response = second.post(
        reverse("awards:tally", kwargs={"pk": items[0].pk}),
        {"csrfmiddlewaretoken": tokens.pop(), "yes": 3, "no": 0, "blank": 0, "written_yes": 0, "written_no": 0},
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=items[0].pk).approved is True


def test_a_council_member_reads_the_same_agenda_without_forms(client, meeting, accepted, secretariat, council_member):
    agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    client.force_login(secretariat)
    assert page(client, meeting).count('class="row g-1 tally-form"') == 3
    client.force_login(council_member)
    html = page(client, meeting)
    assert html.count('class="agenda-item"') == 3
    assert "tally-form" not in html and "group-tally" not in html
    assert html.count("chưa kiểm phiếu") == 3


# --- The review list ---------------------------------------------------------------------------------------------


def review(client, plan):
    return client.get(reverse("awards:review", kwargs={"plan": plan.pk})).content.decode()


def test_the_review_list_shows_a_renamed_person_a_new_unit_and_a_verdict_to_judge_again_at_once(
    client, plan, accepted, secretariat, officer, unit, province
):
    client.force_login(secretariat)
    html = review(client, plan)
    assert html.count("cần đánh giá lại") == 0 and "Viện kiểm sát khu vực Mới Lập" not in html
    staff_update(staff=accepted[0].staff, actor=officer, full_name="Nguyễn Thị Đổi Tên")
    f.make_unit(province, "Viện kiểm sát khu vực Mới Lập")
    mark_for_judgement(unit.province_id)
    html = review(client, plan)
    assert "Nguyễn Thị Đổi Tên" in html
    assert '">Viện kiểm sát khu vực Mới Lập</option>' in html  # the unit filter
    assert html.count("cần đánh giá lại") == 3
