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
from registrations.reminders import HEARTBEAT
from units.enums import Role
from units.models import ServiceHeartbeat, Staff, Unit, User
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


def plan_year_end(year_plan: YearPlan) -> datetime.datetime:
    """The last moment of a plan's year."""
    return end_of_day(datetime.date(year_plan.year, 12, 31))


def _later_plan(year_plan) -> QuerySet[YearPlan]:
    return YearPlan.objects.filter(province_id=year_plan.province_id, year__gt=year_plan.year)


def candidates_until(year_plan: YearPlan) -> datetime.datetime | None:
    """Until when people may still become supplementary candidates of a plan's registrations: the end of its year
    once a later plan exists (a past year's registration never gains candidates; newcomers belong to the later
    plan), no bound while it is the newest plan. One query."""
    return plan_year_end(year_plan) if _later_plan(year_plan).exists() else None


def supplementary_reason(
    staff: Staff, *, deadline: datetime.date, submitted_at: datetime.datetime, until: datetime.datetime | None = None
) -> str:
    """Why a person may be added to a submitted registration: ``"joined"`` (joined the procuracy after the
    unit's effective deadline, within the plan's year when ``until`` bounds it, however late they were entered),
    ``"added"`` (put on the roster after the submission and, with ``until``, before the end of the plan's year), or
    ``""``: a past year's registration never gains the people entered after its year for other reasons.

    ``supplementary_candidates`` filters on the same conditions in SQL."""
    joined = staff.joined_procuracy_on
    if joined is not None and joined > deadline and (until is None or joined <= until.date()):
        return "joined"  # joined during the year, whenever the person was entered
    if staff.created_at > submitted_at and (until is None or staff.created_at <= until):
        return "added"
    return ""


def supplementary_candidates(
    registration: Registration | None, *, deadline: datetime.date, year_plan: YearPlan | None = None
) -> list[Staff]:
    """Active staff of a submitted registration's unit who have no line in it and came after it (see
    ``supplementary_reason``; with ``year_plan``, bounded as ``candidates_until`` says), in roster order. One
    query; none for a registration that is not submitted."""
    if registration is None or registration.state != RegistrationState.SUBMITTED:
        return []
    has_line = RegistrationLine.objects.filter(registration=registration, staff=OuterRef("pk"))
    came_after = Q(joined_procuracy_on__gt=deadline) | Q(created_at__gt=registration.submitted_at)
    if year_plan is not None:
        # Bounded by the end of the plan's year once a later plan exists (``candidates_until``), in the same query.
        end = plan_year_end(year_plan)
        newest = ~Exists(_later_plan(year_plan))
        came_after &= (
            newest
            | Q(joined_procuracy_on__gt=deadline, joined_procuracy_on__lte=end.date())
            | Q(created_at__gt=registration.submitted_at, created_at__lte=end)
        )
    return list(
        Staff.objects.filter(unit_id=registration.unit_id, is_active=True)
        .filter(~Exists(has_line))
        .filter(came_after)
        .roster_order()
    )


@dataclass
class SheetRow:
    """One person on a read-only sheet: their line (None: not filled), whether they have left the unit since, and
    whether they came after the submission and need a supplementary registration (never a hole in the past)."""

    line: RegistrationLine | None
    person: Staff
    left: bool = False
    needs_supplementary: bool = False


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
        return supplementary_candidates(self.registration, deadline=self.deadline, year_plan=self.year_plan)

    @property
    def is_submitted(self) -> bool:
        return self.state == RegistrationState.SUBMITTED

    def _came_later(self, person: Staff) -> bool:
        """On a closed sheet that was never submitted, a person who joined the procuracy after the deadline was
        never expected on it."""
        return person.joined_procuracy_on is not None and person.joined_procuracy_on > self.deadline

    def _expected(self) -> list[Staff]:
        """The people a line is expected for: the roster as it stood when it was submitted (its lines) for a
        submitted sheet; without the people who came after the deadline for a closed one; else the roster."""
        if self.is_submitted:
            return [person for person in self.roster if person.pk in self.lines]
        if not self.is_open:
            return [person for person in self.roster if person.pk in self.lines or not self._came_later(person)]
        return self.roster

    @cached_property
    def readonly_rows(self) -> list[SheetRow]:
        """Every person of the sheet, roster order, then those who have left. A submitted sheet lists its lines
        and, marked, the people who came after it (``supplementary_candidates``); people added later to the
        roster of a past year are not on it."""
        expected = {person.pk for person in self._expected()}
        later = {person.pk for person in self.supplementary_candidates} if self.is_submitted else set()
        rows = [
            SheetRow(self.lines.get(person.pk), person, needs_supplementary=person.pk in later)
            for person in self.roster
            if person.pk in expected or person.pk in later
        ]
        return rows + [SheetRow(self.lines.get(person.pk), person, left=True) for person in self.extra_staff]

    @property
    def collective_line(self) -> RegistrationLine | None:
        return self.lines.get(None)

    @property
    def missing(self) -> list[str]:
        """Names of the subjects with no line yet: the collective first, then staff in roster order."""
        names = [] if None in self.lines else [self.unit.name]
        names += [person.full_name for person in self._expected() if person.pk not in self.lines]
        return names

    @property
    def is_editable(self) -> bool:
        editable_state = self.registration is None or self.registration.is_editable_state
        return editable_state and self.is_open


def registration_sheet(*, unit: Unit, year_plan: YearPlan, now=None) -> RegistrationSheet:
    return RegistrationSheet(unit=unit, year_plan=year_plan, now=now)


@dataclass
class SubmissionPreview:
    """What sending a registration will do, for the confirmation step: who is counted with which title, who is
    still missing, who is e-mailed (``registrations.notify``); after it the registration is locked."""

    people: int
    collective_title: Title | None
    title_counts: list[tuple[Title, int]]
    not_registering: int
    missing: list[str]
    officer_email: str
    secretariat: list[tuple[str, str]]


def submission_preview(sheet: RegistrationSheet, choices: dict[int | None, int | None], *, actor) -> SubmissionPreview:
    """``choices``: the filled lines, title id (None: not registering) per staff id (None: the collective). One
    query for the secretariat's addresses (the titles and roster are the sheet's)."""
    titles = {title.pk: title for title in sheet._titles}
    individual = {staff_id: title_id for staff_id, title_id in choices.items() if staff_id is not None}
    counts = Counter(title_id for title_id in individual.values() if title_id)
    missing = [] if None in choices else [sheet.unit.name]
    missing += [person.full_name for person in sheet.roster if person.pk not in choices]
    secretariat = (
        User.objects.filter(province_id=sheet.unit.province_id, role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .only("first_name", "last_name", "username", "email")
        .order_by("last_name", "first_name", "email")
    )
    return SubmissionPreview(
        people=len(individual),
        collective_title=titles.get(choices.get(None)),
        title_counts=[(title, counts[title.pk]) for title in sheet._titles if counts[title.pk]],
        not_registering=sum(1 for title_id in individual.values() if not title_id),
        missing=missing,
        officer_email=actor.email,
        secretariat=[(user.display_name, user.email) for user in secretariat],
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
    supplementary: int = 0
    counts_in_order: list[int] = field(default_factory=list)
    late: bool = False  # not submitted and past the unit's effective deadline (``overview_mark_late``)


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


# The overview's filters and sorts (query parameters ``state``, ``late`` and ``sort``).
OVERVIEW_STATES = (RegistrationState.SUBMITTED, RegistrationState.DRAFT, RegistrationState.RETURNED, NOT_STARTED)
OVERVIEW_SORTS = ("order", "state", "sent")


def overview_mark_late(rows: list[OverviewRow], *, now: datetime.datetime | None = None) -> int:
    """Mark the rows whose unit has not submitted and whose effective deadline (23:59:59 local) has passed.
    Returns how many are late. No query."""
    now = now or timezone.now()
    for row in rows:
        row.late = row.state != RegistrationState.SUBMITTED and now > end_of_day(row.deadline)
    return sum(row.late for row in rows)


def overview_filter(
    rows: list[OverviewRow], *, state: str = "", late: bool = False, sort: str = "order"
) -> list[OverviewRow]:
    """The rows shown: of one state (``OVERVIEW_STATES``) and/or late only, sorted by the units' order (the
    province's list), by state (late first within a state) or by the time sent (newest first, unsent last).
    Rows come from ``registration_overview`` in the units' order; ``overview_mark_late`` ran first. No query."""
    shown = [row for row in rows if (not state or row.state == state) and (not late or row.late)]
    if sort == "state":
        rank = {value: index for index, value in enumerate(OVERVIEW_STATES)}
        shown.sort(key=lambda row: (rank.get(row.state, len(rank)), not row.late))
    elif sort == "sent":
        sent = [row for row in shown if row.registration and row.registration.submitted_at]
        sent.sort(key=lambda row: row.registration.submitted_at, reverse=True)
        shown = sent + [row for row in shown if not (row.registration and row.registration.submitted_at)]
    return shown


def overview_submitted_totals(rows: list[OverviewRow]) -> Counter:
    """Counts per title of the submitted registrations only: what the summary document (PDF) counts."""
    totals: Counter = Counter()
    for row in rows:
        if row.state == RegistrationState.SUBMITTED:
            totals.update(row.title_counts)
    return totals


def registration_people(year_plan: YearPlan) -> QuerySet[RegistrationLine]:
    """Every person's line of every registration of the plan (any state), unit by unit in the province's order,
    people in roster order: the secretariat's per-person sheet. One query."""
    return (
        RegistrationLine.objects.filter(registration__year_plan=year_plan, staff__isnull=False)
        .select_related("registration__unit", "staff", "title")
        .order_by(
            "registration__unit__display_order",
            "registration__unit__sort_key",
            "registration__unit_id",
            "staff__sort_key",
            "staff_id",
        )
    )


def reminder_job_last_run() -> datetime.datetime | None:
    """When the daily reminder job last ran (its heartbeat), or None if it never ran here. One query."""
    return ServiceHeartbeat.objects.filter(name=HEARTBEAT).values_list("at", flat=True).first()


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
