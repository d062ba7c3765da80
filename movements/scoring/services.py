"""Writes of the scoring: the year's sheet (a copy of the latest earlier one, or the default), a unit's score
started, self-scored, reviewed by its cluster head and approved by the secretariat (a reason for each change).
The state of a ``UnitScore`` changes only through ``units.workflow.transition`` (its ``TRANSITIONS`` table)."""

from dataclasses import dataclass
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
from units.numbers import number_text
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


def scoring_sheet_locked(sheet: ScoringSheet) -> bool:
    """Once a unit has started its score the sheet is fixed: each unit's rows were made from its criteria
    (``unit_score_start``) and are kept by them (``CriterionScore.criterion`` protects them)."""
    return sheet.unit_scores.exists()


@dataclass
class GroupRow:
    """A group of the sheet as edited: ``pk`` None for a new one."""

    pk: int | None
    name: str
    position: int
    delete: bool = False


@dataclass
class CriterionRow:
    """A criterion as edited. ``group`` is a group's id, or ``-(n + 1)`` for the n-th row of the groups given
    (so a criterion can go into a group added in the same edit)."""

    pk: int | None
    group: int
    name: str
    max_points: Decimal
    position: int
    deductions: str = ""
    evidence_required: bool = False
    auto_source: str = ""
    delete: bool = False


@dataclass
class BandRow:
    pk: int | None
    name: str
    min_points: Decimal
    title_id: int | None = None
    delete: bool = False


def _group_key(index: int, row: GroupRow) -> int:
    return row.pk if row.pk is not None else -(index + 1)


def _check_sheet(groups: list[GroupRow], criteria: list[CriterionRow], bands: list[BandRow]) -> None:
    """The rules of a sheet, whoever edits it: what the database and the scoring pages assume."""
    group_keys = {_group_key(index, row) for index, row in enumerate(groups) if not row.delete}
    kept = [row for row in criteria if not row.delete]
    if not kept:
        raise ValidationError(_("A scoring sheet needs at least one criterion."))
    sources = {}
    for row in kept:
        if row.max_points is None or row.max_points <= 0:
            raise ValidationError(_("“%(criterion)s”: the maximum points must be above 0.") % {"criterion": row.name})
        if row.group not in group_keys:
            raise ValidationError(_("“%(criterion)s”: choose a group of this sheet.") % {"criterion": row.name})
        if row.auto_source:
            if row.auto_source in sources:
                raise ValidationError(
                    _("“%(criterion)s” and “%(other)s” are filled from the same records; keep one.")
                    % {"criterion": row.name, "other": sources[row.auto_source]}
                )
            sources[row.auto_source] = row.name
    total = to_points(sum(row.max_points for row in kept))
    for band in bands:
        if not band.delete and not (0 <= band.min_points <= total):
            raise ValidationError(
                _("“%(band)s”: from 0 to the sheet's total of %(total)s points.")
                % {"band": band.name, "total": number_text(total)}
            )


def _apply(obj, row, fields: list[str], kind: str, changes: list) -> None:
    """Copy ``fields`` from the edited row onto the stored object; save and note what changed."""
    diff = {}
    for name in fields:
        old, new = getattr(obj, name), getattr(row, name)
        if old != new:
            diff[name] = [str(old), str(new)]
            setattr(obj, name, new)
    if diff:
        obj.save(update_fields=list(diff))
        changes.append({kind: str(obj), **diff})


CRITERION_FIELDS = ["name", "max_points", "deductions", "evidence_required", "auto_source", "position"]


@transaction.atomic
def scoring_sheet_update(
    *,
    sheet: ScoringSheet,
    actor,
    name: str,
    groups: list[GroupRow],
    criteria: list[CriterionRow],
    bands: list[BandRow],
) -> ScoringSheet:
    """The secretariat's edit of a year's sheet (its name, groups, criteria and bands), all or nothing, audited;
    refused once a unit has started its score (:func:`scoring_sheet_locked`)."""
    sheet = ScoringSheet.objects.select_for_update().select_related("year_plan__province").get(pk=sheet.pk)
    if not (actor.is_admin or (actor.is_secretariat and actor.province_id == sheet.year_plan.province_id)):
        raise PermissionDenied
    if scoring_sheet_locked(sheet):
        raise ValidationError(_("Units have started scoring on this sheet: it can no longer be changed."))
    own_groups = {g.pk: g for g in sheet.groups.all()}
    own_criteria = {c.pk: c for c in ScoringCriterion.objects.filter(group__sheet=sheet)}
    own_bands = {b.pk: b for b in sheet.bands.all()}
    for rows, own in ((groups, own_groups), (criteria, own_criteria), (bands, own_bands)):
        if any(row.pk is not None and row.pk not in own for row in rows):
            raise ValidationError(_("The sheet changed meanwhile; open it again."))
    for row in [*groups, *criteria, *bands]:
        row.name = clean(row.name)
    for row in criteria:
        row.deductions = clean(row.deductions or "")
        row.max_points = to_points(row.max_points) if row.max_points is not None else None
    for row in bands:
        row.min_points = to_points(row.min_points)
    _check_sheet(groups, criteria, bands)

    created, changed, deleted = [], [], []
    name = clean(name)
    if name != sheet.name:
        changed.append({"sheet": [sheet.name, name]})
        sheet.name = name
    sheet.save(update_fields=["name", "updated_at"])  # the sheet's time moves with any change of its rows
    for row in criteria:
        if row.delete and row.pk:
            deleted.append({"criterion": own_criteria[row.pk].name})
            own_criteria[row.pk].delete()
    group_ids = {}
    for index, row in enumerate(groups):
        if row.delete:
            if row.pk:
                deleted.append({"group": own_groups[row.pk].name})
                own_groups[row.pk].delete()  # its criteria with it
        elif row.pk is None:
            group = ScoringGroup.objects.create(sheet=sheet, name=row.name, position=row.position)
            group_ids[_group_key(index, row)] = group.pk
            created.append({"group": group.name})
        else:
            _apply(own_groups[row.pk], row, ["name", "position"], "group", changed)
    for row in criteria:
        if row.delete:
            continue
        row.group_id = group_ids.get(row.group, row.group)
        if row.pk is None:
            criterion = ScoringCriterion.objects.create(
                group_id=row.group_id, **{field: getattr(row, field) for field in CRITERION_FIELDS}
            )
            created.append({"criterion": criterion.name})
        else:
            _apply(own_criteria[row.pk], row, ["group_id", *CRITERION_FIELDS], "criterion", changed)
    for row in bands:
        if row.delete:
            if row.pk:
                deleted.append({"band": own_bands[row.pk].name})
                own_bands[row.pk].delete()
        elif row.pk is None:
            band = ScoringBand.objects.create(
                sheet=sheet, name=row.name, min_points=row.min_points, title_id=row.title_id
            )
            created.append({"band": band.name})
        else:
            _apply(own_bands[row.pk], row, ["name", "min_points", "title_id"], "band", changed)
    data = {"created": created, "changed": changed, "deleted": deleted}
    audit_log(
        actor=actor,
        action="scoring_sheet.update",
        target=sheet,
        unit=sheet.year_plan.province,
        data={key: value for key, value in data.items() if value},
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
