"""Reads for movements, pledges and exemplary individuals; each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

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


# --- The year plans a user works in (the landing page, the menu's year switcher, the plans page) ---------------


@dataclass(frozen=True)
class PlanYear:
    """What the menu and the landing rule need of a plan: cached, so no page pays a query for the year switcher."""

    pk: int
    year: int
    registration_deadline: datetime.date
    proposal_deadline: datetime.date | None


def plans_for_user(user) -> QuerySet[YearPlan]:
    return YearPlan.objects.for_user(user).select_related("province").order_by("-year")


def registration_open(plan, today: datetime.date) -> bool:
    return today <= plan.registration_deadline


def proposals_open(plan, today: datetime.date) -> bool:
    return plan.proposal_deadline is not None and today <= plan.proposal_deadline


def pick_landing(plans, today: datetime.date | None = None):
    """The plan whose work is open now, among ``plans`` (YearPlan or PlanYear, any order): of the open work — a
    registration or a year's year-end proposals — the one with the nearest deadline (on 01/12/2026 the 2026
    proposals due 15/12/2026 come before the 2027 registration due 17/01/2027); with nothing open, the newest plan
    of a year that has begun, else the newest. Deadlines are inclusive, in Asia/Ho_Chi_Minh."""
    today = today or timezone.localdate()
    plans = sorted(plans, key=lambda plan: -plan.year)
    open_work = [(plan.registration_deadline, plan) for plan in plans if registration_open(plan, today)]
    open_work += [(plan.proposal_deadline, plan) for plan in plans if proposals_open(plan, today)]
    if open_work:
        return min(open_work, key=lambda work: work[0])[1]
    begun = [plan for plan in plans if plan.year <= today.year]
    return (begun or plans or [None])[0]


def landing_plan(user) -> YearPlan | None:
    """The plan a user starts from: the one whose work is open now (``pick_landing``). One query."""
    return pick_landing(list(plans_for_user(user)))


def plan_years(user) -> list[PlanYear]:
    """The user's plans, newest first, cached a minute (creating or changing a plan clears it); the landing plan is
    picked from them on every request, since it depends on the day."""
    if not user.is_authenticated:
        return []
    key = landing_plan_key("all" if user.is_admin else user.province_id)
    years = cache.get(key)
    if years is None:
        fields = ("pk", "year", "registration_deadline", "proposal_deadline")
        years = [PlanYear(*row) for row in YearPlan.objects.for_user(user).order_by("-year").values_list(*fields)]
        cache.set(key, years, 60)
    return years


def landing_plan_id(user) -> int | None:
    """The landing plan's id for the menu of every page (no query while ``plan_years`` is cached)."""
    plan = pick_landing(plan_years(user))
    return plan.pk if plan else None


def landing_plan_key(province_id) -> str:
    return f"landing-plan:{province_id}"
