"""Reads of the units' own emulation work: the secretariat's overview of the units' plans and a unit movement's
results; each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from movements.enums import ReportState
from movements.models import Movement, MovementResult, UnitPlan, YearPlan, end_of_day
from units.attachments import attachments_by_owner
from units.models import Unit
from units.selectors import province_units


def plan_units(year_plan: YearPlan) -> QuerySet[Unit]:
    """The units that write a plan or programme on the province's plan: all but the provincial procuracy itself."""
    return province_units(year_plan.province).exclude(kind__is_provincial_procuracy=True)


def unit_plan_late(year_plan: YearPlan, unit_plan: UnitPlan | None, today: datetime.date | None = None) -> bool:
    """Past the plan's deadline without a submitted plan, or submitted after it."""
    deadline = year_plan.unit_plan_deadline
    if deadline is None:
        return False
    if unit_plan is not None and unit_plan.state == ReportState.SUBMITTED:
        return unit_plan.submitted_at > end_of_day(deadline)
    return (today or timezone.localdate()) > deadline


@dataclass
class UnitPlanRow:
    unit: Unit
    plan: UnitPlan | None
    attachments: list
    late: bool

    @property
    def submitted(self) -> bool:
        return self.plan is not None and self.plan.state == ReportState.SUBMITTED


def unit_plan_overview(year_plan: YearPlan, today: datetime.date | None = None) -> list[UnitPlanRow]:
    """Every unit of the province with its plan or programme (or none), its files and whether it is late (three
    queries whatever the number of units)."""
    today = today or timezone.localdate()
    units = list(plan_units(year_plan))
    plans = {p.unit_id: p for p in UnitPlan.objects.filter(year_plan=year_plan)}
    files = attachments_by_owner(UnitPlan, [p.pk for p in plans.values()])
    return [
        UnitPlanRow(
            unit,
            plans.get(unit.pk),
            files.get(plans[unit.pk].pk, []) if unit.pk in plans else [],
            unit_plan_late(year_plan, plans.get(unit.pk), today),
        )
        for unit in units
    ]


def movement_results(movement: Movement) -> list[MovementResult]:
    """A unit movement's results, the ranked first, then in roster order (one query)."""
    rows = MovementResult.objects.filter(movement=movement).select_related("staff")
    return sorted(rows, key=lambda r: (r.ranking is None, r.ranking or 0, r.staff.sort_key))


def movement_plan(movement: Movement) -> YearPlan | None:
    """The province's plan of the year the movement ends in, to which its proposals belong (one query)."""
    return YearPlan.objects.filter(province_id=movement.province_id, year=movement.end_date.year).first()
