"""Every write to registrations. Views and commands call these; nothing else changes a registration's state."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from movements.enums import SubjectKind
from movements.models import Title, YearPlan, end_of_day
from registrations.enums import RegistrationState
from registrations.models import DeadlineExtension, Registration, RegistrationLine
from registrations.notify import notify_registration_submitted
from registrations.reminders import reminders_cancel_pending
from registrations.selectors import candidates_until, effective_deadline, supplementary_reason
from units.models import AuditEntry, Staff, Unit
from units.notifications import lazy_text, notify, unit_officers
from units.permissions import require_unit_access
from units.services import audit_log
from units.text import clean
from units.workflow import transition


@dataclass(frozen=True)
class LineInput:
    """One subject's choice: ``staff_id`` None is the collective; ``title_id`` None means not registering."""

    staff_id: int | None
    title_id: int | None
    reason: str = ""


def _check_open(*, unit: Unit, year_plan: YearPlan, now: datetime.datetime) -> None:
    deadline = effective_deadline(unit=unit, year_plan=year_plan)
    if now > end_of_day(deadline):
        raise ValidationError(
            _("The registration deadline (23:59 on %(date)s) has passed. Ask the council secretariat for an extension.")
            % {"date": deadline.strftime("%d/%m/%Y")}
        )


def _locked_registration(*, unit: Unit, year_plan: YearPlan, actor) -> Registration:
    """The unit's registration for the year, created as a draft if needed, locked for this transaction."""
    try:
        with transaction.atomic():
            registration, created = Registration.objects.get_or_create(
                unit=unit, year_plan=year_plan, defaults={"last_changed_by": actor}
            )
    except IntegrityError:  # another request created it between our read and our insert
        created = False
    if created:
        audit_log(
            actor=actor,
            action="registration.create",
            target=registration,
            unit=unit,
            to_state=RegistrationState.DRAFT,
        )
    return Registration.objects.select_for_update().get(unit=unit, year_plan=year_plan)


def _validate_lines(*, unit: Unit, lines: list[LineInput]) -> dict[int | None, LineInput]:
    """Check every line belongs to the unit and carries a title of the right kind; key them by subject."""
    staff_ids = {line.staff_id for line in lines if line.staff_id is not None}
    staff = {s.pk: s for s in Staff.objects.filter(pk__in=staff_ids, unit=unit, is_active=True)}
    titles = {t.pk: t for t in Title.objects.filter(pk__in={ln.title_id for ln in lines if ln.title_id})}
    errors = []
    by_subject: dict[int | None, LineInput] = {}
    for line in lines:
        subject_name = staff[line.staff_id].full_name if line.staff_id in staff else unit.name
        if line.staff_id is not None and line.staff_id not in staff:
            errors.append(_("The staff member #%(id)s is not an active member of this unit.") % {"id": line.staff_id})
            continue
        wanted_kind = SubjectKind.COLLECTIVE if line.staff_id is None else SubjectKind.INDIVIDUAL
        if line.title_id is not None:
            title = titles.get(line.title_id)
            if title is None or not title.is_active or not title.is_emulation_title:
                errors.append(_("%(name)s: the chosen title does not exist.") % {"name": subject_name})
            elif title.subject_kind != wanted_kind:
                message = (
                    _("%(name)s: “%(title)s” is an individual title; choose a collective title for the unit.")
                    if wanted_kind == SubjectKind.COLLECTIVE
                    else _("%(name)s: “%(title)s” is a collective title; choose an individual title.")
                )
                errors.append(message % {"name": subject_name, "title": title.name})
        elif not clean(line.reason):
            errors.append(_("%(name)s: give a reason for not registering.") % {"name": subject_name})
        by_subject[line.staff_id] = line
    if errors:
        raise ValidationError(errors)
    return by_subject


def _write_lines(*, registration: Registration, lines: dict[int | None, LineInput]) -> int:
    """Replace the lines of the given subjects; lines of other subjects stay. Returns how many were written."""
    existing = {line.staff_id: line for line in registration.lines.all()}
    positions = dict(Staff.objects.filter(pk__in=[k for k in lines if k]).values_list("pk", "position"))
    to_create, to_update = [], []
    for staff_id, line_input in lines.items():
        line = existing.get(staff_id) or RegistrationLine(registration=registration, staff_id=staff_id)
        new_values = {
            "title_id": line_input.title_id,
            "not_registering_reason": "" if line_input.title_id else clean(line_input.reason),
            "staff_position": positions.get(staff_id, ""),
        }
        if line.pk and all(getattr(line, k) == v for k, v in new_values.items()):
            continue
        for key, value in new_values.items():
            setattr(line, key, value)
        (to_update if line.pk else to_create).append(line)
    RegistrationLine.objects.bulk_create(to_create)
    RegistrationLine.objects.bulk_update(to_update, ["title_id", "not_registering_reason", "staff_position"])
    return len(to_create) + len(to_update)


def _transition(*, registration: Registration, to_state: str, actor, reason: str = "", now=None) -> AuditEntry:
    """A registration's state change (``units.workflow.transition``, the table on the model) with the fields each
    change sets. Returns the audit entry."""
    fields = {"last_changed_by": actor}
    if to_state == RegistrationState.SUBMITTED:
        fields |= {"submitted_at": now or timezone.now(), "submitted_by": actor, "return_reason": ""}
    elif to_state == RegistrationState.RETURNED:
        fields["return_reason"] = reason
    entry = transition(
        registration,
        to_state,
        actor=actor,
        reason=reason,
        unit=registration.unit,
        action=f"registration.{to_state}",
        fields=fields,
    )
    if to_state == RegistrationState.SUBMITTED:
        reminders_cancel_pending(unit=registration.unit, year_plan=registration.year_plan)
    return entry


def _prepare(*, unit, year_plan, actor, lines, now) -> tuple[Registration, int]:
    if unit.province_id != year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    _check_open(unit=unit, year_plan=year_plan, now=now)
    validated = _validate_lines(unit=unit, lines=lines)
    registration = _locked_registration(unit=unit, year_plan=year_plan, actor=actor)
    if not registration.is_editable_state:
        raise ValidationError(
            _("The registration has been submitted and is locked. The secretariat can return it for correction.")
        )
    written = _write_lines(registration=registration, lines=validated)
    return registration, written


@transaction.atomic
def registration_save_draft(
    *, unit: Unit, year_plan: YearPlan, actor, lines: list[LineInput], now=None
) -> Registration:
    """Save what the officer has filled so far; nothing is required yet."""
    now = now or timezone.now()
    registration, written = _prepare(unit=unit, year_plan=year_plan, actor=actor, lines=lines, now=now)
    registration.last_changed_by = actor
    registration.save(update_fields=["last_changed_by", "updated_at"])
    audit_log(actor=actor, action="registration.save", target=registration, unit=unit, data={"lines": written})
    return registration


def registration_missing(*, registration: Registration) -> list[str]:
    """Names of the unit and active staff who have no line yet."""
    lines = set(registration.lines.values_list("staff_id", flat=True))
    missing = [] if None in lines else [registration.unit.name]
    roster = Staff.objects.filter(unit=registration.unit, is_active=True).roster_order()
    missing += [name for pk, name in roster.values_list("pk", "full_name") if pk not in lines]
    return missing


@transaction.atomic
def registration_submit(*, unit: Unit, year_plan: YearPlan, actor, lines: list[LineInput], now=None) -> Registration:
    """Save the lines and send the registration to the secretariat; every subject must have a line. The officer
    is sent a confirmation of what was submitted and the secretariat a notification (``registrations.notify``).

    Two officers submitting at once: the row lock makes the second one see a submitted registration and fail.
    """
    now = now or timezone.now()
    registration, _written = _prepare(unit=unit, year_plan=year_plan, actor=actor, lines=lines, now=now)
    missing = registration_missing(registration=registration)
    if missing:
        raise ValidationError(
            _("Every line must be filled before submitting. Still missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    submission = _transition(registration=registration, to_state=RegistrationState.SUBMITTED, actor=actor, now=now)
    # The officer's confirmation and the secretariat's notification, recorded now and sent after the commit.
    notify_registration_submitted(registration, submission=submission)
    return registration


@transaction.atomic
def registration_return(*, registration: Registration, actor, reason: str) -> Registration:
    """The secretariat reopens a submitted registration for the unit to correct."""
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for returning the registration."))
    registration = Registration.objects.select_for_update().select_related("unit", "year_plan").get(pk=registration.pk)
    entry = _transition(registration=registration, to_state=RegistrationState.RETURNED, actor=actor, reason=reason)
    # The unit's officers: the bell and an e-mail, with the reason, linking to the sheet.
    notify(
        unit_officers(registration.unit),
        key=f"registration:{registration.pk}:return:{entry.pk}",
        text=lazy_text(
            _lazy("Your registration for %(year)s was returned for correction: %(reason)s"),
            {"year": registration.year_plan.year, "reason": reason},
        ),
        url=reverse("registrations:sheet", kwargs={"plan": registration.year_plan_id, "unit": registration.unit_id}),
        unit=registration.unit,
    )
    return registration


@transaction.atomic
def registration_add_supplementary(
    *, registration: Registration, actor, staff: Staff, title_id: int | None, now=None
) -> RegistrationLine:
    """Add a line to a submitted registration for someone who came after it: a recruit who joined the procuracy
    after the unit's effective deadline, or a person put on the roster after the submission.

    The registration keeps its state and stays locked; only the new line is written (``supplementary_at``).
    """
    now = now or timezone.now()
    require_unit_access(actor, registration.unit)
    registration = Registration.objects.select_for_update().select_related("unit", "year_plan").get(pk=registration.pk)
    unit = registration.unit
    staff = Staff.objects.get(pk=staff.pk)  # the roster's current values, not the caller's copy
    if registration.state != RegistrationState.SUBMITTED:
        raise ValidationError(
            _(
                "Only a submitted registration takes supplementary lines; while it is open, fill the person's line "
                "in the registration itself."
            )
        )
    if title_id is None:
        raise ValidationError(_("%(name)s: choose the title to register.") % {"name": staff.full_name})
    # The same checks as an ordinary line: an active member of the unit, an individual emulation title in use.
    _validate_lines(unit=unit, lines=[LineInput(staff.pk, title_id)])
    if registration.lines.filter(staff=staff).exists():
        raise ValidationError(
            _("%(name)s already has a line in this registration; the secretariat can return it for correction.")
            % {"name": staff.full_name}
        )
    deadline = effective_deadline(unit=unit, year_plan=registration.year_plan)
    reason = supplementary_reason(
        staff, deadline=deadline, submitted_at=registration.submitted_at, until=candidates_until(registration.year_plan)
    )
    if not reason:
        raise ValidationError(
            _(
                "%(name)s joined the procuracy by the deadline (%(date)s) and was on the roster when the "
                "registration was submitted; a supplementary registration is only for people who came later. "
                "The secretariat can return the registration for correction."
            )
            % {"name": staff.full_name, "date": deadline.strftime("%d/%m/%Y")}
        )
    line = RegistrationLine.objects.create(
        registration=registration,
        staff=staff,
        title_id=title_id,
        staff_position=staff.position,
        supplementary_at=now,
    )
    # The state and the submission stay as they were; the change shows in the cached pages (their versions).
    registration.last_changed_by = actor
    registration.save(update_fields=["last_changed_by", "updated_at"])
    audit_log(
        actor=actor,
        action="registration.supplementary",
        target=registration,
        unit=unit,
        data={
            "staff_id": staff.pk,
            "staff": staff.full_name,
            "title_id": line.title_id,
            "title": line.title.name,
            "because": reason,
        },
    )
    return line


@transaction.atomic
def deadline_extension_grant(
    *, unit: Unit, year_plan: YearPlan, new_deadline: datetime.date, reason: str, actor
) -> DeadlineExtension:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for the extension."))
    if new_deadline <= year_plan.registration_deadline:
        raise ValidationError(_("The new deadline must be later than the plan's deadline."))
    if unit.province_id != year_plan.province_id:
        raise ValidationError(_("This unit does not belong to the plan's province."))
    extension = DeadlineExtension.objects.create(
        unit=unit, year_plan=year_plan, new_deadline=new_deadline, reason=reason, granted_by=actor
    )
    # Reminders already recorded for the old date are stopped; the daily job plans the new dates.
    reminders_cancel_pending(unit=unit, year_plan=year_plan)
    audit_log(
        actor=actor,
        action="registration.extend",
        target=extension,
        unit=unit,
        reason=reason,
        data={"new_deadline": new_deadline.isoformat()},
    )
    notify(
        unit_officers(unit),
        key=f"extension:{extension.pk}",
        text=lazy_text(
            _lazy("The registration deadline for %(year)s was extended to %(date)s: %(reason)s"),
            {"year": year_plan.year, "date": new_deadline.strftime("%d/%m/%Y"), "reason": reason},
        ),
        url=reverse("registrations:sheet", kwargs={"plan": year_plan.pk, "unit": unit.pk}),
        unit=unit,
    )
    return extension
