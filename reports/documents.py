"""The documents the system generates, as HTML parts ready for ``reports.pdf.render_parts``."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from movements.models import YearPlan
from registrations.selectors import registration_summary
from reports.pdf import CSS_FILE

ROWS_PER_PART = 250


@dataclass
class DocumentSpec:
    parts: Iterator[str]
    part_count: int
    filename: str


def document_date(place: str, day: datetime.date) -> str:
    """ "Thái Bình, ngày 07 tháng 01 năm 2018": days under 10 and months 1–2 with a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def document_number(number: str, symbol: str) -> str:
    """ "Số: 05/BC-VKS"; without a number, the blank that is filled in by hand when the document is issued."""
    return f"Số: {number}" if number else f"Số:        /{symbol}"


def header_context(plan: YearPlan, *, doc_type: str, subject: str, number: str, issued_on: datetime.date) -> dict:
    return {
        "superior": plan.superior_agency,
        "issuer": plan.header_agency,
        "number": document_number(number, f"BC-{plan.agency_symbol}"),
        "place_date": document_date(plan.place_name or plan.province.name.split("tỉnh")[-1].strip(), issued_on),
        "doc_type": doc_type,
        "subject": subject,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "recipients": plan.recipient_lines,
    }


def _chunks(units, rows_per_part: int):
    """Group consecutive units so that each part has about ``rows_per_part`` rows; a unit is never split."""
    chunk, rows = [], 0
    for summary in units:
        size = len(summary.lines) + 3
        if chunk and rows + size > rows_per_part:
            yield chunk
            chunk, rows = [], 0
        chunk.append(summary)
        rows += size
    if chunk:
        yield chunk


def registration_summary_document(
    plan: YearPlan, *, number: str = "", issued_on: datetime.date | None = None, rows_per_part: int = ROWS_PER_PART
) -> DocumentSpec:
    """Tổng hợp đăng ký danh hiệu thi đua: per submitted unit its collective title and every person's title, then
    the totals of the province and the units that have not submitted."""
    data = registration_summary(plan)
    issued_on = issued_on or timezone.localdate()
    header = header_context(
        plan,
        doc_type="BÁO CÁO",
        subject=f"Tổng hợp đăng ký danh hiệu thi đua năm {plan.year}",
        number=number,
        issued_on=issued_on,
    )
    chunks = list(_chunks(data.units, rows_per_part)) or [[]]
    numbering = {}
    position = 0
    for chunk in chunks:
        for summary in chunk:
            position += 1
            numbering[summary.unit.pk] = position

    def parts():
        with translation.override("vi"):
            for index, chunk in enumerate(chunks):
                yield render_to_string(
                    "reports/registration_summary.html",
                    {
                        "css_path": CSS_FILE,
                        "header": header,
                        "plan": plan,
                        "data": data,
                        "units": [(numbering[s.unit.pk], s) for s in chunk],
                        "first": index == 0,
                        "last": index == len(chunks) - 1,
                    },
                )

    return DocumentSpec(parts(), len(chunks), f"tong-hop-dang-ky-thi-dua-{plan.year}.pdf")
