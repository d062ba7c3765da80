"""The notice on the units' data entry (plan II.2.3, ``ReportKind.DATA_ENTRY_NOTICE``): "THÔNG BÁO / Kết quả cập
nhật dữ liệu thi đua, khen thưởng của các đơn vị tháng …", in the Decree 30 layout of the other documents."""

import datetime

from django.utils import timezone

from movements.models import YearPlan
from reports.documents import DocumentSpec, _one_part, header_context
from reports.monitoring import fell_behind, monitoring_trend, percent, previous_period
from units.selectors import province_units


def data_entry_notice_document(
    plan: YearPlan, *, period: datetime.date, issued_on: datetime.date | None = None
) -> DocumentSpec:
    """One row per unit: its figures of ``period``, the completeness and the change since the period before;
    then the units that fell behind."""
    period = period.replace(day=1)
    before = previous_period(plan, period)
    periods = [p for p in (before, period) if p]
    rows = monitoring_trend(plan, list(province_units(plan.province)), periods)
    behind = {snapshot.unit_id for snapshot in fell_behind(plan, period)}
    table = []
    for row in rows:
        now, then = row.cells[-1].snapshot, (row.cells[0].snapshot if before else None)
        if now is None:
            continue
        change = ""
        if then is not None:
            delta = now.completeness - then.completeness
            change = ("+" if delta > 0 else "") + percent(delta) if delta else "0 %"
        table.append({"unit": row.unit, "snapshot": now, "percent": percent(now.completeness), "change": change})
    month = f"{period:%m/%Y}"
    header = header_context(
        plan,
        doc_type="THÔNG BÁO",
        number="",
        symbol="TB",
        issued_on=issued_on or timezone.localdate(),
        subject=f"Kết quả cập nhật dữ liệu thi đua, khen thưởng của các đơn vị tháng {month}",
    )
    return _one_part(
        "reports/data_entry_notice.html",
        {
            "header": header,
            "plan": plan,
            "month": month,
            "before": f"{before:%m/%Y}" if before else "",
            "rows": table,
            "behind": [item for item in table if item["unit"].pk in behind],
        },
        f"thong-bao-cap-nhat-du-lieu-{period:%Y-%m}.pdf",
    )
