"""Writes to the council's inspections: the plan, each inspection and its record, the findings, the unit's answers
and the secretariat's closure. Every write is one transaction with its audit entry; states move through
``units.workflow.transition``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import FindingState, InspectionState
from awards.models import Finding, Inspection, InspectionPlan
from movements.models import YearPlan
from units.attachments import attachments_add
from units.models import Staff, Unit
from units.notifications import lazy_text, notify, province_secretariat, unit_officers
from units.permissions import require_secretariat_of, require_unit_access
from units.services import audit_log
from units.workflow import transition

RECORD_FIELDS = ("inspected_on", "record_number", "unit_head", "unit_head_title", "conclusion")


def _check_staff(province_id: int, people) -> None:
    if any(person.unit.province_id != province_id for person in people):
        raise ValidationError(_("The team must be staff of the province."))


@transaction.atomic
def inspection_plan_create(*, year_plan: YearPlan, actor, title: str, number: str = "", issued_on=None):
    require_secretariat_of(actor, year_plan.province_id)
    if InspectionPlan.objects.filter(year_plan=year_plan).exists():
        raise ValidationError(_("The year already has its inspection plan."))
    plan = InspectionPlan(
        province_id=year_plan.province_id, year_plan=year_plan, title=title, number=number, issued_on=issued_on
    )
    plan.full_clean()
    plan.save()
    audit_log(actor=actor, action="inspection_plan.create", target=plan, data={"title": plan.title})
    return plan


@transaction.atomic
def inspection_create(
    *, plan: InspectionPlan, unit: Unit, actor, body: str, scheduled_on, leader: Staff, members=()
) -> Inspection:
    require_secretariat_of(actor, plan.province_id)
    if unit.province_id != plan.province_id:
        raise ValidationError(_("The unit is not of the plan's province."))
    members = [member for member in members if member.pk != leader.pk]
    _check_staff(plan.province_id, [leader, *members])
    if Inspection.objects.filter(plan=plan, unit=unit).exists():
        raise ValidationError(_("The unit is already in the plan."))
    inspection = Inspection(plan=plan, unit=unit, body=body, scheduled_on=scheduled_on, leader=leader)
    inspection.full_clean()
    inspection.save()
    inspection.members.set(members)
    audit_log(
        actor=actor,
        action="inspection.create",
        target=inspection,
        unit=unit,
        data={"scheduled_on": f"{scheduled_on:%d/%m/%Y}", "leader": leader.full_name},
    )
    return inspection


def _lock(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_related("unit", "plan").select_for_update(of=("self",)).get(pk=inspection.pk)


@transaction.atomic
def inspection_record(*, inspection: Inspection, actor, **fields) -> Inspection:
    """Write the record's own fields (date, number, the unit's signer, the conclusion) while it is not issued."""
    inspection = _lock(inspection)
    require_secretariat_of(actor, inspection.unit.province_id)
    if inspection.state != InspectionState.PLANNED:
        raise ValidationError(_("The record is issued and can no longer be changed."))
    changed = {}
    for name in RECORD_FIELDS:
        if name in fields and getattr(inspection, name) != fields[name]:
            changed[name] = {"old": str(getattr(inspection, name) or ""), "new": str(fields[name] or "")}
            setattr(inspection, name, fields[name])
    inspection.full_clean()
    inspection.save()
    audit_log(actor=actor, action="inspection.record", target=inspection, unit=inspection.unit, data=changed)
    return inspection


@transaction.atomic
def finding_add(*, inspection: Inspection, actor, description: str, remedy: str, due_date) -> Finding:
    inspection = _lock(inspection)
    require_secretariat_of(actor, inspection.unit.province_id)
    if inspection.state != InspectionState.PLANNED:
        raise ValidationError(_("The record is issued: findings can no longer be added."))
    position = (inspection.findings.aggregate(top=Max("position"))["top"] or 0) + 1
    finding = Finding(
        inspection=inspection, position=position, description=description, remedy=remedy, due_date=due_date
    )
    finding.full_clean()
    finding.save()
    audit_log(
        actor=actor,
        action="finding.create",
        target=finding,
        unit=inspection.unit,
        data={"position": position, "due_date": f"{due_date:%d/%m/%Y}"},
    )
    return finding


def _inspection_url(inspection) -> str:
    return reverse("awards:inspection_detail", kwargs={"pk": inspection.pk})


@transaction.atomic
def inspection_issue(*, inspection: Inspection, actor) -> Inspection:
    """Issue the record to the unit: it needs its date; the unit's officers are told. A record without findings
    closes the inspection at once."""
    inspection = _lock(inspection)
    require_secretariat_of(actor, inspection.unit.province_id)
    if inspection.state == InspectionState.PLANNED and not inspection.inspected_on:
        raise ValidationError(_("Give the date of the inspection before issuing the record."))
    transition(
        inspection, InspectionState.ISSUED, actor=actor, unit=inspection.unit, fields={"issued_at": timezone.now()}
    )
    count = inspection.findings.count()
    notify(
        unit_officers(inspection.unit),
        key=f"inspection:{inspection.pk}:issued",
        text=lazy_text(
            gettext_lazy("The inspection record of %(date)s was issued: %(count)s findings to fix."),
            {"date": f"{inspection.inspected_on:%d/%m/%Y}", "count": count},
        ),
        url=_inspection_url(inspection),
        unit=inspection.unit,
    )
    if count == 0:
        transition(inspection, InspectionState.CLOSED, actor=actor, unit=inspection.unit)
    return inspection


def _lock_finding(finding: Finding) -> Finding:
    return Finding.objects.select_related("inspection__unit").select_for_update(of=("self",)).get(pk=finding.pk)


@transaction.atomic
def finding_answer(*, finding: Finding, actor, answer: str, files=()) -> Finding:
    """The unit says what it fixed, with evidence files; the secretariat is told."""
    finding = _lock_finding(finding)
    inspection = finding.inspection
    require_unit_access(actor, inspection.unit)
    if inspection.state != InspectionState.ISSUED:
        raise ValidationError(_("Only the findings of an issued record are answered."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Say what the unit did to fix it.")})
    transition(
        finding,
        FindingState.ANSWERED,
        actor=actor,
        unit=inspection.unit,
        fields={"answer": answer, "answered_at": timezone.now(), "answered_by": actor},
    )
    attachments_add(owner=finding, files=files, actor=actor, unit=inspection.unit)
    notify(
        province_secretariat(inspection.unit.province_id),
        key=f"finding:{finding.pk}:answered:{finding.answered_at.isoformat()}",
        text=lazy_text(
            gettext_lazy("%(unit)s answered finding %(position)s of its inspection."),
            {"unit": inspection.unit.name, "position": finding.position},
        ),
        url=_inspection_url(inspection),
        email=False,
        unit=inspection.unit,
    )
    return finding


@transaction.atomic
def finding_review(*, finding: Finding, actor, accept: bool, note: str = "") -> Finding:
    """The secretariat closes a finding or does not accept the answer (with the reason; the unit is told). The
    inspection closes with its last finding."""
    finding = _lock_finding(finding)
    inspection = finding.inspection
    require_secretariat_of(actor, inspection.unit.province_id)
    note = (note or "").strip()
    if accept:
        transition(
            finding,
            FindingState.CLOSED,
            actor=actor,
            reason=note,
            unit=inspection.unit,
            fields={"review_note": note, "closed_at": timezone.now()},
        )
        if not inspection.findings.exclude(state=FindingState.CLOSED).exists():
            inspection = _lock(inspection)
            transition(inspection, InspectionState.CLOSED, actor=actor, unit=inspection.unit)
        return finding
    if not note:
        raise ValidationError({"note": _("Say why the answer is not accepted.")})
    entry = transition(
        finding, FindingState.NOT_ACCEPTED, actor=actor, reason=note, unit=inspection.unit, fields={"review_note": note}
    )
    notify(
        unit_officers(inspection.unit),
        key=f"finding:{finding.pk}:not_accepted:{entry.pk}",
        text=lazy_text(
            gettext_lazy("The answer to finding %(position)s of the inspection was not accepted: %(note)s"),
            {"position": finding.position, "note": note},
        ),
        url=_inspection_url(inspection),
        unit=inspection.unit,
    )
    return finding
