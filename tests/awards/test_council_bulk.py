"""Issue 13 points 4, 6 and 7 at the council: a title's accepted lines sent to the agenda at once, one tally for a
group of the agenda with its exceptions, the confirmation before closing a meeting, and the member pickers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.enums import DisciplineLevel, LineState, MeetingState
from awards.forms import MeetingForm
from awards.models import AgendaItem, CouncilMeeting
from awards.services.council import (
    agenda_add,
    agenda_add_title,
    meeting_close_summary,
    meeting_create,
    tally_record,
    tally_record_group,
)
from awards.services.records import conduct_record_create
from movements.models import Title
from tests import factories as f
from tests.factories import accept_all, assert_list_queries, local_dt, propose, register
from units.models import AuditEntry, Staff


@pytest.fixture
def council(province):
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    return [f.make_staff(office, f"Ủy viên Hội đồng Số{i:02d}") for i in range(3)]


@pytest.fixture
def meeting(plan, secretariat, council):
    return meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=local_dt(2018, 12, 20, 8, 0),
        members=[(person, "Ủy viên", True) for person in council],
    )


@pytest.fixture
def accepted(plan, unit, staff, officer, secretariat):
    """Three accepted LĐTT lines and one accepted TTLĐTT line of the unit."""
    register(unit, plan, {})
    lines = propose(unit, plan, [(person, "LDTT", []) for person in staff] + [(None, "TTLDTT", [])])
    accept_all(lines, secretariat)
    return lines


def discipline(person, year):
    return conduct_record_create(
        staff=person,
        actor=person.unit.officers.first(),
        kind="discipline",
        discipline_level=DisciplineLevel.WARNING,
        year=year,
        decision_number="07/QĐ-VKS",
        decision_date=datetime.date(year, 11, 1),
    )


# --- Review: a title's accepted lines to the agenda at once ------------------------------------------------------


def test_a_titles_accepted_lines_go_to_the_agenda_at_once(meeting, accepted, secretariat):
    items, refusals = agenda_add_title(meeting=meeting, title=Title.objects.get(code="LDTT"), actor=secretariat)
    assert refusals == []
    assert sorted(item.line_id for item in items) == sorted(line.pk for line in accepted[:3])
    assert [item.position for item in items] == [1, 2, 3]
    assert not AgendaItem.objects.filter(line=accepted[3]).exists()  # another title: not sent


def test_a_line_the_gate_refuses_stays_off_the_agenda_and_is_listed(meeting, accepted, staff, secretariat):
    discipline(staff[1], 2018)
    items, refusals = agenda_add_title(meeting=meeting, title=Title.objects.get(code="LDTT"), actor=secretariat)
    assert sorted(item.line_id for item in items) == [accepted[0].pk, accepted[2].pk]
    assert len(refusals) == 1 and refusals[0].startswith("Trần Thị Bình – Lao động tiên tiến: không đủ tiêu chuẩn")
    accepted[1].refresh_from_db()
    assert accepted[1].state == LineState.ACCEPTED


def test_sending_a_title_with_nothing_waiting_is_refused(meeting, accepted, secretariat):
    agenda_add_title(meeting=meeting, title=Title.objects.get(code="LDTT"), actor=secretariat)
    with pytest.raises(ValidationError, match="Không có đề nghị"):
        agenda_add_title(meeting=meeting, title=Title.objects.get(code="LDTT"), actor=secretariat)


def test_the_review_list_sends_a_title_to_the_council(client, plan, meeting, accepted, secretariat):
    client.force_login(secretariat)
    url = reverse("awards:review", kwargs={"plan": plan.pk})
    page = client.get(url).content.decode()
    assert "Gửi 3 “Lao động tiên tiến” đến Hội đồng" in page
    title = Title.objects.get(code="LDTT")
    response = client.post(
        reverse("awards:review_to_council", kwargs={"plan": plan.pk}),
        {"meeting": meeting.pk, "title": title.pk, "next": url},
        follow=True,
    )
    assert "Đã đưa 3 đề nghị “Lao động tiên tiến” vào chương trình cuộc họp ngày 20/12/2018." in (
        response.content.decode()
    )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 3


def test_a_meeting_of_another_province_is_not_found(client, plan, accepted, secretariat):
    other = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    other_plan = f.make_plan(other, 2018)
    member = f.make_staff(f.make_unit(other, "Văn phòng Nam Định", kind_code="department"))
    foreign = meeting_create(
        year_plan=other_plan, actor=secretariat, held_at=local_dt(2018, 12, 20, 8), members=[(member, "Ủy viên", True)]
    )
    client.force_login(secretariat)
    response = client.post(
        reverse("awards:review_to_council", kwargs={"plan": plan.pk}),
        {"meeting": foreign.pk, "title": Title.objects.get(code="LDTT").pk},
    )
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


def test_review_list_queries_stay_constant_with_the_bulk_section(client, province, plan, meeting, secretariat):
    def row(index):
        unit = f.make_unit(province)
        person = f.make_staff(unit)
        f.make_officer(unit)
        register(unit, plan, {})
        accept_all(propose(unit, plan, [(person, "LDTT", [])]), secretariat)

    client.force_login(secretariat)
    page = assert_list_queries(client, reverse("awards:review", kwargs={"plan": plan.pk}), row, expected=21)
    assert page.context["waiting_titles"] == [
        {"title_id": Title.objects.get(code="LDTT").pk, "title__name": "Lao động tiên tiến", "count": 3}
    ]


# --- Meeting: one tally for a group ------------------------------------------------------------------------------


def test_a_groups_tally_goes_to_every_line_not_counted_yet(meeting, accepted, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted[:3], actor=secretariat)
    exception = tally_record(item=items[1], actor=secretariat, yes=1, no=2, blank=0)
    recorded = tally_record_group(
        meeting=meeting, items=items, actor=secretariat, counts={"yes": 3, "no": 0, "blank": 0}
    )
    assert [item.pk for item in recorded] == [items[0].pk, items[2].pk]
    states = {item.line_id: item.approved for item in AgendaItem.objects.all()}
    assert states == {accepted[0].pk: True, accepted[1].pk: False, accepted[2].pk: True}
    exception.refresh_from_db()
    assert (exception.votes_yes, exception.votes_no) == (1, 2)
    entry = AuditEntry.objects.get(action="meeting.tally_group")
    assert entry.data["items"] == [items[0].pk, items[2].pk]


def test_a_refused_line_records_nothing_of_the_group(meeting, accepted, staff, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted[:3], actor=secretariat)
    discipline(staff[2], 2018)
    with pytest.raises(ValidationError) as error:
        tally_record_group(meeting=meeting, items=items, actor=secretariat, counts={"yes": 3, "no": 0, "blank": 0})
    assert len(error.value.messages) == 1 and error.value.messages[0].startswith("Lê Đức Cường – Lao động tiên tiến:")
    assert not AgendaItem.objects.filter(approved__isnull=False).exists()


def test_a_group_with_more_ballots_than_voters_is_refused(meeting, accepted, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted[:2], actor=secretariat)
    with pytest.raises(ValidationError, match="chỉ 3 thành viên có mặt"):
        tally_record_group(meeting=meeting, items=items, actor=secretariat, counts={"yes": 4, "no": 0, "blank": 0})
    assert not AgendaItem.objects.filter(approved__isnull=False).exists()


def test_the_group_form_records_the_group_and_the_not_chosen_exceptions(client, meeting, accepted, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted[:3], actor=secretariat)
    client.force_login(secretariat)
    client.post(
        reverse("awards:tally_group", kwargs={"pk": meeting.pk}),
        {
            "title": accepted[0].title_id,
            "yes": 3,
            "no": 0,
            "blank": 0,
            "written_yes": 0,
            "written_no": 0,
            "not_chosen_items": [items[2].pk],
        },
    )
    approved = dict(AgendaItem.objects.values_list("pk", "approved"))
    assert approved == {items[0].pk: True, items[1].pk: True, items[2].pk: False}


def test_meeting_page_groups_the_agenda_with_constant_queries(client, province, plan, meeting, secretariat):
    units = []

    def row(index):
        unit = f.make_unit(province)
        person = f.make_staff(unit)
        f.make_officer(unit)
        register(unit, plan, {})
        lines = propose(unit, plan, [(person, "LDTT", [])])
        accept_all(lines, secretariat)
        agenda_add(meeting=meeting, lines=lines, actor=secretariat)
        units.append(unit)

    client.force_login(secretariat)
    page = assert_list_queries(client, reverse("awards:meeting_detail", kwargs={"pk": meeting.pk}), row, expected=16)
    (group,) = page.context["table"]["groups"]
    assert (group.title.code, len(group.items), len(group.pending)) == ("LDTT", 3, 3)
    html = page.content.decode()
    assert html.count('class="row g-1 mt-1 group-tally"') == 1
    assert "Ghi cho 3 đề nghị" in html


def test_a_long_group_is_folded(client, meeting, plan, province, secretariat):
    lines = []
    for _ in range(6):
        unit = f.make_unit(province)
        person = f.make_staff(unit)
        f.make_officer(unit)
        register(unit, plan, {})
        lines += propose(unit, plan, [(person, "LDTT", [])])
    accept_all(lines, secretariat)
    agenda_add(meeting=meeting, lines=lines, actor=secretariat)
    client.force_login(secretariat)
    html = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert '<details class="agenda-items">' in html and '<details class="agenda-items" open>' not in html


# --- Closing a meeting: what happens, asked once -----------------------------------------------------------------


def test_the_confirmation_says_what_closing_does(client, meeting, accepted, secretariat):
    items = agenda_add(meeting=meeting, lines=accepted, actor=secretariat)
    tally_record(item=items[0], actor=secretariat, yes=3, no=0, blank=0)
    tally_record(item=items[1], actor=secretariat, yes=0, no=3, blank=0)
    client.force_login(secretariat)
    url = reverse("awards:meeting_close_confirm", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "2 đề nghị chưa kiểm phiếu" in page and 'id="confirm-close"' not in page
    tally_record(item=items[2], actor=secretariat, yes=3, no=0, blank=0)
    tally_record(item=items[3], actor=secretariat, yes=3, no=0, blank=0, chosen=False)
    assert meeting_close_summary(meeting) == (2, 1, 1, 0) or (
        tuple(vars(meeting_close_summary(meeting)).values()) == (2, 1, 1, 0)
    )
    page = client.get(url).content.decode()
    assert 'id="confirm-close"' in page and "Không gửi e-mail cho ai." in page
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED  # the page only asks
    client.post(reverse("awards:meeting_close", kwargs={"pk": meeting.pk}))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED


# --- Pickers -----------------------------------------------------------------------------------------------------


def test_member_choices_show_unit_and_year_of_birth_and_the_chair_is_a_member(province, unit, council):
    namesake = f.make_staff(unit, "Ủy viên Hội đồng Số00", date_of_birth=datetime.date(1980, 3, 2))
    staff = Staff.objects.filter(unit__province=province).select_related("unit").roster_order()
    form = MeetingForm(
        data={
            "held_at": "20/12/2018 08:00",
            "members": [council[0].pk, council[1].pk],
            "chair": namesake.pk,
            "secretary": council[1].pk,
        },
        staff=staff,
    )
    labels = [label for _value, label in form.fields["members"].choices]
    assert f"Ủy viên Hội đồng Số00 — {unit.display_name}, 1980" in labels
    assert "Ủy viên Hội đồng Số00 — Văn phòng, 1985" in labels
    assert 'data-picker-within="id_members"' in str(form["chair"])
    assert not form.is_valid()
    assert form.errors["chair"] == ["Chọn một thành viên của Hội đồng."]


def test_the_chair_chosen_among_the_members_is_kept_by_name(client, plan, council, secretariat):
    client.force_login(secretariat)
    client.post(
        reverse("awards:meeting_create", kwargs={"plan": plan.pk}),
        {
            "held_at": "20/12/2018 08:00",
            "members": [person.pk for person in council],
            "chair": council[0].pk,
            "secretary": council[2].pk,
        },
    )
    created = CouncilMeeting.objects.get()
    assert (created.chair, created.secretary) == ("Ủy viên Hội đồng Số00", "Ủy viên Hội đồng Số02")
