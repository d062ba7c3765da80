"""What the dashboards show: the same rows feed each table and the chart beside it. Fixed numbers of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import LineState
from awards.models import Proposal, ProposalLine
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
from registrations.models import Registration, RegistrationLine
from registrations.selectors import effective_deadline
from reports.charts import horizontal_bars, stacked_columns
from units.models import AuditEntry, Staff, Unit
from units.selectors import province_units


@dataclass
class ProgressDay:
    day: datetime.date
    submitted: int
    draft: int
    not_started: int


def registration_progress(plan: YearPlan, *, days: int = 21) -> list[ProgressDay]:
    """Submitted / draft / not started units at the end of each day up to the deadline (or today if earlier)."""
    units = province_units(plan.province).count()
    rows = list(Registration.objects.filter(year_plan=plan).values_list("pk", "created_at", "submitted_at", "state"))
    # A returned registration was submitted until it was returned: the time of its latest return, from the audit.
    returned = dict(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[pk for pk, _c, _s, state in rows if state == RegistrationState.RETURNED],
            action=f"registration.{RegistrationState.RETURNED}",
        )
        .values_list("object_id")
        .annotate(at=Max("created_at"))
        .values_list("object_id", "at")
    )
    last = min(
        plan.registration_deadline,
        max(timezone.localdate(), plan.registration_deadline - datetime.timedelta(days=days - 1)),
    )
    first = last - datetime.timedelta(days=days - 1)
    result = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        closes = end_of_day(day)
        submitted = sum(
            1
            for pk, _created, sent, state in rows
            if sent
            and sent <= closes
            and not (state == RegistrationState.RETURNED and returned.get(pk, sent) <= closes)
        )
        started = sum(1 for _pk, created, _sent, _state in rows if created <= closes)
        result.append(ProgressDay(day, submitted, started - submitted, units - started))
    return result


@dataclass
class UnitTitles:
    unit: Unit
    registered: int
    proposed: int


def titles_per_unit(plan: YearPlan) -> list[UnitTitles]:
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
    return [UnitTitles(unit, registered[unit.pk], proposed[unit.pk]) for unit in province_units(plan.province)]


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


def secretariat_dashboard(plan: YearPlan) -> dict:
    """The four tables of the secretariat's dashboard and the chart drawn from each."""
    progress = registration_progress(plan)
    per_unit = titles_per_unit(plan)
    states = lines_by_state(plan)
    sheet = ScoringSheet.objects.filter(year_plan=plan).first()  # the ranking needs only its bands
    ranked = ranking(sheet) if sheet else []
    return {
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
