"""Writes to year plans, movements and their reports, pledges and exemplary individuals."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from movements.enums import Launcher, ReportState
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge, YearPlan, end_of_day
from movements.selectors import landing_plan_key
from units.attachments import attachments_add
from units.models import Staff, Unit
from units.permissions import require_unit_access
from units.services import audit_log
from units.text import clean
from units.workflow import transition

PLAN_FIELDS = (
    "number",
    "issued_on",
    "theme",
    "registration_deadline",
    "proposal_deadline",
    "unit_plan_deadline",
    "superior_agency",
    "issuing_agency",
    "agency_symbol",
    "place_name",
    "signer_authority",
    "signer_title",
    "signer_deputy_title",
    "signer_name",
    "recipients",
    "pack_recipients",
    "decision_recipients",
    "submission_recipients",
)
# The plan's own provisions that verdicts and proposals cite (registration required, disqualifiers, their sections).
PLAN_PROVISIONS = (
    "registration_required",
    "registration_section",
    "bars_serious_violation",
    "bars_annulled_case",
    "bars_suspended_case",
    "disqualifier_section",
)


@transaction.atomic
def year_plan_create(*, province: Unit, year: int, actor=None, **fields) -> YearPlan:
    if not province.kind.is_provincial_procuracy:
        raise ValidationError(_("Year plans belong to a provincial procuracy."))
    if YearPlan.objects.filter(province=province, year=year).exists():
        raise ValidationError(_("The plan for %(year)s already exists.") % {"year": year})
    accepted = PLAN_FIELDS + PLAN_PROVISIONS
    plan = YearPlan(province=province, year=year, **{k: v for k, v in fields.items() if k in accepted})
    plan.full_clean()
    plan.save()
    audit_log(actor=actor, action="year_plan.create", target=plan, unit=province, data={"year": year})
    transaction.on_commit(lambda: cache.delete(landing_plan_key(province.pk)))
    return plan


@transaction.atomic
def year_plan_update(*, plan: YearPlan, actor=None, **fields) -> YearPlan:
    changed = {}
    for name, value in fields.items():
        if name not in PLAN_FIELDS + PLAN_PROVISIONS:
            raise ValueError(name)
        if getattr(plan, name) != value:
            changed[name] = [str(getattr(plan, name)), str(value)]
            setattr(plan, name, value)
    if changed:
        plan.full_clean()
        plan.save()
        audit_log(actor=actor, action="year_plan.update", target=plan, unit=plan.province, data=changed)
        transaction.on_commit(lambda: cache.delete(landing_plan_key(plan.province_id)))  # deadlines move the landing
    return plan


# --- Movements -------------------------------------------------------------------------------------------------

MOVEMENT_FIELDS = (
    "name",
    "launched_by",
    "kind",
    "start_date",
    "end_date",
    "theme",
    "criteria",
    "launching_document",
    "all_units",
    "report_deadline",
)


def _check_movement(movement: Movement, units) -> None:
    if movement.launched_by == Launcher.UNIT or movement.unit_id:
        raise ValidationError(_("A unit launches its own movement from its own page."))
    movement.full_clean(exclude=["province"])
    if not movement.all_units and not units:
        raise ValidationError(_("Choose the participating units, or let all units take part."))
    if any(unit.province_id != movement.province_id for unit in units):
        raise ValidationError(_("Participating units must belong to the province."))


@transaction.atomic
def movement_create(*, province: Unit, actor, units=(), files=(), **fields) -> Movement:
    movement = Movement(province=province, **{k: v for k, v in fields.items() if k in MOVEMENT_FIELDS})
    movement.name = clean(movement.name)
    _check_movement(movement, units)
    movement.save()
    movement.units.set([] if movement.all_units else units)
    audit_log(actor=actor, action="movement.launch", target=movement, unit=province, data={"name": movement.name})
    attachments_add(owner=movement, files=files, actor=actor, unit=province)
    return movement


@transaction.atomic
def movement_update(*, movement: Movement, actor, units=(), files=(), **fields) -> Movement:
    changed = {}
    for name, value in fields.items():
        if name in MOVEMENT_FIELDS and getattr(movement, name) != value:
            changed[name] = [str(getattr(movement, name)), str(value)]
            setattr(movement, name, value)
    _check_movement(movement, units)
    movement.save()
    movement.units.set([] if movement.all_units else units)
    audit_log(actor=actor, action="movement.update", target=movement, unit=movement.province, data=changed)
    attachments_add(owner=movement, files=files, actor=actor, unit=movement.province)
    return movement


def _report_open(movement: Movement, now) -> None:
    if movement.report_deadline and now > end_of_day(movement.report_deadline):
        raise ValidationError(
            _("The report deadline (23:59 on %(date)s) has passed.")
            % {"date": movement.report_deadline.strftime("%d/%m/%Y")}
        )


def _takes_part(movement: Movement, unit: Unit) -> bool:
    # A unit's own movement has results per person (movements.unit_services), not units' reports.
    return (
        movement.unit_id is None
        and movement.province_id == unit.province_id
        and (movement.all_units or movement.units.filter(pk=unit.pk).exists())
    )


@transaction.atomic
def movement_report_save(
    *, movement: Movement, unit: Unit, actor, summary: str, files=(), submit: bool = False, now=None
) -> MovementReport:
    """Write (and optionally submit) a unit's report on a movement; a submitted report is locked."""
    now = now or timezone.now()
    require_unit_access(actor, unit)
    if not _takes_part(movement, unit):
        raise ValidationError(_("This unit does not take part in the movement."))
    _report_open(movement, now)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("Write the report."))
    report, created = MovementReport.objects.select_for_update().get_or_create(
        movement=movement, unit=unit, defaults={"summary": summary}
    )
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("The report has been submitted and is locked."))
    if submit:
        transition(
            report,
            ReportState.SUBMITTED,
            actor=actor,
            unit=unit,
            action="movement_report.submit",
            fields={"summary": summary, "submitted_at": now, "return_reason": ""},
        )
    else:
        report.summary = summary
        report.save(update_fields=["summary", "updated_at"])
        audit_log(
            actor=actor,
            action="movement_report.save",
            target=report,
            unit=unit,
            from_state="" if created else report.state,
            to_state=report.state,
        )
    attachments_add(owner=report, files=files, actor=actor, unit=unit)
    return report


@transaction.atomic
def movement_report_return(*, report: MovementReport, actor, reason: str) -> MovementReport:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for returning the report."))
    report = MovementReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    transition(
        report,
        ReportState.RETURNED,
        actor=actor,
        reason=reason,
        unit=report.unit,
        action="movement_report.return",
        fields={"return_reason": reason},
    )
    return report


# --- Pledges and exemplary individuals -------------------------------------------------------------------------

PLEDGE_FIELDS = ("signed_on", "head_signatory", "union_signatory", "content")


@transaction.atomic
def pledge_save(*, year_plan: YearPlan, unit: Unit, actor, files=(), **fields) -> Pledge:
    require_unit_access(actor, unit)
    if unit.province_id != year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    values = {k: (clean(v) if isinstance(v, str) else v) for k, v in fields.items() if k in PLEDGE_FIELDS}
    pledge = Pledge.objects.filter(year_plan=year_plan, unit=unit).first()
    created = pledge is None
    pledge = pledge or Pledge(year_plan=year_plan, unit=unit)
    for name, value in values.items():
        setattr(pledge, name, value)
    pledge.full_clean(exclude=["year_plan", "unit"])
    pledge.save()
    audit_log(actor=actor, action="pledge.create" if created else "pledge.update", target=pledge, unit=unit)
    attachments_add(owner=pledge, files=files, actor=actor, unit=unit)
    return pledge


@transaction.atomic
def exemplary_add(*, year_plan: YearPlan, staff: Staff, actor, account: str) -> ExemplaryIndividual:
    unit = staff.unit
    require_unit_access(actor, unit)
    if unit.province_id != year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    account = (account or "").strip()
    if not account:
        raise ValidationError(_("Write a short account of the example."))
    if ExemplaryIndividual.objects.filter(year_plan=year_plan, staff=staff).exists():
        raise ValidationError(
            _("%(name)s is already named for %(year)s.") % {"name": staff.full_name, "year": year_plan.year}
        )
    example = ExemplaryIndividual.objects.create(year_plan=year_plan, unit=unit, staff=staff, account=account)
    audit_log(actor=actor, action="exemplary.name", target=example, unit=unit, data={"staff": staff.full_name})
    return example


@transaction.atomic
def exemplary_remove(*, example: ExemplaryIndividual, actor) -> None:
    require_unit_access(actor, example.unit)
    if example.selected_for_province or example.presented_to_supreme:
        raise ValidationError(_("The council has selected this example; it can no longer be withdrawn."))
    audit_log(
        actor=actor,
        action="exemplary.withdraw",
        target=example,
        unit=example.unit,
        data={"staff": example.staff.full_name},
    )
    example.delete()


@transaction.atomic
def exemplary_select(
    *, example: ExemplaryIndividual, actor, for_province: bool, for_supreme: bool
) -> ExemplaryIndividual:
    """Record the council's selection (entered by its secretariat)."""
    if not (actor.is_secretariat and (actor.is_admin or actor.province_id == example.unit.province_id)):
        raise PermissionDenied
    before = [example.selected_for_province, example.presented_to_supreme]
    example.selected_for_province = for_province
    example.presented_to_supreme = for_supreme
    example.save(update_fields=["selected_for_province", "presented_to_supreme", "updated_at"])
    audit_log(
        actor=actor,
        action="exemplary.select",
        target=example,
        unit=example.unit,
        data={"before": before, "after": [for_province, for_supreme]},
    )
    return example
