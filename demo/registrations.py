"""Demo year plans and registrations for the demo province, through the services."""

import datetime
import random

from django.utils import timezone

from movements.models import Title, YearPlan
from movements.services import year_plan_create
from registrations.models import Registration, Reminder
from registrations.reminders import reminders_record
from registrations.services import LineInput, registration_save_draft, registration_submit
from units.enums import OutboxState
from units.models import OutboxMessage, Unit, User
from units.selectors import province_units, unit_roster
from units.workflow import transition_where

PLAN_2018 = {
    "number": "02/KH-VKS",
    "issued_on": datetime.date(2018, 1, 7),
    "theme": "Trách nhiệm, nghiêm túc trong công việc; gương mẫu, đúng mực trong cuộc sống",
    "registration_deadline": datetime.date(2018, 1, 17),
    "place_name": "Thái Bình",
    "signer_title": "VIỆN TRƯỞNG",
    "signer_name": "Nguyễn Văn Thành",
    # "Nơi nhận" per kind of document: a report goes up "(để báo cáo)", a decision to those who carry it out.
    "recipients": "\n".join(
        [
            "Vụ Thi đua - Khen thưởng VKSND tối cao (để báo cáo);",
            "Lãnh đạo Viện kiểm sát nhân dân tỉnh;",
            "Thành viên Hội đồng thi đua, khen thưởng;",
            "Lưu: VT, VP.",
        ]
    ),
    "decision_recipients": "\n".join(
        [
            "Như Điều 3 (để thực hiện);",
            "Vụ Thi đua - Khen thưởng VKSND tối cao (để báo cáo);",
            "Lãnh đạo Viện kiểm sát nhân dân tỉnh;",
            "Lưu: VT, VP.",
        ]
    ),
}


def _plan(province: Unit, year: int, **fields) -> YearPlan:
    existing = YearPlan.objects.filter(province=province, year=year).first()
    if existing:
        return existing
    defaults = {
        "registration_deadline": datetime.date(year, 1, 17),
        "place_name": "Thái Bình",
        "theme": PLAN_2018["theme"],
        "recipients": PLAN_2018["recipients"],
        "decision_recipients": PLAN_2018["decision_recipients"],
        "signer_name": PLAN_2018["signer_name"],
    }
    return year_plan_create(province=province, year=year, **{**defaults, **fields})


def _lines_for(unit: Unit, rng: random.Random, titles: dict[str, Title]) -> list[LineInput]:
    roll = rng.random()
    collective = titles["TTLDXS"] if roll < 0.3 else titles["TTLDTT"]
    lines = [LineInput(None, collective.pk)]
    for person in unit_roster(unit):
        roll = rng.random()
        if roll < 0.04:
            lines.append(
                LineInput(
                    person.pk, None, "Nghỉ thai sản dài ngày" if person.gender == "female" else "Mới chuyển công tác"
                )
            )
        elif roll < 0.22:
            lines.append(LineInput(person.pk, titles["CSTDCS"].pk))
        elif roll < 0.25:
            lines.append(LineInput(person.pk, titles["CSTD_NGANH"].pk))
        else:
            lines.append(LineInput(person.pk, titles["LDTT"].pk))
    return lines


def seed_registrations(province: Unit) -> list[YearPlan]:
    """The 2018 plan of the seed with most units registered, and the current and next year's plans."""
    today = timezone.localdate()
    plan_2018 = _plan(province, 2018, **PLAN_2018)
    plans = [plan_2018, _plan(province, today.year), _plan(province, today.year + 1)]
    titles = {t.code: t for t in Title.objects.all()}
    rng = random.Random(17)  # noqa: S311 - demo data
    units = list(province_units(province))
    officer = User.objects.filter(role="secretariat", province=province).first()
    for index, unit in enumerate(units):
        if Registration.objects.filter(unit=unit, year_plan=plan_2018).exists():
            continue
        lines = _lines_for(unit, rng, titles)
        when = timezone.make_aware(datetime.datetime(2018, 1, 10 + index % 7, 9 + index % 8, 15))
        actor = unit.officers.first() or officer
        if index % 9 == 4:
            continue  # one unit in nine never started
        if index % 6 == 5:
            registration_save_draft(
                unit=unit, year_plan=plan_2018, actor=actor, lines=lines[: len(lines) // 2], now=when
            )
        else:
            registration_submit(unit=unit, year_plan=plan_2018, actor=actor, lines=lines, now=when)
    seed_reminders_2018(plan_2018)
    return plans


# The days of January 2018 on which the daily job reminded the units that had not submitted (7, 3 and 1 day(s)
# before the deadline of 17/01, on the day, and after it).
REMINDER_DAYS_2018 = [datetime.date(2018, 1, day) for day in (10, 14, 16, 17, 18)]


def seed_reminders_2018(plan: YearPlan) -> list[Reminder]:
    """The reminders that went out for 2018, as the daily job recorded them; each e-mail is marked sent at 08:00
    of its day, when the job ran (the messages were of use only then, so they are never sent now). No heartbeat:
    the daily job itself has not run on this installation."""
    recorded = []
    for day in REMINDER_DAYS_2018:
        recorded += reminders_record(day, enqueue=False, heartbeat=False)
    for reminder in recorded:
        sent_at = timezone.make_aware(datetime.datetime.combine(reminder.due_date, datetime.time(8, 0)))
        if not reminder.message.recipients:
            continue  # left for the outbox to settle, as it would have
        message = OutboxMessage.objects.filter(pk=reminder.message_id)
        # Claimed and sent, as the worker would have done that morning.
        if transition_where(message, [OutboxState.PENDING], OutboxState.SENDING):
            transition_where(message, [OutboxState.SENDING], OutboxState.SENT, sent_at=sent_at)
    return [r for r in recorded if r.year_plan_id == plan.pk]
