"""The scoring criterion "registration on time" (``AutoSource.REGISTRATION_ON_TIME``): full points when the unit's
registration was submitted by its deadline (an extension counts). It reads registrations, a layer above the
scoring in movements, so it lives here and joins ``movements.scoring.criteria.REGISTRY`` from
``RegistrationsConfig.ready()``."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from movements.enums import AutoSource
from movements.models import YearPlan, end_of_day
from movements.scoring.criteria import register, to_points
from registrations.enums import RegistrationState
from registrations.models import Registration
from registrations.selectors import extended_deadlines
from units.models import Unit


@dataclass
class RegistrationFacts:
    registrations: dict[int, Registration]
    deadlines: dict[int, datetime.date]


def registration_facts(year_plan: YearPlan, units: list[Unit]) -> RegistrationFacts:
    """Each unit's registration and deadline in force (two queries)."""
    registrations = {
        r.unit_id: r for r in Registration.objects.filter(year_plan=year_plan, unit_id__in=[u.pk for u in units])
    }
    extended = extended_deadlines(year_plan)
    deadlines = {u.pk: extended.get(u.pk) or year_plan.registration_deadline for u in units}
    return RegistrationFacts(registrations, deadlines)


def registration_points(criterion, unit: Unit, facts: RegistrationFacts):
    registration = facts.registrations.get(unit.pk)
    deadline = facts.deadlines[unit.pk]
    if (
        registration
        and registration.state == RegistrationState.SUBMITTED
        and registration.submitted_at <= end_of_day(deadline)
    ):
        sent = timezone.localtime(registration.submitted_at)
        return to_points(criterion.max_points), f"Gửi đăng ký lúc {sent:%H:%M %d/%m/%Y}, hạn {deadline:%d/%m/%Y}."
    return to_points(0), f"Chưa gửi đăng ký trước hạn {deadline:%d/%m/%Y}."


def register_scoring_source() -> None:
    register(AutoSource.REGISTRATION_ON_TIME, load=registration_facts, points=registration_points)
