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
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from movements.models import YearPlan, end_of_day
from registrations.enums import RegistrationState
from registrations.models import DeadlineExtension, Registration, Reminder
from units.enums import Role
from units.models import OutboxMessage, Unit, User
from units.outbox import outbox_cancel, outbox_record

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
            return Reminder.objects.create(
                year_plan=due.year_plan,
                unit=due.unit,
                days_before=due.days_before,
                deadline=due.deadline,
                due_date=due.due_date,
                message=message,
            )
    except IntegrityError:  # recorded by another worker at the same moment
        return None


def reminders_record(on: datetime.date | None = None, *, enqueue: bool = True) -> list[Reminder]:
    """The daily job: record (and enqueue) every reminder due today."""
    on = on or timezone.localdate()
    recorded = [r for due in reminders_due(on) if (r := reminder_record(due, enqueue=enqueue))]
    logger.info("Recorded %s deadline reminders for %s", len(recorded), on)
    return recorded


def reminders_cancel_pending(*, unit: Unit, year_plan: YearPlan) -> int:
    """Stop reminders still waiting for a unit: it submitted, or its deadline moved."""
    return outbox_cancel(OutboxMessage.objects.filter(reminder__unit=unit, reminder__year_plan=year_plan))
