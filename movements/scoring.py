"""Scoring of units: the sheet (copied from the previous year), criteria filled from the system's own records,
the unit's self-score with evidence, the cluster head's and the secretariat's reviews (a reason for each change),
ranking with ties and classification bands."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from movements.enums import AutoSource, ReportState, ScoreState
from movements.models import (
    ClusterYear,
    CriterionScore,
    ExemplaryIndividual,
    Movement,
    MovementReport,
    Pledge,
    ScoringBand,
    ScoringCriterion,
    ScoringGroup,
    ScoringSheet,
    UnitScore,
    YearPlan,
    end_of_day,
)
from registrations.enums import RegistrationState
from registrations.models import Registration
from registrations.selectors import extended_deadlines
from units.models import Staff, Unit
from units.services import audit_log
from units.text import clean

# A starting sheet when no earlier year has one. [uncertain] The sector's tables (QĐ 424/QĐ-VKSTC) were not
# retrieved (domain-rules §5, §9.6): the secretariat edits groups, points and bands in the admin.
DEFAULT_SHEET = [
    (
        "I. Thực hiện chức năng, nhiệm vụ được giao",
        [
            ("Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm", 40, True, ""),
            (
                "Không để xảy ra oan, sai, bỏ lọt tội phạm; không có án bị hủy do trách nhiệm của Viện kiểm sát",
                15,
                True,
                "",
            ),
        ],
    ),
    (
        "II. Công tác thi đua, khen thưởng",
        [
            ("Đăng ký thi đua đúng hạn", 5, False, AutoSource.REGISTRATION_ON_TIME),
            ("Ký giao ước thi đua giữa Thủ trưởng và Công đoàn", 5, False, AutoSource.PLEDGE_SIGNED),
            ("Giới thiệu ít nhất 01 điển hình tiên tiến (Kế hoạch, mục II.2.6)", 5, False, AutoSource.EXEMPLARY_NAMED),
            ("Báo cáo các phong trào thi đua đúng hạn", 5, False, AutoSource.MOVEMENT_REPORTS),
            ("Cập nhật đầy đủ dữ liệu cán bộ vào phần mềm (Kế hoạch, mục II.2.3)", 5, False, AutoSource.STAFF_RECORDS),
        ],
    ),
    (
        "III. Xây dựng đơn vị",
        [
            ("Nội bộ đoàn kết; không có cán bộ vi phạm kỷ luật", 10, True, ""),
            ("Thực hành tiết kiệm, phòng chống tham nhũng, lãng phí", 10, False, ""),
        ],
    ),
]
DEFAULT_BANDS = [
    ("Xuất sắc", 95, "TTLDXS"),
    ("Tiên tiến", 80, "TTLDTT"),
    ("Hoàn thành nhiệm vụ", 50, None),
    ("Không hoàn thành nhiệm vụ", 0, None),
]
TWO = Decimal("0.01")


def _points(value) -> Decimal:
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


# --- The sheet -----------------------------------------------------------------------------------------------


@transaction.atomic
def scoring_sheet_create(*, year_plan: YearPlan, actor) -> ScoringSheet:
    """The year's sheet: a copy of the latest earlier sheet of the province, or the default."""
    if ScoringSheet.objects.filter(year_plan=year_plan).exists():
        raise ValidationError(_("The scoring sheet of %(year)s already exists.") % {"year": year_plan.year})
    from awards.models import Title

    previous = (
        ScoringSheet.objects.filter(year_plan__province=year_plan.province, year_plan__year__lt=year_plan.year)
        .order_by("-year_plan__year")
        .prefetch_related("groups__criteria", "bands")
        .first()
    )
    sheet = ScoringSheet.objects.create(
        year_plan=year_plan, name=f"Bảng chấm điểm thi đua năm {year_plan.year}", copied_from=previous
    )
    if previous:
        for group in previous.groups.all():
            new_group = ScoringGroup.objects.create(sheet=sheet, name=group.name, position=group.position)
            ScoringCriterion.objects.bulk_create(
                ScoringCriterion(
                    group=new_group,
                    name=c.name,
                    max_points=c.max_points,
                    deductions=c.deductions,
                    evidence_required=c.evidence_required,
                    auto_source=c.auto_source,
                    position=c.position,
                )
                for c in group.criteria.all()
            )
        ScoringBand.objects.bulk_create(
            ScoringBand(sheet=sheet, name=b.name, min_points=b.min_points, title_id=b.title_id)
            for b in previous.bands.all()
        )
    else:
        titles = {t.code: t for t in Title.objects.filter(code__in=["TTLDXS", "TTLDTT"])}
        for position, (name, criteria) in enumerate(DEFAULT_SHEET, start=1):
            group = ScoringGroup.objects.create(sheet=sheet, name=name, position=position)
            ScoringCriterion.objects.bulk_create(
                ScoringCriterion(
                    group=group,
                    name=c_name,
                    max_points=points,
                    evidence_required=evidence,
                    auto_source=source,
                    position=index,
                )
                for index, (c_name, points, evidence, source) in enumerate(criteria, start=1)
            )
        ScoringBand.objects.bulk_create(
            ScoringBand(sheet=sheet, name=name, min_points=points, title=titles.get(code))
            for name, points, code in DEFAULT_BANDS
        )
    audit_log(
        actor=actor,
        action="scoring_sheet.create",
        target=sheet,
        unit=year_plan.province,
        data={"copied_from": previous.pk if previous else None},
    )
    return sheet


def sheet_criteria(sheet: ScoringSheet) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.filter(group__sheet=sheet).select_related("group"))


# --- Criteria computed from the records ----------------------------------------------------------------------


@dataclass
class AutoFacts:
    """What the automatic criteria read, for all units of a province in a few queries."""

    registrations: dict[int, Registration]
    deadlines: dict[int, datetime.date]
    pledges: set[int]
    exemplary: dict[int, int]
    movement_due: dict[int, int]
    movement_on_time: dict[int, int]
    staff_total: dict[int, int]
    staff_complete: dict[int, int]


def auto_facts(year_plan: YearPlan, units: list[Unit]) -> AutoFacts:
    from collections import Counter

    unit_ids = [u.pk for u in units]
    registrations = {r.unit_id: r for r in Registration.objects.filter(year_plan=year_plan, unit_id__in=unit_ids)}
    extended = extended_deadlines(year_plan)
    deadlines = {u.pk: extended.get(u.pk) or year_plan.registration_deadline for u in units}
    pledges = set(Pledge.objects.filter(year_plan=year_plan, unit_id__in=unit_ids).values_list("unit_id", flat=True))
    exemplary = Counter(
        ExemplaryIndividual.objects.filter(year_plan=year_plan, unit_id__in=unit_ids).values_list("unit_id", flat=True)
    )
    movements = list(
        Movement.objects.filter(province=year_plan.province, report_deadline__year=year_plan.year).prefetch_related(
            "units"
        )
    )
    reports = {
        (r.movement_id, r.unit_id): r
        for r in MovementReport.objects.filter(
            movement__in=movements, unit_id__in=unit_ids, state=ReportState.SUBMITTED
        )
    }
    due, on_time = Counter(), Counter()
    today = timezone.localdate()
    for movement in movements:
        participants = unit_ids if movement.all_units else [u.pk for u in movement.units.all()]
        for unit_id in participants:
            report = reports.get((movement.pk, unit_id))
            if unit_id not in deadlines or (movement.report_deadline >= today and report is None):
                continue  # a report not yet due counts only once it is sent
            due[unit_id] += 1
            if report and report.submitted_at and report.submitted_at <= end_of_day(movement.report_deadline):
                on_time[unit_id] += 1
    active = Staff.objects.filter(unit_id__in=unit_ids, is_active=True)
    staff_total = Counter(active.values_list("unit_id", flat=True))
    staff_complete = staff_total - Counter(active.incomplete().values_list("unit_id", flat=True))
    return AutoFacts(registrations, deadlines, pledges, exemplary, due, on_time, staff_total, staff_complete)


def auto_points(criterion: ScoringCriterion, unit: Unit, facts: AutoFacts) -> tuple[Decimal | None, str]:
    """Points of an automatic criterion and the evidence it rests on, in Vietnamese."""
    top = criterion.max_points
    source = criterion.auto_source
    if source == AutoSource.REGISTRATION_ON_TIME:
        registration = facts.registrations.get(unit.pk)
        deadline = facts.deadlines[unit.pk]
        if (
            registration
            and registration.state == RegistrationState.SUBMITTED
            and registration.submitted_at <= end_of_day(deadline)
        ):
            sent = timezone.localtime(registration.submitted_at)
            return _points(top), f"Gửi đăng ký lúc {sent:%H:%M %d/%m/%Y}, hạn {deadline:%d/%m/%Y}."
        return _points(0), f"Chưa gửi đăng ký trước hạn {deadline:%d/%m/%Y}."
    if source == AutoSource.PLEDGE_SIGNED:
        signed = unit.pk in facts.pledges
        return _points(top if signed else 0), "Đã ký giao ước thi đua." if signed else "Chưa ký giao ước thi đua."
    if source == AutoSource.EXEMPLARY_NAMED:
        count = facts.exemplary.get(unit.pk, 0)
        return _points(top if count else 0), f"Đã giới thiệu {count} điển hình tiên tiến."
    if source == AutoSource.MOVEMENT_REPORTS:
        due, on_time = facts.movement_due.get(unit.pk, 0), facts.movement_on_time.get(unit.pk, 0)
        if not due:
            return _points(top), "Không có phong trào nào phải báo cáo trong năm."
        return _points(top * on_time / due), f"{on_time}/{due} báo cáo phong trào gửi đúng hạn."
    if source == AutoSource.STAFF_RECORDS:
        total, complete = facts.staff_total.get(unit.pk, 0), facts.staff_complete.get(unit.pk, 0)
        if not total:
            return _points(0), "Đơn vị chưa có cán bộ trong phần mềm."
        return _points(top * complete / total), (
            f"{complete}/{total} cán bộ có đủ ngày sinh, chức vụ, ngạch và ngày vào ngành."
        )
    return None, ""


# --- A unit's score through its reviews ----------------------------------------------------------------------

ALLOWED_TRANSITIONS = {
    (ScoreState.DRAFT, ScoreState.SELF_SCORED),
    (ScoreState.SELF_SCORED, ScoreState.CLUSTER_REVIEWED),
    (ScoreState.SELF_SCORED, ScoreState.DRAFT),
    (ScoreState.CLUSTER_REVIEWED, ScoreState.APPROVED),
    (ScoreState.CLUSTER_REVIEWED, ScoreState.SELF_SCORED),
}


def score_transition(*, score: UnitScore, to_state: str, actor, reason: str = "") -> UnitScore:
    from_state = score.state
    if (from_state, to_state) not in ALLOWED_TRANSITIONS:
        raise ValidationError(
            _("A score that is “%(from)s” cannot become “%(to)s”.")
            % {"from": ScoreState(from_state).label, "to": ScoreState(to_state).label}
        )
    score.state = to_state
    score.save(update_fields=["state", "updated_at"])
    audit_log(
        actor=actor,
        action=f"unit_score.{to_state}",
        target=score,
        unit=score.unit,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )
    return score


@transaction.atomic
def unit_score_start(*, sheet: ScoringSheet, unit: Unit, actor) -> UnitScore:
    if unit.province_id != sheet.year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    score, created = UnitScore.objects.get_or_create(sheet=sheet, unit=unit)
    if created:
        CriterionScore.objects.bulk_create(CriterionScore(unit_score=score, criterion=c) for c in sheet_criteria(sheet))
        audit_log(actor=actor, action="unit_score.start", target=score, unit=unit, to_state=ScoreState.DRAFT)
    unit_score_refresh_auto(score)
    return score


def _fresh_rows(score: UnitScore) -> list[CriterionScore]:
    """The score's rows with the automatic criteria computed again from the records (not saved); while the unit
    scores, they are its self-score too."""
    facts = auto_facts(score.sheet.year_plan, [score.unit])
    rows = list(score.criterion_scores.select_related("criterion__group"))
    for row in rows:
        if not row.criterion.auto_source:
            continue
        row.auto_points, row.auto_evidence = auto_points(row.criterion, score.unit, facts)
        if score.state == ScoreState.DRAFT:
            row.self_points = row.auto_points
    return rows


def score_preview(score: UnitScore) -> tuple[list[CriterionScore], Decimal]:
    """What the page shows: the rows (fresh automatic points while in draft) and the self total they make."""
    if score.state != ScoreState.DRAFT:
        return list(score.criterion_scores.select_related("criterion__group")), score.self_total
    rows = _fresh_rows(score)
    return rows, _points(sum((r.self_points or 0) for r in rows))


def unit_score_refresh_auto(score: UnitScore) -> UnitScore:
    """Store the automatic criteria computed again from the records."""
    rows = _fresh_rows(score)
    CriterionScore.objects.bulk_update(rows, ["auto_points", "auto_evidence", "self_points"])
    _totals(score, rows)
    return score


def _totals(score: UnitScore, rows) -> None:
    score.self_total = _points(sum((r.self_points or 0) for r in rows))
    reviewed = [r for r in rows if r.cluster_points is not None]
    score.cluster_total = _points(sum(r.cluster_points for r in reviewed)) if reviewed else None
    approved = [r for r in rows if r.approved_points is not None]
    score.approved_total = _points(sum(r.approved_points for r in approved)) if approved else None
    score.save(update_fields=["self_total", "cluster_total", "approved_total", "updated_at"])


def _check_points(criterion, points) -> Decimal:
    if points is None:
        raise ValidationError(_("Give the points of “%(criterion)s”.") % {"criterion": criterion.name})
    points = _points(points)
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("“%(criterion)s”: between 0 and %(max)s points.")
            % {"criterion": criterion.name, "max": criterion.max_points}
        )
    return points


def _rows(score: UnitScore) -> list[CriterionScore]:
    return list(score.criterion_scores.select_related("criterion").select_for_update(of=("self",)))


@transaction.atomic
def unit_score_self(*, score: UnitScore, actor, values: dict[int, tuple], submit: bool = False) -> UnitScore:
    """The unit's own points and evidence for the criteria it scores; ``values``: criterion id → (points, evidence)."""
    from units.permissions import require_unit_access

    require_unit_access(actor, score.unit)
    score = UnitScore.objects.select_for_update().select_related("unit", "sheet__year_plan").get(pk=score.pk)
    if score.state != ScoreState.DRAFT:
        raise ValidationError(_("The self-score has been sent for review."))
    unit_score_refresh_auto(score)  # what is sent is what the records say now
    rows = _rows(score)
    changes = {}
    for row in rows:
        if row.criterion.auto_source or row.criterion_id not in values:
            continue
        points, evidence = values[row.criterion_id]
        points = _check_points(row.criterion, points)
        evidence = clean(evidence or "")
        if row.criterion.evidence_required and points > 0 and not evidence:
            raise ValidationError(_("“%(criterion)s” needs its evidence.") % {"criterion": row.criterion.name})
        if (row.self_points, row.evidence) != (points, evidence):
            changes[row.criterion.name] = [str(row.self_points), str(points)]
            row.self_points, row.evidence, row.changed_by = points, evidence, actor
    CriterionScore.objects.bulk_update(rows, ["self_points", "evidence", "changed_by"])
    _totals(score, rows)
    audit_log(actor=actor, action="unit_score.self", target=score, unit=score.unit, data=changes)
    if submit:
        if any(r.self_points is None for r in rows):
            raise ValidationError(_("Score every criterion before sending."))
        score_transition(score=score, to_state=ScoreState.SELF_SCORED, actor=actor)
    return score


def cluster_head_of(score: UnitScore) -> Unit | None:
    if score.unit.cluster_id is None:
        return None
    year = ClusterYear.objects.filter(cluster_id=score.unit.cluster_id, year_plan=score.sheet.year_plan).first()
    return year.head_unit if year else None


def can_cluster_review(actor, score: UnitScore) -> bool:
    if actor.is_secretariat and (actor.is_admin or actor.province_id == score.unit.province_id):
        return True
    head = cluster_head_of(score)
    return bool(actor.is_officer and head and head.pk == actor.unit_id and head.pk != score.unit_id)


def _review(score, actor, values, *, field: str, reason_field: str, base) -> dict:
    rows = _rows(score)
    changes = {}
    for row in rows:
        points, reason = values.get(row.criterion_id, (None, ""))
        if points is None:
            points = base(row)
        points = _check_points(row.criterion, points)
        reason = clean(reason or "")
        if points != base(row) and not reason:
            raise ValidationError(
                _("“%(criterion)s”: give the reason for changing the points.") % {"criterion": row.criterion.name}
            )
        if points != base(row) or reason:
            changes[row.criterion.name] = {"from": str(base(row)), "to": str(points), "reason": reason}
        setattr(row, field, points)
        setattr(row, reason_field, reason)
        row.changed_by = actor
    CriterionScore.objects.bulk_update(rows, [field, reason_field, "changed_by"])
    _totals(score, rows)
    return changes


@transaction.atomic
def unit_score_cluster_review(*, score: UnitScore, actor, values: dict[int, tuple]) -> UnitScore:
    """The cluster head's points (the self-score unless changed, with a reason)."""
    score = UnitScore.objects.select_for_update().select_related("unit", "sheet__year_plan").get(pk=score.pk)
    if not can_cluster_review(actor, score):
        raise PermissionDenied
    if score.state != ScoreState.SELF_SCORED:
        raise ValidationError(_("Only a self-scored unit can be reviewed by its cluster head."))
    changes = _review(
        score,
        actor,
        values,
        field="cluster_points",
        reason_field="cluster_reason",
        base=lambda row: row.self_points if row.self_points is not None else Decimal(0),
    )
    audit_log(actor=actor, action="unit_score.cluster_review", target=score, unit=score.unit, data=changes)
    return score_transition(score=score, to_state=ScoreState.CLUSTER_REVIEWED, actor=actor)


@transaction.atomic
def unit_score_approve(*, score: UnitScore, actor, values: dict[int, tuple]) -> UnitScore:
    """The secretariat's approved points (the cluster head's unless changed, with a reason)."""
    score = UnitScore.objects.select_for_update().select_related("unit", "sheet__year_plan").get(pk=score.pk)
    if not (actor.is_secretariat and (actor.is_admin or actor.province_id == score.unit.province_id)):
        raise PermissionDenied
    if score.state != ScoreState.CLUSTER_REVIEWED:
        raise ValidationError(_("Only a score reviewed by the cluster head can be approved."))
    changes = _review(
        score,
        actor,
        values,
        field="approved_points",
        reason_field="approved_reason",
        base=lambda row: (
            row.cluster_points
            if row.cluster_points is not None
            else (row.self_points if row.self_points is not None else Decimal(0))
        ),
    )
    audit_log(actor=actor, action="unit_score.approve", target=score, unit=score.unit, data=changes)
    return score_transition(score=score, to_state=ScoreState.APPROVED, actor=actor)


# --- Ranking --------------------------------------------------------------------------------------------------


@dataclass
class RankRow:
    unit: Unit
    score: UnitScore | None
    total: Decimal
    rank: int
    band: ScoringBand | None


def band_for(total: Decimal, bands: list[ScoringBand]) -> ScoringBand | None:
    return next((band for band in bands if total >= band.min_points), None)


def _ranked(pairs, bands) -> list[RankRow]:
    """Rank (unit, score) pairs already ordered highest first; equal totals share a rank (1, 2, 2, 4)."""
    rows, previous, rank = [], None, 0
    for position, (unit, score) in enumerate(pairs, start=1):
        total = _points(score.best_total if score else 0)
        if total != previous:
            rank, previous = position, total
        rows.append(RankRow(unit, score, total, rank, band_for(total, bands)))
    return rows


def ranking(sheet: ScoringSheet) -> list[RankRow]:
    """The province's units by score (the most reviewed so far), highest first, listed by name within a tie.
    Units that have not started come last with 0. Three queries whatever the number of units."""
    from units.selectors import province_units

    units = list(province_units(sheet.year_plan.province).select_related("cluster"))
    scores = {s.unit_id: s for s in UnitScore.objects.filter(sheet=sheet)}
    ordered = sorted(units, key=lambda u: (-(scores[u.pk].best_total if u.pk in scores else 0), u.sort_key))
    return _ranked([(u, scores.get(u.pk)) for u in ordered], list(sheet.bands.all()))


def cluster_rankings(sheet: ScoringSheet, rows: list[RankRow]) -> dict[int, list[RankRow]]:
    """The province ranking split by cluster, ranked again within each (no further query)."""
    bands = list(sheet.bands.all())
    by_cluster: dict[int, list] = {}
    for row in rows:
        if row.unit.cluster_id is not None:
            by_cluster.setdefault(row.unit.cluster_id, []).append((row.unit, row.score))
    return {cluster_id: _ranked(pairs, bands) for cluster_id, pairs in by_cluster.items()}


def sheet_with_criteria(year_plan: YearPlan) -> ScoringSheet | None:
    return (
        ScoringSheet.objects.filter(year_plan=year_plan)
        .prefetch_related(Prefetch("groups", queryset=ScoringGroup.objects.prefetch_related("criteria")), "bands")
        .first()
    )
