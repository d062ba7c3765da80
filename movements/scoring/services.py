"""Writes of the scoring: the year's sheet (a copy of the latest earlier one, or the default), a unit's score
started, self-scored, reviewed by its cluster head and approved by the secretariat (a reason for each change).
The state of a ``UnitScore`` changes only through ``units.workflow.transition`` (its ``TRANSITIONS`` table)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from movements.enums import ScoreState
from movements.models import (
    CriterionScore,
    ScoringBand,
    ScoringCriterion,
    ScoringGroup,
    ScoringSheet,
    Title,
    UnitScore,
    YearPlan,
)
from movements.scoring.criteria import fresh_rows, to_points
from movements.scoring.defaults import DEFAULT_BANDS, DEFAULT_SHEET
from movements.scoring.permissions import can_cluster_review, is_scoring_secretariat
from movements.scoring.selectors import sheet_criteria
from units.attachments import attachments_add
from units.models import Unit
from units.permissions import require_unit_access
from units.services import audit_log
from units.text import clean
from units.workflow import transition

# --- The sheet -----------------------------------------------------------------------------------------------


@transaction.atomic
def scoring_sheet_create(*, year_plan: YearPlan, actor) -> ScoringSheet:
    """The year's sheet: a copy of the latest earlier sheet of the province, or the default."""
    if ScoringSheet.objects.filter(year_plan=year_plan).exists():
        raise ValidationError(_("The scoring sheet of %(year)s already exists.") % {"year": year_plan.year})
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


# --- A unit's score through its reviews ----------------------------------------------------------------------


def _transition(score: UnitScore, to_state: str, actor) -> UnitScore:
    transition(score, to_state, actor=actor, unit=score.unit)  # audited as "unit_score.<to_state>"
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


def unit_score_refresh_auto(score: UnitScore) -> UnitScore:
    """Store the automatic criteria computed again from the records."""
    rows = fresh_rows(score)
    CriterionScore.objects.bulk_update(rows, ["auto_points", "auto_evidence", "self_points"])
    _totals(score, rows)
    return score


def _totals(score: UnitScore, rows) -> None:
    score.self_total = to_points(sum((r.self_points or 0) for r in rows))
    reviewed = [r for r in rows if r.cluster_points is not None]
    score.cluster_total = to_points(sum(r.cluster_points for r in reviewed)) if reviewed else None
    approved = [r for r in rows if r.approved_points is not None]
    score.approved_total = to_points(sum(r.approved_points for r in approved)) if approved else None
    score.save(update_fields=["self_total", "cluster_total", "approved_total", "updated_at"])


def _check_points(criterion, points) -> Decimal:
    if points is None:
        raise ValidationError(_("Give the points of “%(criterion)s”.") % {"criterion": criterion.name})
    points = to_points(points)
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("“%(criterion)s”: between 0 and %(max)s points.")
            % {"criterion": criterion.name, "max": criterion.max_points}
        )
    return points


def _rows(score: UnitScore) -> list[CriterionScore]:
    return list(score.criterion_scores.select_related("criterion").select_for_update(of=("self",)))


def _locked(score: UnitScore) -> UnitScore:
    return UnitScore.objects.select_for_update().select_related("unit", "sheet__year_plan").get(pk=score.pk)


@transaction.atomic
def unit_score_self(*, score: UnitScore, actor, values: dict[int, tuple], submit: bool = False) -> UnitScore:
    """The unit's own points and evidence for the criteria it scores; ``values``: criterion id → (points, evidence)."""
    require_unit_access(actor, score.unit)
    score = _locked(score)
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
        _transition(score, ScoreState.SELF_SCORED, actor)
    return score


@transaction.atomic
def unit_score_self_save(
    *, score: UnitScore, actor, values: dict[int, tuple], submit: bool = False, files=()
) -> UnitScore:
    """The unit's self-score (:func:`unit_score_self`) and its evidence files, together or not at all."""
    score = unit_score_self(score=score, actor=actor, values=values, submit=submit)
    attachments_add(owner=score, files=files, actor=actor, unit=score.unit)
    return score


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
    score = _locked(score)
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
    return _transition(score, ScoreState.CLUSTER_REVIEWED, actor)


@transaction.atomic
def unit_score_approve(*, score: UnitScore, actor, values: dict[int, tuple]) -> UnitScore:
    """The secretariat's approved points (the cluster head's unless changed, with a reason)."""
    score = _locked(score)
    if not is_scoring_secretariat(actor, score):
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
    return _transition(score, ScoreState.APPROVED, actor)
