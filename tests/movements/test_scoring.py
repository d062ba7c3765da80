"""Unit scoring: the sheet, criteria computed from the records, the self-score and its reviews, the ranking, its
pages and documents."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from movements.enums import AutoSource, ScoreState
from movements.models import ClusterYear, ScoringCriterion, ScoringSheet, UnitScore
from movements.scoring import (
    band_for,
    can_cluster_review,
    cluster_rankings,
    ranking,
    scoring_sheet_create,
    sheet_criteria,
    unit_score_cluster_review,
    unit_score_self,
    unit_score_start,
)
from movements.services import exemplary_add, movement_create, movement_report_save, movement_update, pledge_save
from registrations.services import (
    deadline_extension_grant,
    registration_return,
    registration_save_draft,
    registration_submit,
)
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from tests import factories as f
from tests.factories import count_queries, full_lines, local_dt, pdf_text, register
from units.models import AuditEntry, Cluster, Unit
from units.selectors import audit_trail

EVIDENCE = "Báo cáo tổng kết công tác năm 2018, số 12/BC-VKS"
# The default sheet's criteria of plan II.2.7, II.2.8, III.1 and III.4 for a unit with no plan, article or inspection.
NEW_SOURCES_EMPTY = {
    AutoSource.UNIT_PLAN: (Decimal("0.00"), "Chưa gửi kế hoạch, chương trình thi đua của đơn vị."),
    AutoSource.LEADERS_ARTICLES: (
        Decimal("0.00"),
        "Lãnh đạo đơn vị có 0 tin, bài trong năm 2018 (mỗi tin, bài 1 điểm, tối đa 5 điểm).",
    ),
    AutoSource.INSPECTION_FINDINGS: (Decimal("5.00"), "Không có tồn tại sau kiểm tra phải khắc phục."),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sheet(plan, secretariat):
    return scoring_sheet_create(year_plan=plan, actor=secretariat)


# --- Helpers -----------------------------------------------------------------------------------------------------


def english(client):
    """Messages of the scoring are checked in English, whatever the Vietnamese catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def manual_criteria(sheet) -> list[ScoringCriterion]:
    """The criteria the unit scores itself: 32 (evidence), 12 (evidence), 8 (evidence), 8 points."""
    return [c for c in sheet_criteria(sheet) if not c.auto_source]


def self_score(unit, sheet, manual_points, *, submit=False):
    """Start the unit's score and give its own criteria ``manual_points`` in all, filled in sheet order."""
    actor = unit.officers.first() or f.make_officer(unit)
    score = unit_score_start(sheet=sheet, unit=unit, actor=actor)
    left, values = Decimal(manual_points), {}
    for criterion in manual_criteria(sheet):
        points = min(left, criterion.max_points)
        left -= points
        values[criterion.pk] = (points, EVIDENCE)
    assert left == 0
    return unit_score_self(score=score, actor=actor, values=values, submit=submit)


def sign_and_register(unit, plan):
    """The records worth 10 automatic points: a pledge and a registration on time (with the 5 points of the
    movement criterion when no movement is due and the 5 of the inspections' when no finding is past its date, a
    unit starts at 20)."""
    officer = unit.officers.first() or f.make_officer(unit)
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 12),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    register(unit, plan, {})


def automatic(score) -> dict[str, tuple[Decimal, str]]:
    rows = score.criterion_scores.select_related("criterion").exclude(criterion__auto_source="")
    return {row.criterion.auto_source: (row.auto_points, row.auto_evidence) for row in rows}


def launch(province, secretariat, name, deadline=datetime.date(2018, 8, 10), **fields):
    defaults = {
        "launched_by": "province",
        "kind": "periodic",
        "start_date": datetime.date(2018, 4, 1),
        "end_date": datetime.date(2018, 7, 26),
    }
    return movement_create(
        province=province, actor=secretariat, name=name, report_deadline=deadline, **{**defaults, **fields}
    )


def score_url(plan, unit):
    return reverse("movements:unit_score", kwargs={"plan": plan.pk, "unit": unit.pk})


def table_rows(html: str, table_class: str) -> list[list[list[str]]]:
    """The cells' text of every table with that class, row by row."""
    tables = re.findall(rf'<table class="[^"]*{table_class}[^"]*"[^>]*>.*?<tbody>(.*?)</tbody>', html, re.S)
    return [
        [
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        ]
        for table in tables
    ]


# --- The sheet ---------------------------------------------------------------------------------------------------


def test_first_sheet_is_the_default_one_and_is_audited(plan, sheet, secretariat):
    assert (sheet.name, sheet.copied_from) == ("Bảng chấm điểm thi đua năm 2018", None)
    assert [g.name for g in sheet.groups.all()] == [
        "I. Thực hiện chức năng, nhiệm vụ được giao",
        "II. Công tác thi đua, khen thưởng",
        "III. Xây dựng đơn vị",
    ]
    assert [(c.group.position, c.max_points, c.evidence_required, c.auto_source) for c in sheet_criteria(sheet)] == [
        (1, 32, True, ""),
        (1, 12, True, ""),
        (2, 5, False, AutoSource.REGISTRATION_ON_TIME),
        (2, 5, False, AutoSource.PLEDGE_SIGNED),
        (2, 5, False, AutoSource.EXEMPLARY_NAMED),
        (2, 5, False, AutoSource.MOVEMENT_REPORTS),
        (2, 5, False, AutoSource.STAFF_RECORDS),
        (2, 5, False, AutoSource.UNIT_PLAN),
        (2, 5, False, AutoSource.LEADERS_ARTICLES),
        (2, 5, False, AutoSource.INSPECTION_FINDINGS),
        (3, 8, True, ""),
        (3, 8, False, ""),
    ]
    assert sum(c.max_points for c in sheet_criteria(sheet)) == 100
    assert [(b.name, b.min_points, b.title.code if b.title else None) for b in sheet.bands.all()] == [
        ("Xuất sắc", 95, "TTLDXS"),
        ("Tiên tiến", 80, "TTLDTT"),
        ("Hoàn thành nhiệm vụ", 50, None),
        ("Không hoàn thành nhiệm vụ", 0, None),
    ]
    (entry,) = audit_trail(sheet)
    assert (entry.action, entry.actor, entry.unit, entry.data) == (
        "scoring_sheet.create",
        secretariat,
        plan.province,
        {"copied_from": None},
    )


def layout(sheet):
    return (
        [
            (c.group.name, c.group.position, c.name, c.max_points, c.deductions, c.evidence_required, c.auto_source)
            for c in sheet_criteria(sheet)
        ],
        [(b.name, b.min_points, b.title_id) for b in sheet.bands.all()],
    )


def test_next_year_copies_the_latest_earlier_sheet_with_its_edits(province, plan, sheet, secretariat):
    older = scoring_sheet_create(year_plan=f.make_plan(province, 2017), actor=secretariat)
    main = ScoringCriterion.objects.get(group__sheet=sheet, group__position=1, position=1)
    main.name, main.max_points, main.deductions = (
        "Hoàn thành 100% chỉ tiêu nghiệp vụ",
        35,
        "Mỗi chỉ tiêu không đạt trừ 2",
    )
    main.save()
    ScoringCriterion.objects.create(
        group=main.group, name="Ứng dụng công nghệ thông tin", max_points=5, evidence_required=True, position=3
    )
    sheet.bands.filter(name="Tiên tiến").update(min_points=85)

    copy = scoring_sheet_create(year_plan=f.make_plan(province, 2019), actor=secretariat)

    assert copy.copied_from == sheet != older
    assert layout(copy) == layout(sheet) != layout(older)
    criteria, bands = layout(copy)
    assert criteria[0][2:5] == ("Hoàn thành 100% chỉ tiêu nghiệp vụ", Decimal("35.00"), "Mỗi chỉ tiêu không đạt trừ 2")
    assert criteria[2][2:4] == ("Ứng dụng công nghệ thông tin", Decimal("5.00"))
    assert ("Tiên tiến", Decimal("85.00")) in [band[:2] for band in bands]
    assert not set(sheet_criteria(copy)) & set(sheet_criteria(sheet))  # new rows, the old year stays as it was
    assert audit_trail(copy)[0].data == {"copied_from": sheet.pk}


def test_a_year_has_one_sheet(plan, sheet, secretariat):
    with translation.override("en"), pytest.raises(ValidationError, match="The scoring sheet of 2018 already exists"):
        scoring_sheet_create(year_plan=plan, actor=secretariat)
    assert ScoringSheet.objects.count() == 1
    assert AuditEntry.objects.filter(action="scoring_sheet.create").count() == 1


# --- Criteria computed from the records --------------------------------------------------------------------------


def test_automatic_criteria_come_from_the_units_records(
    province, plan, sheet, unit, officer, other_unit, other_officer, secretariat
):
    people = [
        f.make_staff(unit, "Nguyễn Văn An"),
        f.make_staff(unit, "Trần Thị Bình", gender="female"),
        f.make_staff(unit, "Lê Đức Cường", rank=""),  # incomplete record
    ]
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, people), now=local_dt(2018, 1, 15, 9, 30)
    )
    registration_save_draft(unit=other_unit, year_plan=plan, actor=other_officer, lines=[], now=local_dt(2018, 1, 15))
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 12),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    for person in people[:2]:
        exemplary_add(year_plan=plan, staff=person, actor=officer, account="Gương mẫu, tận tụy")
    on_time = launch(province, secretariat, "Thi đua chào mừng 58 năm thành lập ngành")
    late = launch(province, secretariat, "Thi đua thực hiện Chỉ thị 05")
    launch(province, secretariat, "Phong trào của Hưng Hà", all_units=False, units=[other_unit])
    launch(
        province,
        secretariat,
        "Phong trào cuối năm",
        start_date=datetime.date(2018, 11, 1),
        end_date=datetime.date(2018, 12, 31),
        deadline=datetime.date(2019, 1, 10),  # reported on next year
    )
    for movement in (on_time, late):
        movement_report_save(
            movement=movement, unit=unit, actor=officer, summary="Đã triển khai", submit=True, now=local_dt(2018, 8, 5)
        )
    # The secretariat brought the deadline forward: the report sent on 05/08 is now late.
    movement_update(movement=late, actor=secretariat, report_deadline=datetime.date(2018, 8, 1))

    score = unit_score_start(sheet=sheet, unit=unit, actor=officer)
    values = automatic(score)
    registration_points, registration_evidence = values.pop(AutoSource.REGISTRATION_ON_TIME)
    assert registration_points == Decimal("5.00")
    assert registration_evidence.startswith("Gửi đăng ký lúc ") and registration_evidence.endswith("hạn 17/01/2018.")
    assert values == {
        AutoSource.PLEDGE_SIGNED: (Decimal("5.00"), "Đã ký giao ước thi đua."),
        AutoSource.EXEMPLARY_NAMED: (Decimal("5.00"), "Đã giới thiệu 2 điển hình tiên tiến."),
        AutoSource.MOVEMENT_REPORTS: (Decimal("2.50"), "1/2 báo cáo phong trào gửi đúng hạn."),
        AutoSource.STAFF_RECORDS: (
            Decimal("3.33"),
            "2/3 cán bộ có đủ ngày sinh, chức vụ, ngạch và ngày vào ngành.",
        ),
        **NEW_SOURCES_EMPTY,
    }
    # While the unit scores itself, the computed points are its own; the manual criteria are still empty.
    assert score.self_total == Decimal("25.83")

    other = unit_score_start(sheet=sheet, unit=other_unit, actor=other_officer)
    assert automatic(other) == {
        AutoSource.REGISTRATION_ON_TIME: (Decimal("0.00"), "Chưa gửi đăng ký trước hạn 17/01/2018."),
        AutoSource.PLEDGE_SIGNED: (Decimal("0.00"), "Chưa ký giao ước thi đua."),
        AutoSource.EXEMPLARY_NAMED: (Decimal("0.00"), "Đã giới thiệu 0 điển hình tiên tiến."),
        AutoSource.MOVEMENT_REPORTS: (Decimal("0.00"), "0/3 báo cáo phong trào gửi đúng hạn."),
        AutoSource.STAFF_RECORDS: (Decimal("0.00"), "Đơn vị chưa có cán bộ trong phần mềm."),
        **NEW_SOURCES_EMPTY,
    }
    assert other.self_total == 5  # no finding of an inspection is past its date


def test_registration_points_follow_the_units_deadline_and_state(province, plan, sheet, secretariat):
    extended, returned = f.make_unit(province), f.make_unit(province)
    deadline_extension_grant(
        unit=extended, year_plan=plan, new_deadline=datetime.date(2018, 1, 24), reason="Lũ lụt", actor=secretariat
    )
    registration_submit(
        unit=extended,
        year_plan=plan,
        actor=f.make_officer(extended),
        lines=full_lines(extended, []),
        now=local_dt(2018, 1, 22),
    )
    registration_return(registration=register(returned, plan, {}), actor=secretariat, reason="Thiếu tập thể")

    points, evidence = automatic(unit_score_start(sheet=sheet, unit=extended, actor=secretariat))[
        AutoSource.REGISTRATION_ON_TIME
    ]
    assert points == Decimal("5.00") and evidence.endswith("hạn 24/01/2018.")
    assert automatic(unit_score_start(sheet=sheet, unit=returned, actor=secretariat))[
        AutoSource.REGISTRATION_ON_TIME
    ] == (Decimal("0.00"), "Chưa gửi đăng ký trước hạn 17/01/2018.")


def test_registration_evidence_gives_the_local_time_of_submission(plan, sheet, unit, officer):
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, []), now=local_dt(2018, 1, 15, 9, 30)
    )
    score = unit_score_start(sheet=sheet, unit=unit, actor=officer)
    assert automatic(score)[AutoSource.REGISTRATION_ON_TIME] == (
        Decimal("5.00"),
        "Gửi đăng ký lúc 09:30 15/01/2018, hạn 17/01/2018.",
    )


def test_the_unit_starts_its_score_and_the_page_shows_fresh_automatic_criteria(client, plan, sheet, unit, officer):
    client.force_login(officer)
    page = client.get(score_url(plan, unit)).content.decode()
    assert "Bắt đầu tự chấm" in page and not UnitScore.objects.exists()  # opening the page writes nothing
    client.post(score_url(plan, unit), {"start": "1"})
    assert "Chưa ký giao ước thi đua." in client.get(score_url(plan, unit)).content.decode()
    sign_and_register(unit, plan)
    page = client.get(score_url(plan, unit)).content.decode()
    assert "Đã ký giao ước thi đua." in page and "Chưa ký giao ước thi đua." not in page
    assert "20,00" in page
    assert UnitScore.objects.get(unit=unit).self_total == Decimal("10.00")  # stored when the unit saves
    client.post(score_url(plan, unit), {})
    assert UnitScore.objects.get(unit=unit).self_total == Decimal("20.00")


# --- Self-score and reviews --------------------------------------------------------------------------------------


def test_self_score_is_checked_then_sent_to_the_cluster_head(client, plan, sheet, unit, officer):
    english(client).force_login(officer)
    url = score_url(plan, unit)
    main, second, unity, thrift = manual_criteria(sheet)
    client.post(url, {"start": "1"})
    assert main.name in client.get(url).content.decode()
    score = UnitScore.objects.get(unit=unit)

    def refused(data, message):
        response = client.post(url, data)
        assert message in response.content.decode()
        assert [r.self_points for r in score.criterion_scores.filter(criterion__auto_source="")] == [None] * 4
        assert not AuditEntry.objects.filter(action="unit_score.self").exists()

    refused({f"points_{main.pk}": "32.5", f"text_{main.pk}": EVIDENCE}, f"“{main.name}”: between 0 and 32.00 points.")
    refused({f"points_{main.pk}": "30"}, f"“{main.name}” needs its evidence.")
    refused(
        {f"points_{main.pk}": "30", f"text_{main.pk}": EVIDENCE, "submit": "1"}, "Score every criterion before sending."
    )

    complete = {
        f"points_{main.pk}": "30",
        f"text_{main.pk}": EVIDENCE,
        f"points_{second.pk}": "12",
        f"text_{second.pk}": "Không có án bị hủy",
        f"points_{unity.pk}": "0",  # no points: no evidence needed
        f"points_{thrift.pk}": "7,5",
    }
    client.post(url, {**complete, "save": "1"})
    score.refresh_from_db()
    assert (score.state, score.self_total) == (ScoreState.DRAFT, Decimal("59.50"))  # 10 computed + 49.50
    client.post(url, {**complete, "submit": "1"})
    score.refresh_from_db()
    assert score.state == ScoreState.SELF_SCORED
    assert "Self-scored, with the cluster head" in client.get(url).content.decode()
    assert audit_trail(score)[0].to_state == ScoreState.SELF_SCORED


@pytest.fixture
def cluster(province, plan, unit, other_unit):
    """Đông Hưng and Hưng Hà in one cluster; Hưng Hà leads it this year."""
    cluster = Cluster.objects.create(province=province, name="Cụm thi đua số 1")
    for member in (unit, other_unit):
        member.cluster = cluster
        member.save()
    ClusterYear.objects.create(cluster=cluster, year_plan=plan, head_unit=other_unit)
    return cluster


def review_entry(score, action):
    return AuditEntry.objects.get(action=action, object_id=score.pk)


def test_cluster_head_then_secretariat_change_points_only_with_a_reason(
    client, plan, sheet, cluster, unit, other_officer, secretariat
):
    score = self_score(unit, sheet, 60, submit=True)  # 60 + 10 computed (no movement due, no finding late)
    main, second, *_ = manual_criteria(sheet)
    url = score_url(plan, unit)
    english(client).force_login(other_officer)
    assert "Record the cluster head's review" in client.get(url).content.decode()

    page = client.post(url, {f"points_{main.pk}": "27"}).content.decode()
    assert f"“{main.name}”: give the reason for changing the points." in page
    score.refresh_from_db()
    assert (score.state, score.cluster_total) == (ScoreState.SELF_SCORED, None)

    client.post(url, {f"points_{main.pk}": "27", f"text_{main.pk}": "Chưa đạt chỉ tiêu giải quyết án"})
    score.refresh_from_db()
    assert (score.state, score.self_total, score.cluster_total) == (
        ScoreState.CLUSTER_REVIEWED,
        Decimal("70.00"),
        Decimal("65.00"),
    )
    row = score.criterion_scores.get(criterion=main)
    assert (row.cluster_points, row.cluster_reason, row.changed_by) == (
        Decimal("27.00"),
        "Chưa đạt chỉ tiêu giải quyết án",
        other_officer,
    )
    entry = review_entry(score, "unit_score.cluster_review")
    assert entry.actor == other_officer
    assert entry.data[main.name] == {"from": "32.00", "to": "27.00", "reason": "Chưa đạt chỉ tiêu giải quyết án"}

    client.force_login(secretariat)
    page = client.post(url, {f"points_{second.pk}": "9"}).content.decode()
    assert f"“{second.name}”: give the reason for changing the points." in page
    client.post(url, {f"points_{second.pk}": "9", f"text_{second.pk}": "Một vụ án bị hủy"})
    score.refresh_from_db()
    assert (score.state, score.approved_total) == (ScoreState.APPROVED, Decimal("62.00"))
    assert score.criterion_scores.get(criterion=main).approved_points == Decimal("27.00")  # the cluster head's
    entry = review_entry(score, "unit_score.approve")
    assert entry.actor == secretariat
    assert entry.data[second.name] == {"from": "12.00", "to": "9.00", "reason": "Một vụ án bị hủy"}
    assert "Một vụ án bị hủy" in client.get(url).content.decode()


def test_the_review_audit_lists_only_the_changed_points(sheet, cluster, unit, other_unit):
    score = self_score(unit, sheet, 60, submit=True)
    main = manual_criteria(sheet)[0]
    unit_score_cluster_review(
        score=score, actor=f.make_officer(other_unit), values={main.pk: (27, "Chưa đạt chỉ tiêu giải quyết án")}
    )
    assert review_entry(score, "unit_score.cluster_review").data == {
        main.name: {"from": "32.00", "to": "27.00", "reason": "Chưa đạt chỉ tiêu giải quyết án"}
    }


def test_only_the_cluster_head_reviews_other_units(client, province, plan, sheet, cluster, unit, other_unit):
    score = self_score(unit, sheet, 60, submit=True)
    head_score = self_score(other_unit, sheet, 55, submit=True)
    head_officer = other_unit.officers.get()
    outsider_unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Vũ Thư")
    outsider = f.make_officer(outsider_unit)

    assert can_cluster_review(head_officer, score)
    assert not can_cluster_review(head_officer, head_score)  # a head never reviews itself
    with pytest.raises(PermissionDenied):
        unit_score_cluster_review(score=head_score, actor=head_officer, values={})
    with pytest.raises(PermissionDenied):
        unit_score_cluster_review(score=score, actor=outsider, values={})

    client.force_login(outsider)
    assert client.get(score_url(plan, unit)).status_code == 404
    page = client.get(score_url(plan, outsider_unit)).content.decode()
    assert outsider_unit.name in page and unit.name not in page


# --- Ranking -----------------------------------------------------------------------------------------------------


@pytest.fixture
def ranked(province, plan, sheet):
    """Four units at 80, 75, 75 and 60 points (20 computed each), in two clusters; the province has no score."""
    units = {
        "thanh_pho": f.make_unit(province, "Viện kiểm sát nhân dân thành phố Thái Bình", order=4),
        "hung_ha": f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=1),
        "dong_hung": f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=2),
        "vu_thu": f.make_unit(province, "Viện kiểm sát nhân dân huyện Vũ Thư", order=3),
    }
    north = Cluster.objects.create(province=province, name="Cụm thi đua số 1")
    south = Cluster.objects.create(province=province, name="Cụm thi đua số 2")
    for key, manual, cluster in [
        ("thanh_pho", 60, south),
        ("hung_ha", 55, north),
        ("dong_hung", 55, north),
        ("vu_thu", 40, north),
    ]:
        unit = units[key]
        unit.cluster = cluster
        unit.save()
        sign_and_register(unit, plan)
        self_score(unit, sheet, manual)
    ClusterYear.objects.create(cluster=north, year_plan=plan, head_unit=units["hung_ha"])
    return {**units, "north": north, "south": south}


def test_equal_totals_share_a_rank_and_are_listed_by_vietnamese_name(province, sheet, ranked):
    rows = ranking(sheet)
    assert [(row.unit, row.total, row.rank, row.band.name) for row in rows] == [
        (ranked["thanh_pho"], Decimal("80.00"), 1, "Tiên tiến"),
        (ranked["dong_hung"], Decimal("75.00"), 2, "Hoàn thành nhiệm vụ"),  # Đ before H, whatever the display order
        (ranked["hung_ha"], Decimal("75.00"), 2, "Hoàn thành nhiệm vụ"),
        (ranked["vu_thu"], Decimal("60.00"), 4, "Hoàn thành nhiệm vụ"),
        (province, Decimal("0.00"), 5, "Không hoàn thành nhiệm vụ"),  # not started
    ]
    per_cluster = cluster_rankings(sheet, rows)
    assert {cluster: [(row.unit, row.rank) for row in rows] for cluster, rows in per_cluster.items()} == {
        ranked["north"].pk: [(ranked["dong_hung"], 1), (ranked["hung_ha"], 1), (ranked["vu_thu"], 3)],
        ranked["south"].pk: [(ranked["thanh_pho"], 1)],
    }


def test_bands_start_at_their_minimum(sheet):
    bands = list(sheet.bands.all())
    assert [band_for(Decimal(v), bands).name for v in ("100", "95", "94.99", "80", "79.99", "50", "49.99", "0")] == [
        "Xuất sắc",
        "Xuất sắc",
        "Tiên tiến",
        "Tiên tiến",
        "Hoàn thành nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
    ]


# --- Pages and documents -----------------------------------------------------------------------------------------

EXPECTED_RANKING = [
    ("1", "thanh_pho", "80,00", "Tiên tiến"),
    ("2", "dong_hung", "75,00", "Hoàn thành nhiệm vụ"),
    ("2", "hung_ha", "75,00", "Hoàn thành nhiệm vụ"),
    ("4", "vu_thu", "60,00", "Hoàn thành nhiệm vụ"),
]


def test_scoring_page_shows_the_province_and_cluster_rankings(client, province, plan, secretariat, ranked):
    client.force_login(secretariat)
    html = client.get(reverse("movements:scoring", kwargs={"plan": plan.pk})).content.decode()
    province_table, north_table, south_table = table_rows(html, "ranking-table")
    expected = [[rank, ranked[key].name, points, band] for rank, key, points, band in EXPECTED_RANKING]
    assert [row[:4] for row in province_table] == [*expected, ["5", province.name, "0,00", "Không hoàn thành nhiệm vụ"]]
    assert [row[:3] for row in north_table] == [
        ["1", ranked["dong_hung"].name, "75,00"],
        ["1", ranked["hung_ha"].name, "75,00"],
        ["3", ranked["vu_thu"].name, "60,00"],
    ]
    assert [row[:3] for row in south_table] == [["1", ranked["thanh_pho"].name, "80,00"]]


def test_export_has_the_rows_of_the_page(client, plan, secretariat, ranked):
    client.force_login(secretariat)
    page = client.get(reverse("movements:scoring", kwargs={"plan": plan.pk}))
    response = client.get(reverse("movements:scoring_export", kwargs={"plan": plan.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[:5] for row in rows] == [
        (row.rank, row.unit.name, row.unit.cluster.name if row.unit.cluster else None, float(row.total), row.band.name)
        for row in page.context["province_ranking"]
    ]
    assert rows[0][:5] == (1, ranked["thanh_pho"].name, "Cụm thi đua số 2", 80.0, "Tiên tiến")
    assert [row[2] for row in rows[1:4]] == ["Cụm thi đua số 1"] * 3


def test_scoring_page_queries_do_not_grow_with_the_units(client, province, plan, sheet, secretariat):
    cluster = Cluster.objects.create(province=province, name="Cụm thi đua số 1")
    client.force_login(secretariat)
    url = reverse("movements:scoring", kwargs={"plan": plan.pk})
    counts = []
    for size in (3, 12):
        while Unit.objects.filter(province=province, cluster=cluster).count() < size:
            unit = f.make_unit(province)
            unit.cluster = cluster
            unit.save()
            self_score(unit, sheet, 40 + size, submit=size == 12)
        if size == 3:
            ClusterYear.objects.create(cluster=cluster, year_plan=plan, head_unit=unit)
        counts.append(count_queries(client, url))
    assert len(table_rows(client.get(url).content.decode(), "ranking-table")[0]) == 13
    assert counts == [13] * 2  # 12 and the data version that keys the cached fragment (a miss after every write)


def test_results_document_lists_the_units_and_their_points(
    client, django_capture_on_commit_callbacks, plan, secretariat, ranked
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:scoring_document", kwargs={"plan": plan.pk}))
    assert response.url == reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    job = ReportJob.objects.get()
    assert (job.kind, job.state, job.requested_by) == (ReportKind.SCORING_RESULTS, JobState.DONE, secretariat)
    with job.file.open("rb") as handle:
        text = " ".join(" ".join(pdf_text(handle.read())).split())
    assert "Kết quả chấm điểm, xếp loại thi đua năm 2018" in text
    province_part, cluster_part = re.search(r"TOÀN TỈNH(.*)THEO CỤM THI ĐUA(.*)Nơi nhận", text, re.I).groups()
    expected = " ".join(f"{rank} {ranked[key].name} {points} {band}" for rank, key, points, band in EXPECTED_RANKING)
    assert expected in province_part
    assert f"1 {ranked['dong_hung'].name} 75,00 Hoàn thành nhiệm vụ 1 {ranked['hung_ha'].name} 75,00" in cluster_part
    assert f"Cụm thi đua số 1 (cụm trưởng: {ranked['hung_ha'].name})" in cluster_part
