"""Reads for movements, pledges and exemplary individuals; each a fixed number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from movements.enums import ReportState
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge, YearPlan
from units.attachments import attachments_by_owner
from units.models import Unit
from units.selectors import province_units


def movements_for(user) -> QuerySet[Movement]:
    """The movements a user sees, with the report state of the officer's own unit, or report counts."""
    movements = Movement.objects.for_user(user).select_related("province")
    if user.is_officer:
        mine = MovementReport.objects.filter(movement=OuterRef("pk"), unit_id=user.unit_id)
        return movements.annotate(my_state=Subquery(mine.values("state")[:1]))
    return movements.annotate(
        submitted_count=Count("reports", filter=Q(reports__state=ReportState.SUBMITTED), distinct=True),
        chosen_count=Count("units", distinct=True),
    )


@dataclass
class ParticipantRow:
    unit: Unit
    report: MovementReport | None


def movement_participants(movement: Movement) -> list[ParticipantRow]:
    units = province_units(movement.province) if movement.all_units else movement.units.select_related("kind")
    reports = {r.unit_id: r for r in MovementReport.objects.filter(movement=movement)}
    return [ParticipantRow(unit, reports.get(unit.pk)) for unit in units.order_by("display_order", "sort_key")]


@dataclass
class PledgeRow:
    unit: Unit
    pledge: Pledge | None
    attachments: list


def pledge_overview(year_plan: YearPlan) -> list[PledgeRow]:
    units = list(province_units(year_plan.province))
    pledges = {p.unit_id: p for p in Pledge.objects.filter(year_plan=year_plan)}
    files = attachments_by_owner(Pledge, [p.pk for p in pledges.values()])
    return [
        PledgeRow(unit, pledges.get(unit.pk), files.get(pledges[unit.pk].pk, []) if unit.pk in pledges else [])
        for unit in units
    ]


@dataclass
class ExemplaryRow:
    unit: Unit
    examples: list[ExemplaryIndividual]


def exemplary_overview(year_plan: YearPlan) -> list[ExemplaryRow]:
    """Every unit of the province with the exemplary individuals it named (none is visible at a glance)."""
    units = list(province_units(year_plan.province))
    by_unit: dict[int, list[ExemplaryIndividual]] = {}
    for example in ExemplaryIndividual.objects.filter(year_plan=year_plan).select_related("staff"):
        by_unit.setdefault(example.unit_id, []).append(example)
    return [ExemplaryRow(unit, by_unit.get(unit.pk, [])) for unit in units]


def plan_for(user, pk) -> YearPlan:
    """A year plan the user may see (their province's; all for an administrator), or 404."""
    return get_object_or_404(YearPlan.objects.for_user(user).select_related("province"), pk=pk)


# --- The year plans a user works in (the landing page and the menu) --------------------------------------------


def plans_for_user(user) -> QuerySet[YearPlan]:
    return YearPlan.objects.for_user(user).select_related("province").order_by("-year")


def landing_plan(user) -> YearPlan | None:
    """The plan a user starts from: the newest plan of their province."""
    return plans_for_user(user).first()


def landing_plan_id(user) -> int | None:
    """The landing plan's id for the menu of every page, cached a minute (creating a plan clears it)."""
    if not user.is_authenticated:
        return None
    key = landing_plan_key(user.province_id)
    plan_id = cache.get(key)
    if plan_id is None:
        plan_id = plans_for_user(user).values_list("pk", flat=True).first() or 0
        cache.set(key, plan_id, 60)
    return plan_id or None


def landing_plan_key(province_id) -> str:
    return f"landing-plan:{province_id}"
