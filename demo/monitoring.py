"""The demo's monitoring of data entry (plan II.2.3): the statistics officer's snapshots of October, November and
December 2018, through the service. Before the December one the secretariat returns one unit's movement report for
correction (``movement_report_return``), so that unit falls behind and the trend page shows the badge."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from movements.enums import ReportState
from movements.models import MovementReport, YearPlan
from movements.services import movement_report_return
from reports.models import DataEntrySnapshot
from reports.monitoring_services import snapshot_take
from units.enums import Role
from units.models import Unit, User

MONTHS = (10, 11, 12)


def _end_of(year: int, month: int) -> datetime.datetime:
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.datetime(year, month, last, 16, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))


def seed_data_entry_monitoring(province: Unit, plan: YearPlan) -> None:
    if DataEntrySnapshot.objects.filter(year_plan=plan).exists():
        return  # seeded before
    officer = User.objects.filter(role=Role.STATISTICS, province=province).first()
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    for month in MONTHS:
        if month == MONTHS[-1]:
            report = (
                MovementReport.objects.filter(
                    unit__province=province, state=ReportState.SUBMITTED, movement__report_deadline__year=plan.year
                )
                .exclude(unit=province)  # a district's, so the badge is on a district procuracy
                .order_by("unit__display_order", "unit__sort_key", "pk")
                .first()
            )
            if report is not None:
                movement_report_return(
                    report=report,
                    actor=secretariat,
                    reason="Báo cáo chưa nêu số liệu kết quả thực hiện các chỉ tiêu; đề nghị bổ sung.",
                )
        snapshot_take(
            plan=plan, period=datetime.date(plan.year, month, 1), actor=officer, now=_end_of(plan.year, month)
        )
