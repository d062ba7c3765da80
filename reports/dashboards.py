"""What the dashboards show: the same rows feed each table and the chart beside it. Fixed numbers of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import LineState, MeetingState
from awards.models import CouncilMeeting, Proposal, ProposalLine
from awards.selectors import inspections_version_parts, overdue_findings
from movements.enums import ReportState
from movements.models import (
    ExemplaryIndividual,
    Movement,
    MovementReport,
    Pledge,
    ScoringSheet,
    UnitScore,
    YearPlan,
    end_of_day,
)
from movements.scoring import ranking
from registrations.enums import RegistrationState
from registrations.models import DeadlineExtension, Registration, RegistrationLine
from registrations.selectors import effective_deadline, extended_deadlines
from reports.charts import horizontal_bars, stacked_columns
from units.cache import data_version, data_version_of
from units.models import AuditEntry, Staff, Unit
from units.selectors import province_units


@dataclass
class ProgressDay:
    day: datetime.date
    submitted: int
    draft: int
    not_started: int


@dataclass
class RegistrationEvents:
    """When a registration of the plan was first worked on, sent and (last) returned, from its own events."""

    unit_id: int
    state: str
    started: datetime.datetime | None
    submitted: datetime.datetime | None
    returned: datetime.datetime | None


def registration_events(plan: YearPlan) -> list[RegistrationEvents]:
    """Each registration of the plan with the times of its events: started is its first audit entry or its
    submission, whichever is earlier (not ``created_at``, which a later import or seed may set). Two queries."""
    rows = list(Registration.objects.filter(year_plan=plan).values_list("pk", "unit_id", "submitted_at", "state"))
    events = {
        pk: (first, returned)
        for pk, first, returned in AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[row[0] for row in rows],
        )
        .values_list("object_id")
        .annotate(
            first=Min("created_at"),
            returned=Max("created_at", filter=Q(action=f"registration.{RegistrationState.RETURNED}")),
        )
        .values_list("object_id", "first", "returned")
    }
    result = []
    for pk, unit_id, submitted, state in rows:
        first, returned = events.get(pk, (None, None))
        started = min((t for t in (first, submitted) if t is not None), default=None)
        result.append(RegistrationEvents(unit_id, state, started, submitted, returned))
    return result


def registration_progress(
    plan: YearPlan, *, days: int = 21, units: int | None = None, events: list[RegistrationEvents] | None = None
) -> list[ProgressDay]:
    """Submitted / draft / not started units at the end of each day, the ``days`` days up to the deadline or up
    to today if earlier (never a day to come), counted from the events of the plan's registrations: a unit has
    started on its first event, is submitted from its submission until a later return. Never negative."""
    if units is None:
        units = province_units(plan.province).count()
    if events is None:
        events = registration_events(plan)
    last = min(plan.registration_deadline, timezone.localdate())
    first = last - datetime.timedelta(days=days - 1)
    result = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        closes = end_of_day(day)
        started = sum(1 for e in events if e.started is not None and e.started <= closes)
        submitted = sum(
            1
            for e in events
            if e.submitted is not None
            and e.submitted <= closes
            and not (e.state == RegistrationState.RETURNED and e.returned is not None and e.returned <= closes)
        )
        submitted = min(submitted, started)
        result.append(ProgressDay(day, submitted, max(0, started - submitted), max(0, units - started)))
    return result


@dataclass
class Figures:
    """What the secretariat asks first, at the top of its dashboard."""

    units: int
    submitted: int
    deadline: datetime.date
    days_left: int  # 0 on the deadline, negative once it has passed
    late: int  # units without a submitted registration whose own deadline (with an extension) has passed
    awaiting_review: int
    next_meeting: CouncilMeeting | None


def dashboard_figures(
    plan: YearPlan, *, unit_ids: list[int], events: list[RegistrationEvents], awaiting_review: int
) -> Figures:
    """Two queries (the extensions, the next meeting) on top of what the dashboard has loaded already."""
    today = timezone.localdate()
    submitted = {e.unit_id for e in events if e.state == RegistrationState.SUBMITTED}
    extensions = extended_deadlines(plan)
    late = sum(
        1
        for unit_id in unit_ids
        if unit_id not in submitted and extensions.get(unit_id, plan.registration_deadline) < today
    )
    next_meeting = (
        CouncilMeeting.objects.filter(
            year_plan=plan,
            state=MeetingState.PLANNED,
            held_at__gte=timezone.make_aware(datetime.datetime.combine(today, datetime.time.min)),
        )
        .order_by("held_at")
        .first()
    )
    return Figures(
        units=len(unit_ids),
        submitted=len(submitted & set(unit_ids)),
        deadline=plan.registration_deadline,
        days_left=(plan.registration_deadline - today).days,
        late=late,
        awaiting_review=awaiting_review,
        next_meeting=next_meeting,
    )


@dataclass
class UnitTitles:
    unit: Unit
    registered: int
    proposed: int


def titles_per_unit(plan: YearPlan, units: list[Unit] | None = None) -> list[UnitTitles]:
    registered = Counter(
        dict(
            RegistrationLine.objects.filter(registration__year_plan=plan, title__isnull=False)
            .values_list("registration__unit_id")
            .annotate(n=Count("id"))
            .values_list("registration__unit_id", "n")
        )
    )
    proposed = Counter(
        dict(
            ProposalLine.objects.filter(proposal__year_plan=plan)
            .exclude(state=LineState.DRAFT)
            .values_list("proposal__unit_id")
            .annotate(n=Count("id"))
            .values_list("proposal__unit_id", "n")
        )
    )
    if units is None:
        units = list(province_units(plan.province))
    return [UnitTitles(unit, registered[unit.pk], proposed[unit.pk]) for unit in units]


def lines_by_state(plan: YearPlan) -> list[tuple[str, str, int]]:
    counts = dict(
        ProposalLine.objects.filter(proposal__year_plan=plan)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return [(state, label, counts.get(state, 0)) for state, label in LineState.choices]


def scores_version(plan: YearPlan) -> str:
    """Changes whenever a unit score of the plan changes (one query)."""
    figures = UnitScore.objects.filter(sheet__year_plan=plan).aggregate(n=Count("id"), t=Max("updated_at"))
    return f"{figures['n']}:{figures['t']}"


def meetings_version(plan: YearPlan) -> str:
    """Changes whenever a council meeting of the plan changes (one query): the next meeting among the figures."""
    figures = CouncilMeeting.objects.filter(year_plan=plan).aggregate(n=Count("id"), t=Max("updated_at"))
    return f"{figures['n']}:{figures['t']}"


def inspections_version(plan: YearPlan) -> str:
    """Changes whenever an inspection or a finding of the province changes (one query): the overdue findings."""
    return data_version(YearPlan.objects.filter(pk=plan.pk), inspections_version_parts(plan.province_id))


def secretariat_dashboard(plan: YearPlan) -> dict:
    """The figures, then the four tables of the secretariat's dashboard and the chart drawn from each, and the
    inspections' findings past their date. Fifteen queries whatever the number of units, registrations and lines."""
    units = list(province_units(plan.province))
    events = registration_events(plan)
    progress = registration_progress(plan, units=len(units), events=events)
    per_unit = titles_per_unit(plan, units)
    states = lines_by_state(plan)
    awaiting = next(count for state, _label, count in states if state == LineState.SUBMITTED)
    figures = dashboard_figures(plan, unit_ids=[u.pk for u in units], events=events, awaiting_review=awaiting)
    sheet = ScoringSheet.objects.filter(year_plan=plan).first()  # the ranking needs only its bands
    ranked = ranking(sheet) if sheet else []
    overdue = overdue_findings(plan.province_id)  # the inspections' findings past their date (plan III.4)
    return {
        "figures": figures,
        "overdue_findings": overdue,
        "progress": progress,
        "progress_chart": stacked_columns(
            "progress",
            [f"{p.day:%d/%m}" for p in progress],
            [
                (_("Submitted"), [p.submitted for p in progress]),
                (_("Draft"), [p.draft for p in progress]),
                (_("Not started"), [p.not_started for p in progress]),
            ],
            title=_("Registration progress"),
        ),
        "per_unit": per_unit,
        "per_unit_chart": horizontal_bars(
            "titles",
            [(row.unit.display_name, [row.registered, row.proposed]) for row in per_unit],
            [_("Titles registered"), _("Lines proposed")],
            title=_("Titles per unit"),
        ),
        "states": states,
        "states_chart": horizontal_bars(
            "states",
            [(label, [count]) for _s, label, count in states],
            [_("Proposal lines")],
            title=_("Proposals by state"),
        ),
        "ranked": ranked,
        "ranking_chart": horizontal_bars(
            "ranking",
            [(row.unit.display_name, [row.total]) for row in ranked[:20]],
            [_("Points")],
            title=_("Scoring ranking"),
        )
        if ranked
        else "",
    }


@dataclass
class Deadline:
    what: str
    deadline: datetime.date | None
    state: str
    done: bool


def unit_dashboard(plan: YearPlan, unit: Unit) -> dict:
    """A unit's deadlines and their state, what is missing, its score and rank."""
    registration = Registration.objects.filter(year_plan=plan, unit=unit).first()
    deadline = effective_deadline(unit=unit, year_plan=plan)
    deadlines = [
        Deadline(
            _("Registration of emulation titles"),
            deadline,
            registration.get_state_display() if registration else _("Not started"),
            bool(registration and registration.state == RegistrationState.SUBMITTED),
        )
    ]
    movements = Movement.objects.for_unit(unit).filter(report_deadline__year=plan.year).order_by("report_deadline")
    reports = {r.movement_id: r for r in MovementReport.objects.filter(unit=unit, movement__in=movements)}
    for movement in movements:
        report = reports.get(movement.pk)
        deadlines.append(
            Deadline(
                _("Report: %(movement)s") % {"movement": movement.name},
                movement.report_deadline,
                report.get_state_display() if report else _("Not started"),
                bool(report and report.state == ReportState.SUBMITTED),
            )
        )
    proposal = Proposal.objects.filter(year_plan=plan, unit=unit, kind="year_end").first()
    open_lines = proposal.lines.filter(state__in=[LineState.DRAFT, LineState.RETURNED]).count() if proposal else 0
    deadlines.append(
        Deadline(
            _("Year-end award proposal"),
            plan.proposal_deadline,
            (_("%(count)s line(s) not yet submitted") % {"count": open_lines}) if proposal else _("Not started"),
            bool(proposal and proposal.submitted_at and not open_lines),
        )
    )
    missing = []
    if not Pledge.objects.filter(year_plan=plan, unit=unit).exists():
        missing.append(_("The emulation pledge is not recorded."))
    if not ExemplaryIndividual.objects.filter(year_plan=plan, unit=unit).exists():
        missing.append(_("No exemplary individual named."))
    incomplete = Staff.objects.filter(unit=unit, is_active=True).incomplete().count()
    if incomplete:
        missing.append(
            _("%(count)s staff record(s) lack the date of birth, position, rank or date of joining.")
            % {"count": incomplete}
        )
    sheet = ScoringSheet.objects.filter(year_plan=plan).first()  # the ranking needs only its bands
    rows = ranking(sheet) if sheet else []
    rank = next((row for row in rows if row.unit.pk == unit.pk), None)
    units = len(rows) if sheet else province_units(plan.province).count()
    return {"deadlines": deadlines, "missing": missing, "rank": rank, "units": units}


def unit_dashboard_version(plan: YearPlan, unit: Unit) -> str:
    """What the unit's dashboard is cached under, in one query: the count and latest change of everything
    :func:`unit_dashboard` reads (the unit's registration, the extension in force, the movements it takes part in
    and its reports, its year-end proposal and lines, pledge, exemplary individuals and staff; the plan's scores,
    sheet and the province's units for the rank). The plan's own fields are in ``plan.updated_at``. Starts with
    the unit's pk."""
    plan_id, unit_id, province_id, year = plan.pk, unit.pk, plan.province_id, plan.year
    unit = Unit(pk=unit_id, province_id=unit.province_id)  # all that the movements' filter reads, in the key

    def build():
        latest_extension = DeadlineExtension.objects.filter(unit_id=unit_id, year_plan_id=plan_id).values("pk")[:1]
        return (
            Unit.objects.filter(pk=unit_id),
            [
                (Registration.objects.filter(year_plan_id=plan_id, unit_id=unit_id), "updated_at"),
                (DeadlineExtension.objects.filter(pk=Subquery(latest_extension)), "new_deadline"),
                (DeadlineExtension.objects.filter(unit_id=unit_id, year_plan_id=plan_id), "pk"),
                (Movement.objects.for_unit(unit).filter(report_deadline__year=year), "updated_at"),
                (MovementReport.objects.filter(unit_id=unit_id), "updated_at"),
                (Proposal.objects.filter(year_plan_id=plan_id, unit_id=unit_id), "updated_at"),
                (ProposalLine.objects.filter(proposal__year_plan_id=plan_id, proposal__unit_id=unit_id), "updated_at"),
                (Pledge.objects.filter(year_plan_id=plan_id, unit_id=unit_id), "updated_at"),
                (ExemplaryIndividual.objects.filter(year_plan_id=plan_id, unit_id=unit_id), "updated_at"),
                (Staff.objects.filter(unit_id=unit_id), "updated_at"),
                (UnitScore.objects.filter(sheet__year_plan_id=plan_id), "updated_at"),
                (ScoringSheet.objects.filter(year_plan_id=plan_id), "updated_at"),
                (Unit.objects.filter(province_id=province_id), "updated_at"),
            ],
        )

    return data_version_of(("unit-dashboard", plan_id, unit_id, unit.province_id, province_id, year), build)
