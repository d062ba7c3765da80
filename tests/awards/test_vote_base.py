"""What a council approval is a percentage of (issue 10 point 8): the whole council by default (NĐ 91/2017 Art.
45(8) "tổng số thành viên Hội đồng"), the council less the recused members if the rule set says so."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards.enums import LineState, VoteBase
from awards.models import RuleSet
from awards.services.council import agenda_add, agenda_outlooks, meeting_create, tally_record
from reports.documents import vote_minutes_document
from tests import factories as f
from tests.factories import accept_all, eligible_for_nganh, local_dt, propose, register


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def office(province):
    return f.make_unit(province, "Văn phòng", kind_code="department")


@pytest.fixture
def nganh_line(plan, unit, staff, officer, secretary):
    """Nguyễn Văn An (Đông Hưng) for Chiến sĩ thi đua ngành: 90 % of the council."""
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    sector = eligible_for_nganh(unit, staff[0])
    (line,) = accept_all(propose(unit, plan, [(staff[0], "CSTD_NGANH", [sector])]), secretary)
    assert line.state == LineState.ACCEPTED
    return line


def council_with_recused(office, unit, recused: int):
    """Eleven members, ``recused`` of them from Đông Hưng, the proposing unit."""
    others = [f.make_staff(office, f"Thành viên Hội đồng Số{i:02d}") for i in range(11 - recused)]
    return others + [f.make_staff(unit, f"Lãnh đạo Đông Hưng Số{i}") for i in range(recused)]


def meeting_on(plan, secretary, members, line):
    meeting = meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8, 0),
        members=[(person, "Ủy viên", True) for person in members],
        chair="Nguyễn Văn Thành",
        secretary="Trần Thị Thư",
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretary)
    return meeting, item


def set_vote_base(year: int, base: str) -> RuleSet:
    rule_set = RuleSet.objects.for_year(year)
    RuleSet.objects.filter(pk=rule_set.pk).update(vote_base=base)  # as the secretariat would in the admin
    return rule_set


def minutes_html(meeting) -> str:
    return "".join(vote_minutes_document(meeting).parts)


def test_nine_yes_with_one_recused_fails_ninety_percent_on_the_whole_council(plan, unit, office, secretary, nganh_line):
    meeting, item = meeting_on(plan, secretary, council_with_recused(office, unit, 1), nganh_line)
    item = tally_record(item=item, actor=secretary, yes=9, no=1, blank=0)
    assert (item.recused, item.threshold) == (1, 90)
    assert (item.vote_base, item.vote_base_count) == (VoteBase.MEMBERS, 11)
    assert (item.approval_percent, item.approved) == (Decimal("81.82"), False)
    nganh_line.refresh_from_db()
    assert nganh_line.state == LineState.NOT_APPROVED
    assert "tính trên tổng số 11 thành viên Hội đồng" in minutes_html(meeting)


def test_nine_yes_with_one_recused_passes_when_the_rule_set_counts_without_the_recused(
    plan, unit, office, secretary, nganh_line
):
    set_vote_base(2018, VoteBase.MEMBERS_LESS_RECUSED)
    meeting, item = meeting_on(plan, secretary, council_with_recused(office, unit, 1), nganh_line)
    item = tally_record(item=item, actor=secretary, yes=9, no=1, blank=0)
    assert (item.vote_base, item.vote_base_count) == (VoteBase.MEMBERS_LESS_RECUSED, 10)
    assert (item.approval_percent, item.approved) == (Decimal("90.00"), True)
    nganh_line.refresh_from_db()
    assert nganh_line.state == LineState.APPROVED
    html = minutes_html(meeting)
    assert "tính trên 10 thành viên (trừ 1 thành viên không biểu quyết)" in html
    assert "tổng số 11 thành viên" not in html


def test_two_recused_make_ninety_percent_unreachable_on_eleven_members(
    client, plan, unit, office, secretary, nganh_line
):
    meeting, item = meeting_on(plan, secretary, council_with_recused(office, unit, 2), nganh_line)
    meeting.refresh_from_db()
    outlook = agenda_outlooks(meeting, [item])[item.pk]
    assert (outlook.voters, outlook.base_count, outlook.max_percent, outlook.reachable) == (
        9,
        11,
        Decimal("81.8"),
        False,
    )
    client.force_login(secretary)
    page = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "Không thể đạt 90 %: tối đa 9/11 thành viên được biểu quyết (81,8 %)" in page
    assert "Tính trên tổng số 11 thành viên Hội đồng; cần 90 %" in page


def test_no_warning_when_the_recused_are_left_out_of_the_base(client, plan, unit, office, secretary, nganh_line):
    set_vote_base(2018, VoteBase.MEMBERS_LESS_RECUSED)
    meeting, item = meeting_on(plan, secretary, council_with_recused(office, unit, 2), nganh_line)
    client.force_login(secretary)
    page = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "Không thể đạt" not in page
    assert "Tính trên 9 thành viên (trừ 2 thành viên không biểu quyết); cần 90 %" in page


def test_one_recused_of_eleven_still_reaches_ninety_percent(plan, unit, office, secretary, nganh_line):
    meeting, item = meeting_on(plan, secretary, council_with_recused(office, unit, 1), nganh_line)
    meeting.refresh_from_db()
    outlook = agenda_outlooks(meeting, [item])[item.pk]
    assert (outlook.voters, outlook.base_count, outlook.max_percent, outlook.reachable) == (
        10,
        11,
        Decimal("90.9"),
        True,
    )
    assert outlook.warning == ""
