"""Reads for registrations: deadlines, a unit's registration form, the province overview."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from awards.models import Title
from movements.models import YearPlan, end_of_day
from registrations.enums import NOT_STARTED, RegistrationState
from registrations.models import DeadlineExtension, Registration, RegistrationLine, Reminder
from units.models import Staff, Unit
from units.selectors import province_units, unit_roster


def effective_deadline(*, unit: Unit, year_plan: YearPlan) -> datetime.date:
    """The plan's deadline, or the latest extension granted to this unit."""
    extension = (
        DeadlineExtension.objects.filter(unit=unit, year_plan=year_plan).values_list("new_deadline", flat=True).first()
    )
    return extension or year_plan.registration_deadline


def registration_is_open(*, unit: Unit, year_plan: YearPlan, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return now <= end_of_day(effective_deadline(unit=unit, year_plan=year_plan))


def registration_for(*, unit: Unit, year_plan: YearPlan) -> Registration | None:
    return Registration.objects.filter(unit=unit, year_plan=year_plan).first()


def registration_lines(registration: Registration | None) -> dict[int | None, RegistrationLine]:
    """The registration's lines keyed by staff id (``None`` for the collective's line)."""
    if registration is None:
        return {}
    lines = registration.lines.select_related("title", "staff")
    return {line.staff_id: line for line in lines}


@dataclass
class RegistrationSheet:
    """Everything the registration page shows for one unit and year."""

    unit: Unit
    year_plan: YearPlan
    registration: Registration | None
    roster: list[Staff]
    lines: dict
    individual_titles: list[Title]
    collective_titles: list[Title]
    deadline: datetime.date
    is_open: bool
    extra_staff: list[Staff] = field(default_factory=list)

    @property
    def state(self) -> str:
        return self.registration.state if self.registration else NOT_STARTED

    @property
    def collective_line(self) -> RegistrationLine | None:
        return self.lines.get(None)

    @property
    def missing(self) -> list[str]:
        """Names of the subjects with no line yet: the collective first, then staff in roster order."""
        names = [] if None in self.lines else [self.unit.name]
        names += [person.full_name for person in self.roster if person.pk not in self.lines]
        return names

    @property
    def is_editable(self) -> bool:
        editable_state = self.registration is None or self.registration.is_editable_state
        return editable_state and self.is_open


def registration_sheet(*, unit: Unit, year_plan: YearPlan, now=None) -> RegistrationSheet:
    registration = registration_for(unit=unit, year_plan=year_plan)
    lines = registration_lines(registration)
    roster = list(unit_roster(unit))
    roster_ids = {person.pk for person in roster}
    # People who were registered but have since left stay on a submitted sheet.
    extra_staff = [line.staff for key, line in lines.items() if key is not None and key not in roster_ids]
    titles = list(Title.objects.active().emulation_titles())
    deadline = effective_deadline(unit=unit, year_plan=year_plan)
    now = now or timezone.now()
    return RegistrationSheet(
        unit=unit,
        year_plan=year_plan,
        registration=registration,
        roster=roster,
        lines=lines,
        individual_titles=[t for t in titles if t.is_individual],
        collective_titles=[t for t in titles if not t.is_individual],
        deadline=deadline,
        is_open=now <= end_of_day(deadline),
        extra_staff=sorted(extra_staff, key=lambda s: s.sort_key),
    )


@dataclass
class OverviewRow:
    unit: Unit
    state: str
    registration: Registration | None
    last_changed: datetime.datetime | None
    deadline: datetime.date
    extended: bool
    title_counts: Counter
    not_registering: int


def registration_overview(year_plan: YearPlan) -> tuple[list[OverviewRow], list[Title], Counter]:
    """Per unit of the province: state, last change, deadline and count per registered title.

    A fixed number of queries whatever the number of units and staff.
    """
    units = list(province_units(year_plan.province))
    registrations = {
        r.unit_id: r for r in Registration.objects.filter(year_plan=year_plan).select_related("last_changed_by")
    }
    counts: dict[int, Counter] = defaultdict(Counter)
    not_registering: Counter = Counter()
    line_rows = RegistrationLine.objects.filter(registration__year_plan=year_plan).values_list(
        "registration__unit_id", "title_id"
    )
    for unit_id, title_id in line_rows.iterator(chunk_size=5000):
        if title_id is None:
            not_registering[unit_id] += 1
        else:
            counts[unit_id][title_id] += 1
    extensions: dict[int, datetime.date] = {}
    # Newest first (the model's ordering): the first row seen for a unit is the one in force.
    for unit_id, new_deadline in DeadlineExtension.objects.filter(year_plan=year_plan).values_list(
        "unit_id", "new_deadline"
    ):
        extensions.setdefault(unit_id, new_deadline)
    rows = []
    totals: Counter = Counter()
    for unit in units:
        registration = registrations.get(unit.pk)
        totals.update(counts[unit.pk])
        rows.append(
            OverviewRow(
                unit=unit,
                state=registration.state if registration else NOT_STARTED,
                registration=registration,
                last_changed=registration.updated_at if registration else None,
                deadline=extensions.get(unit.pk, year_plan.registration_deadline),
                extended=unit.pk in extensions,
                title_counts=counts[unit.pk],
                not_registering=not_registering[unit.pk],
            )
        )
    titles = list(Title.objects.active().emulation_titles())
    return rows, titles, totals


def state_counts(rows: list[OverviewRow]) -> Counter:
    return Counter(row.state for row in rows)


def plans_for_user(user) -> QuerySet[YearPlan]:
    return YearPlan.objects.for_user(user).select_related("province").order_by("-year")


def landing_plan(user) -> YearPlan | None:
    """The plan a user starts from: the newest plan of their province."""
    return plans_for_user(user).first()


def reminder_log(year_plan: YearPlan) -> QuerySet[Reminder]:
    """Every reminder recorded for a plan, per unit, with its e-mail's state."""
    return (
        Reminder.objects.filter(year_plan=year_plan)
        .select_related("unit", "message")
        .order_by("unit__display_order", "unit__sort_key", "unit_id", "due_date", "-days_before")
    )


@dataclass
class UnitRegistrationSummary:
    unit: Unit
    registration: Registration
    collective_line: RegistrationLine | None
    lines: list[RegistrationLine]
    counts: Counter


@dataclass
class RegistrationSummary:
    """The data of the registration summary document: submitted units in display order, totals, missing units."""

    year_plan: YearPlan
    units: list[UnitRegistrationSummary]
    titles: list[Title]
    totals: Counter
    not_submitted: list[tuple[Unit, str]]

    @property
    def row_count(self) -> int:
        return sum(len(u.lines) for u in self.units)


def registration_summary(year_plan: YearPlan) -> RegistrationSummary:
    """Four queries whatever the size: units, submitted registrations, their lines (with staff and title), titles."""
    units = list(province_units(year_plan.province))
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(year_plan=year_plan).only("id", "unit_id", "state", "submitted_at")
    }
    submitted_ids = [r.pk for r in registrations.values() if r.state == RegistrationState.SUBMITTED]
    lines_by_registration: dict[int, list[RegistrationLine]] = defaultdict(list)
    lines = (
        RegistrationLine.objects.filter(registration_id__in=submitted_ids)
        .select_related("staff", "title")
        .only(
            "registration_id",
            "staff_position",
            "not_registering_reason",
            "title__name",
            "title__id",
            "staff__full_name",
            "staff__sort_key",
            "staff__position",
        )
        .order_by("registration_id", "staff__sort_key", "staff_id")
    )
    for line in lines.iterator(chunk_size=2000):
        lines_by_registration[line.registration_id].append(line)
    summaries, totals, missing = [], Counter(), []
    for unit in units:
        registration = registrations.get(unit.pk)
        if registration is None or registration.state != RegistrationState.SUBMITTED:
            missing.append((unit, registration.state if registration else NOT_STARTED))
            continue
        unit_lines = lines_by_registration[registration.pk]
        collective = next((line for line in unit_lines if line.staff_id is None), None)
        people = [line for line in unit_lines if line.staff_id is not None]
        counts = Counter(line.title_id for line in unit_lines if line.title_id)
        totals.update(counts)
        summaries.append(UnitRegistrationSummary(unit, registration, collective, people, counts))
    return RegistrationSummary(year_plan, summaries, list(Title.objects.active().emulation_titles()), totals, missing)
