"""Reads for registrations: deadlines, a unit's registration form, the province overview."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from movements.models import Title, YearPlan, end_of_day
from registrations.enums import NOT_STARTED, RegistrationState
from registrations.models import DeadlineExtension, Registration, RegistrationLine, Reminder
from units.models import Staff, Unit
from units.selectors import province_units, unit_roster


def _scalar(queryset, aggregate):
    """One aggregate of ``queryset`` as a subquery, to read several in one query."""
    return Subquery(queryset.order_by().values(group=Value(1)).annotate(x=aggregate).values("x")[:1])


def effective_deadline(*, unit: Unit, year_plan: YearPlan) -> datetime.date:
    """The plan's deadline, or the latest extension granted to this unit."""
    extension = (
        DeadlineExtension.objects.filter(unit=unit, year_plan=year_plan).values_list("new_deadline", flat=True).first()
    )
    return extension or year_plan.registration_deadline


def extended_deadlines(year_plan: YearPlan) -> dict[int, datetime.date]:
    """The extension in force for each unit that has one (one query)."""
    extensions: dict[int, datetime.date] = {}
    # Newest first (the model's ordering): the first row seen for a unit is the one in force.
    for unit_id, new_deadline in DeadlineExtension.objects.filter(year_plan=year_plan).values_list(
        "unit_id", "new_deadline"
    ):
        extensions.setdefault(unit_id, new_deadline)
    return extensions


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


def supplementary_reason(staff: Staff, *, deadline: datetime.date, submitted_at: datetime.datetime) -> str:
    """Why a person may be added to a submitted registration: ``"joined"`` (joined the procuracy after the
    unit's effective deadline), ``"added"`` (put on the roster after the submission), or ``""`` (neither).

    ``supplementary_candidates`` filters on the same two conditions in SQL."""
    if staff.joined_procuracy_on is not None and staff.joined_procuracy_on > deadline:
        return "joined"
    if staff.created_at > submitted_at:
        return "added"
    return ""


def supplementary_candidates(registration: Registration | None, *, deadline: datetime.date) -> list[Staff]:
    """Active staff of a submitted registration's unit who have no line in it and came after it (see
    ``supplementary_reason``), in roster order. One query; none for a registration that is not submitted."""
    if registration is None or registration.state != RegistrationState.SUBMITTED:
        return []
    has_line = RegistrationLine.objects.filter(registration=registration, staff=OuterRef("pk"))
    return list(
        Staff.objects.filter(unit_id=registration.unit_id, is_active=True)
        .filter(~Exists(has_line))
        .filter(Q(joined_procuracy_on__gt=deadline) | Q(created_at__gt=registration.submitted_at))
        .roster_order()
    )


class RegistrationSheet:
    """Everything the registration page shows for one unit and year.

    The header (state, deadline) is read at once; the roster, lines and titles only when something uses them, so
    that a page whose table comes from the cache (``version``) does not query them.
    """

    def __init__(self, *, unit: Unit, year_plan: YearPlan, now=None):
        self.unit, self.year_plan = unit, year_plan
        self.registration = registration_for(unit=unit, year_plan=year_plan)
        self.deadline = effective_deadline(unit=unit, year_plan=year_plan)
        self.is_open = (now or timezone.now()) <= end_of_day(self.deadline)

    @cached_property
    def lines(self) -> dict:
        return registration_lines(self.registration)

    @cached_property
    def roster(self) -> list[Staff]:
        return list(unit_roster(self.unit))

    @cached_property
    def _titles(self) -> list[Title]:
        return list(Title.objects.active().emulation_titles())

    @property
    def individual_titles(self) -> list[Title]:
        return [t for t in self._titles if t.is_individual]

    @property
    def collective_titles(self) -> list[Title]:
        return [t for t in self._titles if not t.is_individual]

    @cached_property
    def extra_staff(self) -> list[Staff]:
        """People who were registered but have since left stay on the sheet."""
        roster_ids = {person.pk for person in self.roster}
        extra = [line.staff for key, line in self.lines.items() if key is not None and key not in roster_ids]
        return sorted(extra, key=lambda s: s.sort_key)

    @cached_property
    def version(self) -> str:
        """Changes whenever anything the table shows changes: the registration, the roster, the catalogue."""
        roster = Staff.objects.filter(unit=OuterRef("pk"), is_active=True)
        figures = (
            Unit.objects.filter(pk=self.unit.pk)
            .annotate(
                v_staff=_scalar(roster, Count("id")),
                v_staff_changed=_scalar(roster, Max("updated_at")),
                v_titles_changed=_scalar(Title.objects.all(), Max("updated_at")),
            )
            .values_list("v_staff", "v_staff_changed", "v_titles_changed")
            .get()
        )
        registration = (
            f"{self.registration.pk}-{self.registration.updated_at.timestamp()}" if self.registration else "-"
        )
        return ":".join(str(v) for v in (self.unit.pk, self.year_plan.pk, registration, *figures, self.deadline))

    @property
    def state(self) -> str:
        return self.registration.state if self.registration else NOT_STARTED

    @cached_property
    def supplementary_candidates(self) -> list[Staff]:
        """People who came after the submission and may be added to it (one query, only when submitted)."""
        return supplementary_candidates(self.registration, deadline=self.deadline)

    @property
    def readonly_rows(self) -> list[tuple]:
        """(line, person, has left the unit) for every person, roster first."""
        rows = [(self.lines.get(person.pk), person, False) for person in self.roster]
        return rows + [(self.lines.get(person.pk), person, True) for person in self.extra_staff]

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
    return RegistrationSheet(unit=unit, year_plan=year_plan, now=now)


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
    supplementary: int = 0
    counts_in_order: list[int] = field(default_factory=list)


def registration_overview(year_plan: YearPlan) -> tuple[list[OverviewRow], list[Title], Counter]:
    """Per unit of the province: state, last change, deadline, count per registered title and how many lines were
    added as supplementary registrations.

    A fixed number of queries whatever the number of units and staff.
    """
    units = list(province_units(year_plan.province))
    registrations = {
        r.unit_id: r for r in Registration.objects.filter(year_plan=year_plan).select_related("last_changed_by")
    }
    counts: dict[int, Counter] = defaultdict(Counter)
    not_registering: Counter = Counter()
    supplementary: Counter = Counter()
    line_rows = RegistrationLine.objects.filter(registration__year_plan=year_plan).values_list(
        "registration__unit_id", "title_id", "supplementary_at"
    )
    for unit_id, title_id, supplementary_at in line_rows.iterator(chunk_size=5000):
        if supplementary_at is not None:
            supplementary[unit_id] += 1
        if title_id is None:
            not_registering[unit_id] += 1
        else:
            counts[unit_id][title_id] += 1
    extensions = extended_deadlines(year_plan)
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
                supplementary=supplementary[unit.pk],
            )
        )
    titles = list(Title.objects.active().emulation_titles())
    for row in rows:
        row.counts_in_order = [row.title_counts.get(title.pk, 0) for title in titles]
    return rows, titles, totals


def overview_version(year_plan: YearPlan) -> str:
    """Changes whenever the overview of a plan would show something else (cache key of the rendered table).
    One query of scalar subqueries."""

    registrations = Registration.objects.filter(year_plan=OuterRef("pk"))
    units = Unit.objects.filter(province=OuterRef("province"))
    figures = (
        YearPlan.objects.filter(pk=year_plan.pk)
        .annotate(
            v_registrations=_scalar(registrations, Count("id")),
            v_registrations_changed=_scalar(registrations, Max("updated_at")),
            v_extensions=_scalar(DeadlineExtension.objects.filter(year_plan=OuterRef("pk")), Count("id")),
            v_units=_scalar(units, Count("id")),
            v_units_changed=_scalar(units, Max("updated_at")),
            v_titles_changed=_scalar(Title.objects.all(), Max("updated_at")),
        )
        .values_list(
            "updated_at",
            "v_registrations",
            "v_registrations_changed",
            "v_extensions",
            "v_units",
            "v_units_changed",
            "v_titles_changed",
        )
        .get()
    )
    return ":".join([str(year_plan.pk), *(str(value) for value in figures)])


def state_counts(rows: list[OverviewRow]) -> Counter:
    return Counter(row.state for row in rows)


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
