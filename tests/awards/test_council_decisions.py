import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from awards.enums import AwardStatus, DecisionKind, LineState
from awards.models import AwardRecord
from awards.services.council import agenda_add, meeting_close, meeting_create, tally_record
from awards.services.decisions import award_revoke, decision_create, decision_issue
from tests import factories as f
from tests.factories import accept_all, award, eligible_for_nganh, local_dt, propose, register


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def council(province):
    """Eleven members from the provincial office (not from the proposing district)."""
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    return [f.make_staff(office, f"Thành viên Hội đồng Số{i:02d}") for i in range(11)]


@pytest.fixture
def accepted_lines(province, plan, unit, staff, officer, secretary):
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    sector = eligible_for_nganh(unit, staff[0])
    lines = propose(
        unit,
        plan,
        [(staff[0], "CSTD_NGANH", [sector]), (staff[1], "LDTT", []), (staff[2], "LDTT", []), (None, "TTLDTT", [])],
    )
    accept_all(lines, secretary)
    return [lines[0], lines[1], lines[3]]


def make_meeting(plan, secretary, members, absent=()):
    return meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8, 0),
        members=[(person, "Ủy viên", person not in absent) for person in members],
        chair="Nguyễn Văn Thành",
        secretary="Trần Thị Thư",
    )


def test_nine_yes_of_eleven_members_with_ten_present_fails_ninety_percent(plan, secretary, council, accepted_lines):
    meeting = make_meeting(plan, secretary, council, absent=[council[10]])
    assert (meeting.members_total, meeting.members_present) == (11, 10)
    items = agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary)
    item = tally_record(item=items[0], actor=secretary, yes=9, no=1, blank=0)
    assert item.threshold == 90
    assert item.approval_percent == Decimal("81.82")
    assert item.approved is False
    item.line.refresh_from_db()
    assert item.line.state == LineState.NOT_APPROVED


def test_ten_yes_plus_the_absent_members_written_yes_passes(plan, secretary, council, accepted_lines):
    meeting = make_meeting(plan, secretary, council, absent=[council[10]])
    items = agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary)
    item = tally_record(item=items[0], actor=secretary, yes=10, no=0, blank=0, written_yes=1)
    assert (item.approval_percent, item.approved) == (Decimal("100.00"), True)


def test_a_member_from_the_proposing_unit_is_recused(plan, unit, secretary, council, accepted_lines):
    head_of_unit = f.make_staff(unit, "Phạm Văn Trưởng")
    meeting = make_meeting(plan, secretary, [*council[:10], head_of_unit])
    items = agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary)
    with pytest.raises(ValidationError):
        tally_record(item=items[1], actor=secretary, yes=11, no=0, blank=0)  # the recused member cannot vote
    item = tally_record(item=items[1], actor=secretary, yes=10, no=0, blank=0)
    # Counted on the whole council (the default vote base): 10/11, not 10/10.
    assert (item.recused, item.recused_names, item.approval_percent) == (1, "Phạm Văn Trưởng", Decimal("90.91"))
    assert (item.vote_base, item.vote_base_count) == ("members", 11)
    assert item.approved is True  # 10/11 members for the default 50 %


def test_tally_is_recorded_once_and_the_meeting_closes_only_when_all_are_counted(
    plan, secretary, council, accepted_lines
):
    meeting = make_meeting(plan, secretary, council)
    items = agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary)
    tally_record(item=items[0], actor=secretary, yes=11, no=0, blank=0)
    with pytest.raises(ValidationError):
        tally_record(item=items[0], actor=secretary, yes=1, no=0, blank=0)
    with pytest.raises(ValidationError):
        meeting_close(meeting=meeting, actor=secretary)
    for item in items[1:]:
        tally_record(item=item, actor=secretary, yes=6, no=5, blank=0)
    meeting_close(meeting=meeting, actor=secretary)
    with pytest.raises(ValidationError):
        agenda_add(meeting=meeting, lines=[], actor=secretary)


def test_only_accepted_lines_go_on_the_agenda(province, plan, unit, staff, officer, secretary, council):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    meeting = make_meeting(plan, secretary, council)
    with pytest.raises(ValidationError):
        agenda_add(meeting=meeting, lines=[line], actor=secretary)


def approve_all(plan, secretary, council, lines):
    meeting = make_meeting(plan, secretary, council)
    for item in agenda_add(meeting=meeting, lines=lines, actor=secretary):
        tally_record(item=item, actor=secretary, yes=11, no=0, blank=0)
    for line in lines:
        line.refresh_from_db()
    return meeting


def test_decision_creates_award_records_and_tells_the_unit(
    django_capture_on_commit_callbacks, plan, unit, officer, secretary, council, accepted_lines
):
    approve_all(plan, secretary, council, accepted_lines)
    nganh, ldtt, collective = accepted_lines
    with pytest.raises(ValidationError, match="không có thẩm quyền"):
        decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[nganh], actor=secretary)
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[ldtt, collective], actor=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        decision_issue(decision=decision, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    records = AwardRecord.objects.filter(decision=decision).order_by("title__code")
    assert [(r.title.code, r.staff_id, r.year, r.decision_number) for r in records] == [
        ("LDTT", ldtt.staff_id, 2018, "45/QĐ-VKS"),
        ("TTLDTT", None, 2018, "45/QĐ-VKS"),
    ]
    ldtt.refresh_from_db()
    assert ldtt.state == LineState.DECIDED
    message = next(m for m in mail.outbox if officer.email in m.to)
    assert "45/QĐ-VKS" in message.subject and "Trần Thị Bình" in message.body


def test_forwarding_then_recording_the_higher_decision(plan, secretary, council, accepted_lines):
    approve_all(plan, secretary, council, accepted_lines)
    nganh = accepted_lines[0]
    submission = decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=[nganh], actor=secretary)
    decision_issue(decision=submission, actor=secretary, number="12/TTr-VKS", issued_on=datetime.date(2018, 12, 26))
    nganh.refresh_from_db()
    assert nganh.state == LineState.FORWARDED
    assert not AwardRecord.objects.filter(line__isnull=False).exists()
    external = decision_create(
        year_plan=plan,
        kind=DecisionKind.EXTERNAL,
        lines=[nganh],
        actor=secretary,
        issuer="Viện kiểm sát nhân dân tối cao",
    )
    decision_issue(decision=external, actor=secretary, number="38/QĐ-VKSTC", issued_on=datetime.date(2019, 1, 20))
    record = AwardRecord.objects.get(line=nganh)
    assert (record.title.code, record.level, record.decision_number) == (
        "CSTD_NGANH",
        "supreme_procuracy",
        "38/QĐ-VKSTC",
    )


def test_a_decision_number_is_used_once(plan, secretary, council, accepted_lines):
    approve_all(plan, secretary, council, accepted_lines)
    first = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[accepted_lines[1]], actor=secretary)
    decision_issue(decision=first, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    second = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[accepted_lines[2]], actor=secretary)
    with pytest.raises(ValidationError, match="45/QĐ-VKS"):
        decision_issue(decision=second, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))


def test_revoking_keeps_the_award_in_history_and_removes_it_from_streaks(plan, unit, staff, secretary):

    record = award(staff[0], "CSTDCS", 2016)
    award_revoke(
        award=record,
        actor=secretary,
        revoked_by="03/QĐ-VKS",
        revoked_on=datetime.date(2018, 3, 1),
        reason="Kê khai không trung thực",
    )
    record.refresh_from_db()
    assert (record.status, record.revoked_by) == (AwardStatus.REVOKED, "03/QĐ-VKS")
    assert AwardRecord.objects.valid().count() == 0
    with pytest.raises(ValidationError):
        award_revoke(award=record, actor=secretary, revoked_by="x", revoked_on=datetime.date(2018, 3, 1), reason="y")
