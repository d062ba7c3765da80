"""Writes of a unit's own emulation work (plan III.1, II.2.5): its plan or programme for the year, sent to the
secretariat and returned with a reason; the short-term movements it launches for its staff and their results."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from movements.enums import Launcher, ReportState, UnitPlanKind
from movements.models import Movement, MovementResult, UnitPlan, YearPlan
from units.attachments import attachments_add, attachments_of
from units.models import Staff, Unit
from units.notifications import lazy_text, notify, unit_officers
from units.permissions import require_unit_access
from units.services import audit_log
from units.text import clean, clean_lines
from units.workflow import transition

UNIT_PLAN_FIELDS = ("number", "issued_on", "signer", "theme", "targets")
MULTILINE_FIELDS = ("theme", "targets")  # typed one target a line: the breaks are kept


def unit_plan_kind(unit: Unit) -> str:
    """A department of the provincial procuracy writes a programme, any other unit a plan."""
    return UnitPlanKind.PROGRAMME if unit.kind.code == "department" else UnitPlanKind.PLAN


def unit_plan_check_complete(unit_plan: UnitPlan, *, has_files: bool) -> None:
    """What submitting needs: the number, the date, the signer and the signed document (ValidationError)."""
    missing = [
        str(UnitPlan._meta.get_field(name).verbose_name)
        for name in ("number", "issued_on", "signer")
        if not getattr(unit_plan, name)
    ]
    if missing:
        raise ValidationError(_("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)})
    if not has_files:
        raise ValidationError(_("Attach the signed document before submitting."))


@transaction.atomic
def unit_plan_save(
    *, year_plan: YearPlan, unit: Unit, actor, files=(), submit: bool = False, now=None, **fields
) -> UnitPlan:
    """Write a unit's plan or programme for the year (a draft, or submitted to the secretariat: then locked until
    returned). Submitting needs the number, the date, the signer and the signed document."""
    now = now or timezone.now()
    require_unit_access(actor, unit)
    if unit.province_id != year_plan.province_id or unit.kind.is_provincial_procuracy:
        raise ValidationError(_("This unit does not write a plan on the province's plan."))
    values = {
        k: ((clean_lines(v) if k in MULTILINE_FIELDS else clean(v)) if isinstance(v, str) else v)
        for k, v in fields.items()
        if k in UNIT_PLAN_FIELDS
    }
    unit_plan = UnitPlan.objects.select_for_update().filter(year_plan=year_plan, unit=unit).first()
    created = unit_plan is None
    if unit_plan is None:
        unit_plan = UnitPlan(year_plan=year_plan, unit=unit, kind=unit_plan_kind(unit))
    elif unit_plan.state == ReportState.SUBMITTED:
        raise ValidationError(_("The plan has been submitted and is locked."))
    for name, value in values.items():
        setattr(unit_plan, name, value)
    unit_plan.full_clean(exclude=["year_plan", "unit"])
    if submit:
        has_files = bool(files) or (not created and attachments_of(unit_plan).exists())
        unit_plan_check_complete(unit_plan, has_files=has_files)
    state = unit_plan.state
    unit_plan.save()
    if submit:
        transition(
            unit_plan,
            ReportState.SUBMITTED,
            actor=actor,
            unit=unit,
            action="unit_plan.submit",
            fields={"submitted_at": now, "return_reason": ""},
        )
    else:
        audit_log(
            actor=actor,
            action="unit_plan.save",
            target=unit_plan,
            unit=unit,
            from_state="" if created else state,
            to_state=unit_plan.state,
        )
    attachments_add(owner=unit_plan, files=files, actor=actor, unit=unit)
    return unit_plan


@transaction.atomic
def unit_plan_return(*, unit_plan: UnitPlan, actor, reason: str) -> UnitPlan:
    """The secretariat returns a submitted plan with its reason; the unit's officers are told."""
    if not (actor.is_admin or (actor.is_secretariat and actor.province_id == unit_plan.year_plan.province_id)):
        raise PermissionDenied
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for returning the plan."))
    unit_plan = UnitPlan.objects.select_for_update().select_related("unit", "year_plan").get(pk=unit_plan.pk)
    if unit_plan.state != ReportState.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned."))
    entry = transition(unit_plan, ReportState.RETURNED, actor=actor, reason=reason, fields={"return_reason": reason})
    notify(
        unit_officers(unit_plan.unit),
        key=f"unit-plan-returned:{entry.pk}",
        text=lazy_text(
            gettext_lazy("The secretariat returned your unit's emulation plan for %(year)s: %(reason)s"),
            {"year": unit_plan.year_plan.year, "reason": reason},
        ),
        url=reverse("movements:unit_plan", kwargs={"plan": unit_plan.year_plan_id, "unit": unit_plan.unit_id}),
        unit=unit_plan.unit,
    )
    return unit_plan


# --- A unit's own short-term movements ------------------------------------------------------------------------

UNIT_MOVEMENT_FIELDS = ("name", "kind", "start_date", "end_date", "theme", "criteria", "launching_document")


def _own_movement(movement: Movement, actor) -> Unit:
    if movement.unit_id is None:
        raise ValidationError(_("This is a movement of the province, not of a unit."))
    require_unit_access(actor, movement.unit)
    return movement.unit


@transaction.atomic
def unit_movement_create(*, unit: Unit, actor, files=(), **fields) -> Movement:
    """A unit launches a short-term or thematic movement for its own staff (plan II.2.5)."""
    require_unit_access(actor, unit)
    values = {k: v for k, v in fields.items() if k in UNIT_MOVEMENT_FIELDS}
    movement = Movement(province_id=unit.province_id, unit=unit, launched_by=Launcher.UNIT, all_units=False, **values)
    movement.name = clean(movement.name)
    movement.full_clean(exclude=["province", "unit"])
    movement.save()
    audit_log(actor=actor, action="movement.launch", target=movement, unit=unit, data={"name": movement.name})
    attachments_add(owner=movement, files=files, actor=actor, unit=unit)
    return movement


@transaction.atomic
def unit_movement_update(*, movement: Movement, actor, files=(), **fields) -> Movement:
    unit = _own_movement(movement, actor)
    changed = {}
    for name, value in fields.items():
        if name in UNIT_MOVEMENT_FIELDS and getattr(movement, name) != value:
            changed[name] = [str(getattr(movement, name)), str(value)]
            setattr(movement, name, value)
    movement.name = clean(movement.name)
    movement.full_clean(exclude=["province", "unit"])
    movement.save()
    audit_log(actor=actor, action="movement.update", target=movement, unit=unit, data=changed)
    attachments_add(owner=movement, files=files, actor=actor, unit=unit)
    return movement


@transaction.atomic
def movement_result_save(
    *, movement: Movement, staff: Staff, actor, result: str, outstanding: bool = False, ranking: int | None = None
) -> MovementResult:
    """Record (or correct) one person's result in their unit's own movement."""
    unit = _own_movement(movement, actor)
    if staff.unit_id != unit.pk:
        raise ValidationError(_("Only the unit's own staff take part in its movement."))
    result = (result or "").strip()
    if not result:
        raise ValidationError(_("Write the person's result."))
    row, created = MovementResult.objects.select_for_update().get_or_create(
        movement=movement,
        staff=staff,
        defaults={"unit": unit, "result": result, "outstanding": outstanding, "ranking": ranking},
    )
    before = None if created else [row.result, row.outstanding, row.ranking]
    if not created:
        row.result, row.outstanding, row.ranking = result, outstanding, ranking
        row.save(update_fields=["result", "outstanding", "ranking", "updated_at"])
    audit_log(
        actor=actor,
        action="movement_result.save",
        target=movement,
        unit=unit,
        data={"staff": staff.full_name, "before": before, "after": [result, outstanding, ranking]},
    )
    return row


@transaction.atomic
def movement_result_delete(*, result: MovementResult, actor) -> None:
    unit = _own_movement(result.movement, actor)
    audit_log(
        actor=actor,
        action="movement_result.delete",
        target=result.movement,
        unit=unit,
        data={"staff": result.staff.full_name, "result": result.result},
    )
    result.delete()
