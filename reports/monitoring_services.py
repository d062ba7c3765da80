"""The writes of the data-entry monitoring (plan II.2.3; the reads are ``reports.monitoring``): the monthly
snapshot and the notice to the units."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from movements.models import YearPlan
from reports.enums import ReportKind
from reports.models import DataEntrySnapshot, ReportJob
from reports.monitoring import completeness_rows, fell_behind, month_start, percent, previous_month
from reports.services import report_request
from units.enums import Role
from units.models import Unit, User
from units.notifications import lazy_text, notify
from units.services import audit_log


def plan_for_period(province: Unit, period: datetime.date) -> YearPlan | None:
    """The plan a month is measured against: the province's plan of that year."""
    return YearPlan.objects.filter(province=province, year=period.year).first()


@transaction.atomic
def snapshot_take(*, plan: YearPlan, period: datetime.date, actor=None, now=None) -> list[DataEntrySnapshot]:
    """Store every unit's completeness for ``period`` (a month; taken again, the month's rows are replaced), one
    audit entry for the province. ``actor`` is None for the beat job."""
    period = month_start(period)
    if period.year != plan.year:
        raise ValidationError(
            _("A snapshot of %(month)s cannot be taken in the plan of %(year)s.")
            % {"month": f"{period:%m/%Y}", "year": plan.year}
        )
    now = now or timezone.now()
    rows = completeness_rows(plan)
    DataEntrySnapshot.objects.filter(unit__province=plan.province, period=period).delete()
    snapshots = DataEntrySnapshot.objects.bulk_create(
        [
            DataEntrySnapshot(
                year_plan=plan,
                unit=row.unit,
                period=period,
                staff_active=row.staff_active,
                staff_complete=row.staff_complete,
                awards_entered=row.awards_entered,
                registered=row.registered,
                pledged=row.pledged,
                exemplary=row.exemplary,
                movements=row.movements,
                reports_submitted=row.reports_submitted,
                completeness=row.completeness,
                taken_at=now,
                taken_by=actor,
            )
            for row in rows
        ]
    )
    audit_log(
        actor=actor,
        action="data_entry.snapshot",
        target=plan,
        unit=plan.province,
        data={"period": period.isoformat(), "units": len(snapshots)},
    )
    return snapshots


def snapshots_take_all(*, day: datetime.date | None = None) -> int:
    """The monthly beat job: every province's month that just ended (on 01/12 the November snapshot)."""
    period = previous_month(day or timezone.localdate())
    taken = 0
    for province in Unit.objects.filter(province_id=F("pk")):
        plan = plan_for_period(province, period)
        if plan is not None:
            taken += len(snapshot_take(plan=plan, period=period))
    return taken


# --- The notice -------------------------------------------------------------------------------------------------


@transaction.atomic
def notice_send(*, plan: YearPlan, period: datetime.date, actor) -> tuple[ReportJob, list[DataEntrySnapshot]]:
    """Ask for the period's notice (the PDF) and tell the officers of the units that fell behind (the bell and an
    e-mail each, once per period: sending again tells nobody twice). Audited."""
    period = month_start(period)
    job = report_request(
        kind=ReportKind.DATA_ENTRY_NOTICE, year_plan=plan, actor=actor, params={"period": period.isoformat()}
    )
    behind = fell_behind(plan, period)
    officers = defaultdict(list)
    for user in User.objects.filter(role=Role.OFFICER, is_active=True, unit__in=[s.unit_id for s in behind]):
        officers[user.unit_id].append(user)
    for snapshot in behind:
        # The unit's own dashboard says what is missing.
        url = reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": snapshot.unit_id})
        notify(
            officers[snapshot.unit_id],
            key=f"data-entry:{plan.pk}:{period:%Y-%m}:unit:{snapshot.unit_id}",
            text=lazy_text(
                _(
                    "Data entry of %(unit)s in %(month)s: %(percent)s complete, lower than the month before. "
                    "Please bring the records up to date."
                ),
                {
                    "unit": snapshot.unit.display_name,
                    "month": f"{period:%m/%Y}",
                    "percent": percent(snapshot.completeness),
                },
            ),
            url=url,
            unit=snapshot.unit,
        )
    audit_log(
        actor=actor,
        action="data_entry.notice",
        target=plan,
        unit=plan.province,
        data={"period": period.isoformat(), "job": job.pk, "units_behind": [s.unit_id for s in behind]},
    )
    return job, behind
