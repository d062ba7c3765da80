"""The minutes of the vote count and the meeting page print a zero count as "0" (issue 10 point 14)."""

import re

import pytest
from django.urls import reverse

from awards.enums import LineState
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.lines import line_transition
from reports.documents import vote_minutes_document
from tests import factories as f
from tests.factories import local_dt, propose, register


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def meeting(province, plan, unit, staff, officer, secretary):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    line_transition(line=line, to_state=LineState.ACCEPTED, actor=secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(11)]
    meeting = meeting_create(
        year_plan=plan, actor=secretary, held_at=local_dt(2018, 12, 20, 8), members=members, chair="Nguyễn Văn Thành"
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretary)
    tally_record(item=item, actor=secretary, yes=11, no=0, blank=0)
    return meeting


def cells(html: str) -> list[str]:
    """The cells of the tally table's only body row, without their tags."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"<[^>]+>", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]


def test_minutes_print_zero_votes_as_zero(meeting):
    html = "".join(vote_minutes_document(meeting).parts)
    number, subject, title, yes, no, blank, recused, percent, result = cells(html)
    assert (subject, title) == ("Nguyễn Văn An, Viện kiểm sát nhân dân huyện Đông Hưng", "Lao động tiên tiến")
    assert (yes, no, blank, recused) == ("11", "0", "0", "0")
    assert result == "Đạt"


def test_minutes_leave_the_counts_of_an_untallied_line_empty(province, plan, unit, staff, officer, secretary):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    line_transition(line=line, to_state=LineState.ACCEPTED, actor=secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(3)]
    meeting = meeting_create(year_plan=plan, actor=secretary, held_at=local_dt(2018, 12, 20, 8), members=members)
    agenda_add(meeting=meeting, lines=[line], actor=secretary)
    html = "".join(vote_minutes_document(meeting).parts)
    _number, _subject, _title, yes, no, blank, recused, percent, result = cells(html)
    assert (yes, no, blank, recused, percent, result) == ("", "", "", "", "", "Chưa kiểm phiếu")


def test_meeting_page_prints_zero_votes(client, meeting, secretary):
    client.force_login(secretary)
    page = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    tally = re.sub(r"\s+", " ", page.split('id="agenda-table"', 1)[1])
    assert "Đồng ý 11 · Không đồng ý 0 · Trắng 0" in tally
