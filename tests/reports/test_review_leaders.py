"""Issue 15: the leaders' share in the year-end review (plan II.2.9 "quan tâm khen thưởng … người lao động trực
tiếp") counts the position a person held when the award was conferred (``AwardRecord.was_leader``), filled by a
decision, by the import of past awards and in the demo; a record without it counts by today's position, and the
review says how many did."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from awards.enums import LineState
from awards.imports import AWARD_COLUMNS, past_awards_apply, past_awards_check
from awards.models import AwardRecord
from awards.services.decisions import award_history_record, decision_create, decision_issue
from awards.services.lines import line_transition
from reports.reviews import review_blocks, review_figures
from tests import factories as f
from tests.factories import propose, register
from units.services import staff_update

DIRECT = "Trong 1 lượt khen thưởng cá nhân, có 1 lượt (100 %) khen thưởng người lao động trực tiếp"
LEADER = "Trong 1 lượt khen thưởng cá nhân, có 0 lượt (0 %) khen thưởng người lao động trực tiếp"
NOTE = "lượt khen thưởng chưa ghi chức vụ tại thời điểm khen thưởng được tính theo chức vụ hiện nay"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def review_text(plan, unit) -> tuple:
    figures = review_figures(plan, unit)
    text = "\n".join(block.text for block in review_blocks(figures) if not block.is_table)
    return (figures.award_persons, figures.award_leaders, figures.award_direct), text


def decide(unit, plan, person, secretariat) -> AwardRecord:
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(person, "LDTT", [])])
    line_transition(line=line, to_state=LineState.ACCEPTED, actor=secretariat)
    line_transition(line=line, to_state=LineState.APPROVED, actor=secretariat)
    decision = decision_create(year_plan=plan, kind="decision", lines=[line], actor=secretariat)
    decision_issue(decision=decision, actor=secretariat, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    return AwardRecord.objects.get(staff=person)


@pytest.mark.parametrize("promoted", ["after the decision", "before the decision"])
def test_a_person_promoted_after_the_award_counts_as_working_directly_for_that_year(
    promoted, unit, plan, staff, secretariat
):
    person = staff[0]
    assert not person.is_leader
    if promoted == "before the decision":
        staff_update(staff=person, actor=secretariat, position="Phó Viện trưởng")
    record = decide(unit, plan, person, secretariat)
    if promoted == "after the decision":
        staff_update(staff=person, actor=secretariat, position="Phó Viện trưởng")
    person.refresh_from_db()
    assert person.is_leader
    counts, text = review_text(plan, unit)
    if promoted == "after the decision":
        assert record.was_leader is False
        assert counts == (1, 0, 1) and DIRECT in text
    else:
        assert record.was_leader is True
        assert counts == (1, 1, 0) and LEADER in text
    assert NOTE not in text


def test_a_leader_who_stepped_down_after_the_award_still_counts_as_a_leader(unit, plan, staff, secretariat):
    person = staff[1]
    staff_update(staff=person, actor=secretariat, position="Viện trưởng")
    record = decide(unit, plan, person, secretariat)
    staff_update(staff=person, actor=secretariat, position="Kiểm sát viên sơ cấp")
    person.refresh_from_db()
    assert record.was_leader is True and not person.is_leader
    counts, text = review_text(plan, unit)
    assert counts == (1, 1, 0) and LEADER in text


def past(person=None, *, was_leader=None, unit=None, code="LDTT"):
    return award_history_record(
        title=f.title(code),
        year=2018,
        staff=person,
        unit=unit,
        decision_number="15/QĐ-VKS",
        decision_date=datetime.date(2018, 12, 20),
        actor=None,
        was_leader=was_leader,
    )


def test_a_past_award_without_the_position_counts_by_todays_and_the_review_says_so(unit, plan, staff, secretariat):
    staff_update(staff=staff[0], actor=secretariat, position="Trưởng phòng")
    record = past(staff[0])
    assert record.was_leader is None
    counts, text = review_text(plan, unit)
    assert counts == (1, 1, 0)
    assert "Ghi chú: 1 " + NOTE + " của người được khen." in text


def test_a_past_award_with_the_position_counts_by_it_whatever_today_says(unit, plan, staff, secretariat):
    staff_update(staff=staff[0], actor=secretariat, position="Trưởng phòng")
    past(staff[0], was_leader=False)  # a leader now, working directly when the award was given
    past(staff[1], was_leader=True)
    counts, text = review_text(plan, unit)
    assert counts == (2, 1, 1) and NOTE not in text
    assert "Trong 2 lượt khen thưởng cá nhân, có 1 lượt (50 %) khen thưởng người lao động trực tiếp" in text
    assert past(unit=unit, code="TTLDTT", was_leader=True).was_leader is None  # a collective holds no position


# --- The import of past awards ---------------------------------------------------------------------------------


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in AWARD_COLUMNS])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("khen-thuong.xlsx", output.getvalue())


def row(unit, name, born, leader):
    return ["15/QĐ-VKS", "10/01/2018", "", "Lao động tiên tiến", 2017, unit.code, name, born, leader]


def test_the_import_reads_the_position_at_the_time(unit, staff, province, secretariat):
    assert AWARD_COLUMNS[-1].header == "Lãnh đạo, quản lý khi được khen" and not AWARD_COLUMNS[-1].required
    upload = xlsx(
        [
            row(unit, "Nguyễn Văn An", "01/05/1985", "Có"),
            row(unit, "Trần Thị Bình", "", "không"),
            row(unit, "Lê Đức Cường", "", ""),
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretariat)
    assert batch.problems == []
    choices = {r["line"]: str(r["candidates"][0]["id"]) for r in batch.rows if r["action"] == "choose"}
    past_awards_apply(batch=batch, actor=secretariat, choices=choices)
    recorded = dict(AwardRecord.objects.values_list("staff__full_name", "was_leader"))
    assert recorded == {"Nguyễn Văn An": True, "Trần Thị Bình": False, "Lê Đức Cường": None}


def test_the_import_refuses_an_unknown_answer_and_a_collectives_position(unit, staff, province, secretariat):
    upload = xlsx([row(unit, "Nguyễn Văn An", "01/05/1985", "Trưởng phòng"), row(unit, "", "", "Có")])
    batch = past_awards_check(province=province, upload=upload, actor=secretariat)
    problems = {(p["line"], p["column"], p["message"]) for p in batch.problems}
    column = "Lãnh đạo, quản lý khi được khen"
    assert (2, column, "Ghi “Có” hoặc “Không”, hoặc để trống.") in problems
    assert (3, column, "Chỉ khen thưởng cá nhân mới ghi chức vụ lãnh đạo, quản lý.") in problems
