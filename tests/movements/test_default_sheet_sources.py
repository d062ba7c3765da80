"""Issue 15: the default scoring sheet fills three more criteria from the records, where the plan makes them a
unit's duty: the unit's own plan or programme (II.2.8, III.1), the leaders' news items and articles (II.2.7) and
the inspection findings fixed by their date (II.2.8, III.4). A new plan's sheet has them, and their points move
with the data."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.services.inspections import finding_answer, finding_review
from movements.enums import AutoSource
from movements.scoring import scoring_sheet_create, sheet_criteria, unit_score_start
from movements.unit_services import unit_plan_save
from tests import factories as f
from tests.awards.test_inspections import inspection_plan, issued, make_inspection, team  # noqa: F401 - fixtures
from tests.factories import local_dt
from tests.movements.test_scoring import automatic
from units.articles import article_create

NEW_SOURCES = (AutoSource.UNIT_PLAN, AutoSource.LEADERS_ARTICLES, AutoSource.INSPECTION_FINDINGS)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def points(sheet, unit, actor) -> dict:
    """The three criteria's (points, evidence), computed afresh as the unit's score page does."""
    values = automatic(unit_score_start(sheet=sheet, unit=unit, actor=actor))
    return {source: values[source] for source in NEW_SOURCES}


def test_a_new_plans_sheet_has_the_three_criteria_in_group_ii(province, secretariat):
    plan = f.make_plan(province, 2019)
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    by_source = {c.auto_source: c for c in sheet_criteria(sheet) if c.auto_source}
    for source, section in zip(NEW_SOURCES, ("II.2.8, III.1", "II.2.7", "II.2.8, III.4"), strict=True):
        criterion = by_source[source]
        assert criterion.group.name == "II. Công tác thi đua, khen thưởng"
        assert (criterion.max_points, criterion.evidence_required) == (Decimal("5.00"), False)
        assert f"Kế hoạch, mục {section}" in criterion.name
    assert sum(c.max_points for c in sheet_criteria(sheet)) == Decimal("100.00")
    assert [b.min_points for b in sheet.bands.all()] == [95, 80, 50, 0]


def test_the_units_plan_gives_its_points_when_submitted_by_the_deadline(province, unit, officer, secretariat):
    plan = f.make_plan(province, 2018, unit_plan_deadline=datetime.date(2018, 1, 31))
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    assert points(sheet, unit, officer)[AutoSource.UNIT_PLAN] == (
        Decimal("0.00"),
        "Chưa gửi kế hoạch, chương trình thi đua của đơn vị.",
    )
    unit_plan_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        number="05/KH-VKS",
        issued_on=datetime.date(2018, 1, 20),
        signer="Phạm Văn Hùng",
        theme="Đoàn kết, kỷ cương",
        files=[SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf")],
        submit=True,
        now=local_dt(2018, 1, 25, 9),
    )
    assert points(sheet, unit, officer)[AutoSource.UNIT_PLAN] == (
        Decimal("5.00"),
        "Đã gửi kế hoạch, chương trình thi đua ngày 25/01/2018.",
    )


def test_the_leaders_articles_give_a_point_each_up_to_five(plan, unit, officer, secretariat):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    head = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng")
    writer = f.make_staff(unit, "Trần Thị Bình")

    def write(index, authors, day=datetime.date(2018, 3, 1)):
        article_create(
            unit=unit,
            actor=officer,
            authors=authors,
            title=f"Tin, bài số {index}",
            outlet="sector_website",
            published_on=day + datetime.timedelta(days=index),
        )

    write(0, [writer])  # no leader among the authors
    write(1, [head], day=datetime.date(2017, 3, 1))  # another year
    assert points(sheet, unit, officer)[AutoSource.LEADERS_ARTICLES][0] == Decimal("0.00")
    write(2, [head, writer])
    write(3, [head])
    assert points(sheet, unit, officer)[AutoSource.LEADERS_ARTICLES] == (
        Decimal("2.00"),
        "Lãnh đạo đơn vị có 2 tin, bài trong năm 2018 (mỗi tin, bài 1 điểm, tối đa 5 điểm).",
    )
    for index in range(4, 9):
        write(index, [head])
    assert points(sheet, unit, officer)[AutoSource.LEADERS_ARTICLES] == (
        Decimal("5.00"),
        "Lãnh đạo đơn vị có 7 tin, bài trong năm 2018 (mỗi tin, bài 1 điểm, tối đa 5 điểm).",
    )


def test_a_finding_past_its_date_takes_the_inspection_points_until_it_is_fixed(
    plan,
    inspection_plan,  # noqa: F811
    unit,
    team,  # noqa: F811
    officer,
    secretariat,
):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    assert points(sheet, unit, officer)[AutoSource.INSPECTION_FINDINGS][0] == Decimal("5.00")
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)  # due 31/10/2018
    assert points(sheet, unit, officer)[AutoSource.INSPECTION_FINDINGS] == (
        Decimal("0.00"),
        "1 tồn tại sau kiểm tra quá hạn chưa khắc phục (hạn 31/10/2018).",
    )
    finding = inspection.findings.get()
    finding_answer(finding=finding, actor=officer, answer="Đã bổ sung hồ sơ")
    finding_review(finding=finding, actor=secretariat, accept=True)
    assert points(sheet, unit, officer)[AutoSource.INSPECTION_FINDINGS] == (
        Decimal("5.00"),
        "Không có tồn tại quá hạn chưa khắc phục (1 tồn tại được nêu).",
    )
