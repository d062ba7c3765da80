"""Deadline reminders: which units are due a reminder on a given day, recording them, sending them.

A unit whose registration is not submitted is reminded ``settings.REGISTRATION_REMINDER_OFFSETS`` days before
its deadline (7, 3, 1 and 0 by default) and once after a missed deadline, that last one also to the secretariat.
Due dates follow the unit's effective deadline, so an extension moves them. Each reminder is a ``Reminder`` row
with an ``OutboxMessage``, recorded before anything is sent and unique, so the job can run twice or on two
workers without sending twice. A reminder is of use only on its day: its message expires at the end of that day
(the overdue one at the end of the catch-up week) and the outbox cancels it rather than send it late.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from movements.models import YearPlan, end_of_day
from registrations.enums import RegistrationState
from registrations.models import DeadlineExtension, Registration, Reminder
from units.enums import Role
from units.models import OutboxMessage, Unit, User
from units.notifications import lazy_text, notify, province_secretariat, unit_officers
from units.outbox import outbox_cancel, outbox_record
from units.services import audit_log, heartbeat_record

logger = logging.getLogger(__name__)

# After a missed deadline the single overdue reminder is still sent if the job did not run on the day after.
OVERDUE_CATCH_UP_DAYS = 7


@dataclass(frozen=True)
class DueReminder:
    year_plan: YearPlan
    unit: Unit
    days_before: int
    deadline: datetime.date
    due_date: datetime.date


def reminder_expires_at(due: DueReminder) -> datetime.datetime:
    """The moment after which the reminder is useless: the end of its due day (23:59:59 Asia/Ho_Chi_Minh) for
    "còn N ngày", the end of the catch-up window for the overdue one."""
    if due.days_before == Reminder.OVERDUE:
        return end_of_day(due.deadline + datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS))
    return end_of_day(due.due_date)


def deadline_text(day: datetime.date) -> str:
    """The deadline as documents write it: "23 giờ 59 ngày 17/01/2018"."""
    return f"23 giờ 59 ngày {day:%d/%m/%Y}"


def reminders_due(on: datetime.date) -> list[DueReminder]:
    """Every reminder due on ``on`` for units that have not submitted, across all provinces. Four queries."""
    offsets = sorted(set(settings.REGISTRATION_REMINDER_OFFSETS), reverse=True)
    horizon = max(offsets, default=0)
    plans = list(
        YearPlan.objects.filter(
            registration_deadline__gte=on - datetime.timedelta(days=400),
        ).select_related("province")
    )
    if not plans:
        return []
    plan_ids = [plan.pk for plan in plans]
    extensions: dict[tuple[int, int], datetime.date] = {}
    for plan_id, unit_id, new_deadline in DeadlineExtension.objects.filter(year_plan_id__in=plan_ids).values_list(
        "year_plan_id", "unit_id", "new_deadline"
    ):
        extensions.setdefault((plan_id, unit_id), new_deadline)  # newest first
    submitted = set(
        Registration.objects.filter(year_plan_id__in=plan_ids, state=RegistrationState.SUBMITTED).values_list(
            "year_plan_id", "unit_id"
        )
    )
    units_by_province: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(province_id__in={p.province_id for p in plans}, is_active=True).order_by(
        "display_order", "sort_key"
    ):
        units_by_province.setdefault(unit.province_id, []).append(unit)
    due = []
    for plan in plans:
        for unit in units_by_province.get(plan.province_id, []):
            if (plan.pk, unit.pk) in submitted:
                continue
            deadline = extensions.get((plan.pk, unit.pk), plan.registration_deadline)
            if not (
                deadline - datetime.timedelta(days=horizon)
                <= on
                <= deadline + datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS)
            ):
                continue
            for days in offsets:
                if deadline - datetime.timedelta(days=days) == on:
                    due.append(DueReminder(plan, unit, days, deadline, on))
            overdue_on = deadline + datetime.timedelta(days=1)
            if on >= overdue_on:
                due.append(DueReminder(plan, unit, Reminder.OVERDUE, deadline, overdue_on))
    return due


def _recipients(due: DueReminder) -> list[str]:
    officers = User.objects.filter(unit=due.unit, role=Role.OFFICER, is_active=True).exclude(email="")
    emails = list(officers.values_list("email", flat=True))
    if due.unit.email:
        emails.append(due.unit.email)
    if due.days_before == Reminder.OVERDUE:
        secretariat = User.objects.filter(
            province_id=due.year_plan.province_id, role=Role.SECRETARIAT, is_active=True
        ).exclude(email="")
        emails += list(secretariat.values_list("email", flat=True))
    return emails


def _reminder_users(due: DueReminder) -> list[User]:
    users = unit_officers(due.unit)
    if due.days_before == Reminder.OVERDUE:
        users += province_secretariat(due.year_plan.province_id)
    return users


def _reminder_text(due: DueReminder):
    params = {"year": due.year_plan.year, "unit": due.unit.display_name, "deadline": deadline_text(due.deadline)}
    if due.days_before == Reminder.OVERDUE:
        message = _lazy("Overdue: %(unit)s has not submitted the %(year)s registration (deadline %(deadline)s)")
    elif due.days_before == 0:
        message = _lazy("Today is the last day to submit the %(year)s registration (deadline %(deadline)s)")
    else:
        params["days"] = due.days_before
        message = _lazy("%(days)s days left to submit the %(year)s registration (deadline %(deadline)s)")
    return lazy_text(message, params)


def reminder_record(due: DueReminder, *, enqueue: bool = True) -> Reminder | None:
    """Record one reminder and its e-mail, once. Returns None if it was already recorded."""
    key = f"reminder:{due.year_plan.pk}:{due.unit.pk}:{due.days_before}:{due.due_date.isoformat()}"
    if Reminder.objects.filter(message__key=key).exists():
        return None
    path = reverse("registrations:sheet", kwargs={"plan": due.year_plan.pk, "unit": due.unit.pk})
    context = {
        "unit": due.unit,
        "plan": due.year_plan,
        "days_before": due.days_before,
        "overdue": due.days_before == Reminder.OVERDUE,
        "deadline": due.deadline,
        "deadline_text": deadline_text(due.deadline),
        "url": f"{settings.SITE_URL}{path}",
    }
    try:
        with transaction.atomic():
            message, created = outbox_record(
                key=key,
                recipients=_recipients(due),
                template="deadline_reminder",
                context=context,
                unit=due.unit,
                enqueue=enqueue,
                expires_at=reminder_expires_at(due),
            )
            if not created:
                return None
            reminder = Reminder.objects.create(
                year_plan=due.year_plan,
                unit=due.unit,
                days_before=due.days_before,
                deadline=due.deadline,
                due_date=due.due_date,
                message=message,
            )
            # The same recipients see it in the bell too (the e-mail above is the reminder's own).
            notify(_reminder_users(due), key=key, text=_reminder_text(due), url=path, email=False, unit=due.unit)
            return reminder
    except IntegrityError:  # recorded by another worker at the same moment
        return None


def reminders_record(
    on: datetime.date | None = None, *, enqueue: bool = True, heartbeat: bool = True
) -> list[Reminder]:
    """The daily job: record (and enqueue) every reminder due today, and leave the heartbeat the reminders page
    reads ("last ran at"). The demo replays past days without it: the job did not run then."""
    on = on or timezone.localdate()
    recorded = [r for due in reminders_due(on) if (r := reminder_record(due, enqueue=enqueue))]
    logger.info("Recorded %s deadline reminders for %s", len(recorded), on)
    if heartbeat:
        heartbeat_record(name=HEARTBEAT, detail=f"{on.isoformat()} {len(recorded)}")
    return recorded


def reminders_cancel_pending(*, unit: Unit, year_plan: YearPlan) -> int:
    """Stop reminders still waiting for a unit: it submitted, or its deadline moved."""
    return outbox_cancel(OutboxMessage.objects.filter(reminder__unit=unit, reminder__year_plan=year_plan))


# ``Reminder.days_before`` of a reminder the secretariat sent by hand ("Nhắc ngay"): at most one per unit and day.
MANUAL = -2
# The heartbeat the daily job leaves (``units.models.ServiceHeartbeat``), read by the reminders page.
HEARTBEAT = "registration-reminders"


@dataclass
class RemindNowResult:
    reminded: list[Unit]
    already: list[Unit]  # reminded by hand earlier today (or by this same click)


def _late(unit_state: str, deadline: datetime.date, now: datetime.datetime) -> bool:
    return unit_state != RegistrationState.SUBMITTED and now > end_of_day(deadline)


def reminders_send_now(
    *,
    year_plan: YearPlan,
    actor: User,
    click: str,
    unit_ids: list[int] | None = None,
    now: datetime.datetime | None = None,
    enqueue: bool = True,
) -> RemindNowResult:
    """The secretariat's "Nhắc ngay": remind the given units (``unit_ids``), or every late unit when ``None``.

    Only units in the actor's scope that have not submitted are reminded. Each reminder is a ``Reminder`` row
    (``days_before=MANUAL``, due today) with its e-mail in the outbox under a key per unit and click, and an audit
    entry: the same click posted twice sends nothing twice, and a unit is reminded by hand at most once a day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    units = Unit.objects.for_user(actor).filter(province_id=year_plan.province_id, is_active=True)
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    units = list(units.order_by("display_order", "sort_key"))
    states = dict(Registration.objects.filter(year_plan=year_plan, unit__in=units).values_list("unit_id", "state"))
    extensions: dict[int, datetime.date] = {}
    for unit_id, new_deadline in DeadlineExtension.objects.filter(year_plan=year_plan, unit__in=units).values_list(
        "unit_id", "new_deadline"
    ):
        extensions.setdefault(unit_id, new_deadline)  # newest first
    done_today = set(
        Reminder.objects.filter(year_plan=year_plan, days_before=MANUAL, due_date=today).values_list(
            "unit_id", flat=True
        )
    )
    result = RemindNowResult([], [])
    for unit in units:
        state = states.get(unit.pk, "")
        deadline = extensions.get(unit.pk, year_plan.registration_deadline)
        if state == RegistrationState.SUBMITTED or (unit_ids is None and not _late(state, deadline, now)):
            continue
        if unit.pk in done_today:
            result.already.append(unit)
            continue
        if _remind_one(
            year_plan, unit, deadline=deadline, today=today, now=now, actor=actor, click=click, enqueue=enqueue
        ):
            result.reminded.append(unit)
        else:
            result.already.append(unit)
    if unit_ids is not None and not result.reminded and not result.already:
        raise ValidationError(_("This unit has already submitted its registration; there is nothing to remind."))
    return result


def _remind_one(year_plan, unit, *, deadline, today, now, actor, click, enqueue) -> bool:
    overdue = now > end_of_day(deadline)
    due = DueReminder(year_plan, unit, MANUAL, deadline, today)
    path = reverse("registrations:sheet", kwargs={"plan": year_plan.pk, "unit": unit.pk})
    context = {
        "unit": unit,
        "plan": year_plan,
        "days_before": max(0, (deadline - today).days),
        "overdue": overdue,
        "deadline": deadline,
        "deadline_text": deadline_text(deadline),
        "url": f"{settings.SITE_URL}{path}",
    }
    try:
        with transaction.atomic():
            message, created = outbox_record(
                key=f"reminder-now:{year_plan.pk}:{unit.pk}:{click}",
                recipients=_recipients(due),
                template="deadline_reminder",
                context=context,
                unit=unit,
                enqueue=enqueue,
                expires_at=end_of_day(today),
            )
            if not created:
                return False
            reminder = Reminder.objects.create(
                year_plan=year_plan, unit=unit, days_before=MANUAL, deadline=deadline, due_date=today, message=message
            )
            audit_log(
                actor=actor,
                action="registration.remind",
                target=reminder,
                unit=unit,
                data={"plan": year_plan.pk, "deadline": deadline.isoformat(), "overdue": overdue},
            )
    except IntegrityError:  # the same unit reminded by hand today, by another click at the same moment
        return False
    return True
