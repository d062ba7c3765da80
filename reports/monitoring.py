"""Monitoring of the units' data entry (plan II.2.3): "Phòng Thống kê tội phạm và công nghệ thông tin … theo dõi
việc cập nhật của các đơn vị và thông báo kết quả định kỳ".

- ``completeness_rows(plan, units)`` measures each unit's data in a fixed number of queries whatever the number
  of units: active staff records with what eligibility needs (``Staff.objects.incomplete()``), award records
  entered, the year's registration submitted, the pledge, exemplary individuals named, the movements' reports.
  (The unit's own plan, ``UnitPlan``, is not measured yet.)
- ``reports.monitoring_services.snapshot_take`` stores them per unit for a month (``DataEntrySnapshot``),
  audited; the monthly beat job (``reports.data_entry_snapshot``) takes the month that just ended for every
  province.
- ``monitoring_trend`` reads the snapshots of a plan's year as a table: units × periods, with the units that fell
  behind since the period before.
- ``reports.monitoring_services.notice_send`` asks for the PDF notice (``ReportKind.DATA_ENTRY_NOTICE``) and
  tells the units that fell behind, by the bell and e-mail through the outbox, audited.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from awards.enums import AwardStatus
from awards.models import AwardRecord
from movements.enums import ReportState
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge, YearPlan
from registrations.enums import RegistrationState
from registrations.models import Registration
from reports.models import DataEntrySnapshot
from units.models import Staff, Unit
from units.numbers import percent_text
from units.selectors import province_units

HUNDRED = Decimal(100)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_month(day: datetime.date) -> datetime.date:
    """The first day of the month before ``day``'s."""
    return month_start(month_start(day) - datetime.timedelta(days=1))


def percent(value) -> str:
    """ "83,3 %" (``units.numbers.percent_text``)."""
    return percent_text(value, 1)


@dataclass
class Completeness:
    """One unit's data at one moment; ``completeness`` is the mean of the parts that apply (a unit with no
    movement to report on is not measured on reports)."""

    unit: Unit
    staff_active: int = 0
    staff_complete: int = 0
    awards_entered: int = 0
    registered: bool = False
    pledged: bool = False
    exemplary: int = 0
    movements: int = 0
    reports_submitted: int = 0

    @property
    def parts(self) -> list[Decimal]:
        parts = [
            Decimal(self.staff_complete) / self.staff_active if self.staff_active else Decimal(0),
            Decimal(1 if self.awards_entered else 0),
            Decimal(1 if self.registered else 0),
            Decimal(1 if self.pledged else 0),
            Decimal(1 if self.exemplary else 0),
        ]
        if self.movements:
            parts.append(Decimal(self.reports_submitted) / self.movements)
        return parts

    @property
    def completeness(self) -> Decimal:
        parts = self.parts
        return (sum(parts) * HUNDRED / len(parts)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def completeness_rows(plan: YearPlan, units: list[Unit] | None = None) -> list[Completeness]:
    """Each unit's completeness for the plan's year, in nine queries whatever the number of units (eight when the
    units are given)."""
    units = list(units if units is not None else province_units(plan.province))  # 1
    rows = {unit.pk: Completeness(unit=unit) for unit in units}
    ids = list(rows)
    staff = (
        Staff.objects.filter(unit_id__in=ids, is_active=True)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            lacking=Count(
                "pk",
                filter=Q(date_of_birth__isnull=True)
                | Q(position="")
                | Q(rank="")
                | Q(joined_procuracy_on__isnull=True),
            ),
        )
    )
    for row in staff:  # 2 (the filter is Staff.objects.incomplete()'s, counted per unit)
        rows[row["unit_id"]].staff_active = row["total"]
        rows[row["unit_id"]].staff_complete = row["total"] - row["lacking"]
    awards = AwardRecord.objects.filter(unit_id__in=ids, status=AwardStatus.VALID).values("unit_id")
    for row in awards.annotate(count=Count("pk")):  # 3
        rows[row["unit_id"]].awards_entered = row["count"]
    submitted = Registration.objects.filter(year_plan=plan, unit_id__in=ids, state=RegistrationState.SUBMITTED)
    for unit_id in submitted.values_list("unit_id", flat=True):  # 4
        rows[unit_id].registered = True
    for unit_id in Pledge.objects.filter(year_plan=plan, unit_id__in=ids).values_list("unit_id", flat=True):  # 5
        rows[unit_id].pledged = True
    named = ExemplaryIndividual.objects.filter(year_plan=plan, unit_id__in=ids).values("unit_id")
    for row in named.annotate(count=Count("pk")):  # 6
        rows[row["unit_id"]].exemplary = row["count"]
    # The movements of the year each unit takes part in, and its submitted reports on them.
    movements = list(
        Movement.objects.filter(province_id=plan.province_id, report_deadline__year=plan.year).values_list(
            "pk", "all_units"
        )
    )  # 7
    every = [pk for pk, all_units in movements if all_units]
    chosen = Movement.units.through.objects.filter(
        movement_id__in=[pk for pk, all_units in movements if not all_units], unit_id__in=ids
    ).values_list("movement_id", "unit_id")  # 8
    taking_part = defaultdict(set)
    for movement_id, unit_id in chosen:
        taking_part[unit_id].add(movement_id)
    for unit_id in ids:
        taking_part[unit_id].update(every)
        rows[unit_id].movements = len(taking_part[unit_id])
    reports = MovementReport.objects.filter(
        unit_id__in=ids, movement_id__in=[pk for pk, _all in movements], state=ReportState.SUBMITTED
    ).values_list("unit_id", "movement_id")
    for unit_id, movement_id in reports:  # 9
        if movement_id in taking_part[unit_id]:
            rows[unit_id].reports_submitted += 1
    return [rows[unit.pk] for unit in units]


# --- The trend page ----------------------------------------------------------------------------------------------


@dataclass
class TrendCell:
    snapshot: DataEntrySnapshot | None
    fell: bool = False

    @property
    def text(self) -> str:
        return percent(self.snapshot.completeness) if self.snapshot else ""


@dataclass
class TrendRow:
    unit: Unit
    cells: list[TrendCell] = field(default_factory=list)

    @property
    def latest(self) -> TrendCell | None:
        return self.cells[-1] if self.cells else None

    @property
    def fell_behind(self) -> bool:
        return bool(self.cells and self.cells[-1].fell)


def plan_periods(plan: YearPlan) -> list[datetime.date]:
    """The months of the plan's year that have a snapshot, oldest first (one query)."""
    return list(
        DataEntrySnapshot.objects.filter(year_plan=plan).order_by("period").values_list("period", flat=True).distinct()
    )


def monitoring_trend(plan: YearPlan, units: list[Unit], periods: list[datetime.date]) -> list[TrendRow]:
    """Each unit's completeness per period (one query for every unit and period); a cell "fell" when the unit's
    completeness is lower than in the period before."""
    found = {
        (snapshot.unit_id, snapshot.period): snapshot
        for snapshot in DataEntrySnapshot.objects.filter(year_plan=plan, unit__in=units, period__in=periods)
    }
    rows = []
    for unit in units:
        row, before = TrendRow(unit=unit), None
        for period in periods:
            snapshot = found.get((unit.pk, period))
            fell = bool(snapshot and before and snapshot.completeness < before.completeness)
            row.cells.append(TrendCell(snapshot, fell))
            before = snapshot or before
        rows.append(row)
    return rows


def fell_behind(plan: YearPlan, period: datetime.date) -> list[DataEntrySnapshot]:
    """The snapshots of ``period`` lower than the same unit's in the period before it (two queries)."""
    period = month_start(period)
    before = previous_period(plan, period)
    if before is None:
        return []
    snapshots = DataEntrySnapshot.objects.filter(
        year_plan__province_id=plan.province_id, period__in=[before, period]
    ).select_related("unit")
    earlier = {s.unit_id: s for s in snapshots if s.period == before}
    return sorted(
        (
            s
            for s in snapshots
            if s.period == period and s.unit_id in earlier and s.completeness < earlier[s.unit_id].completeness
        ),
        key=lambda s: (s.unit.display_order, s.unit.sort_key),
    )


def previous_period(plan: YearPlan, period: datetime.date) -> datetime.date | None:
    """The latest period of the plan's province before ``period`` that has a snapshot (one query)."""
    return (
        DataEntrySnapshot.objects.filter(year_plan__province_id=plan.province_id, period__lt=period)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
