"""Issue 13, point 6 and the performance bullet: a folded group (more than ``GROUP_OPEN_UP_TO`` lines) carries one
group form and, on each line, a link to that line's own tally instead of a form each; the exception is recorded on
its own page and the group's count then goes to the rest."""

import pytest
from django.urls import reverse

from awards.models import AgendaItem
from awards.services.council import agenda_add, meeting_create
from awards.views.council import GROUP_OPEN_UP_TO
from tests import factories as f
from tests.factories import accept_all, local_dt, propose, register

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thu Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


@pytest.fixture
def items(plan, unit, secretariat, province):
    people = [f.make_staff(unit, name) for name in NAMES]
    assert len(people) > GROUP_OPEN_UP_TO
    register(unit, plan, {})
    lines = propose(unit, plan, [(person, "LDTT", []) for person in people])
    accept_all(lines, secretariat)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Hội đồng Số{i:02d}"), "Ủy viên", True) for i in range(3)]
    meeting = meeting_create(year_plan=plan, actor=secretariat, held_at=local_dt(2018, 12, 20, 8), members=members)
    return agenda_add(meeting=meeting, lines=lines, actor=secretariat)


def agenda(client, meeting_id) -> str:
    return client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting_id})).content.decode()


def test_a_folded_group_has_links_not_forms(client, items, secretariat):
    client.force_login(secretariat)
    html = agenda(client, items[0].meeting_id)
    assert html.count('class="agenda-item"') == 6
    assert 'class="row g-1 tally-form"' not in html and html.count('class="row g-1 mt-1 group-tally"') == 1
    assert html.count('class="btn btn-sm btn-outline-primary tally-own"') == 6 and html.count("Ghi riêng") == 6
    assert reverse("awards:tally", kwargs={"pk": items[2].pk}) in html


def test_the_exception_on_its_own_page_then_the_group(client, items, secretariat):
    client.force_login(secretariat)
    exception = items[2]
    page = client.get(reverse("awards:tally", kwargs={"pk": exception.pk})).content.decode()
    assert "Lê Đức Cường" in page and "Viện kiểm sát nhân dân huyện Đông Hưng" in page and "Lao động tiên tiến" in page
    assert page.count('name="yes"') == 1 and 'id="tally-own"' in page
    counts = {"yes": 0, "no": 3, "blank": 0, "written_yes": 0, "written_no": 0}
    response = client.post(reverse("awards:tally", kwargs={"pk": exception.pk}), counts)
    assert response.url.endswith(f"/meetings/{exception.meeting_id}/#item-{exception.pk}")
    exception.refresh_from_db()
    assert exception.counted and exception.approved is False
    # Counted: its page sends back to the agenda, where the line shows its result and no link.
    again = client.get(reverse("awards:tally", kwargs={"pk": exception.pk}))
    assert again.status_code == 302 and again.url.endswith(f"#item-{exception.pk}")
    html = agenda(client, exception.meeting_id)
    assert html.count("Ghi riêng") == 5 and "Cùng một kết quả cho 5 đề nghị chưa kiểm phiếu" in html
    title = exception.line.title_id
    client.post(
        reverse("awards:tally_group", kwargs={"pk": exception.meeting_id}),
        {"title": title, "yes": 3, "no": 0, "blank": 0, "written_yes": 0, "written_no": 0},
    )
    approved = dict(AgendaItem.objects.values_list("line__staff__full_name", "approved"))
    assert approved == {**dict.fromkeys(NAMES, True), "Lê Đức Cường": False}


def test_only_the_secretariat_of_the_province_opens_it(client, items, council_member, officer, province):
    url = reverse("awards:tally", kwargs={"pk": items[0].pk})
    for user in (council_member, officer, f.make_user("secretariat", province=f.make_province("Tỉnh khác"))):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
    assert not AgendaItem.objects.filter(votes_yes__gt=0).exists()
