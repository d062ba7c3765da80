"""The documents the system generates, as HTML parts ready for ``reports.pdf.render_parts``."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from awards.enums import DecisionKind
from awards.models import AgendaItem, ProposalLine
from awards.selectors import lines_with_details, secretariat_opinions
from awards.services.council import counted_base_text
from movements.enums import RecipientsKind
from movements.models import YearPlan
from movements.scoring import scoring_overview
from registrations.selectors import registration_summary
from reports.pdf import CSS_FILE

ROWS_PER_PART = 250


@dataclass
class DocumentSpec:
    parts: Iterator[str]
    part_count: int
    filename: str


def day_text(day: datetime.date) -> str:
    """ "ngày 07 tháng 01 năm 2018": days under 10 and months 1–2 with a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def document_date(place: str, day: datetime.date) -> str:
    """ "Thái Bình, ngày 07 tháng 01 năm 2018"."""
    return f"{place}, {day_text(day)}"


def document_number(number: str, symbol: str) -> str:
    """ "Số: 05/BC-VKS"; without a number, the blank that is filled in by hand when the document is issued."""
    return f"Số: {number}" if number else f"Số:        /{symbol}"


def _place(plan: YearPlan) -> str:
    return plan.place_name or plan.province.name.split("tỉnh")[-1].strip()


def header_context(
    plan: YearPlan,
    *,
    doc_type: str,
    subject: str,
    number: str,
    issued_on: datetime.date | None,
    symbol: str = "BC",
    recipients: str = RecipientsKind.REPORT,
    signer_title: str = "",
    signer_name: str = "",
) -> dict:
    """What header.html and footer.html print. ``number`` is the whole number ("05/BC-VKS"); without it the header
    keeps a blank of fixed width before "/BC-VKS" for the number written by hand. The signature's lines carry the
    plan's authority ("KT. VIỆN TRƯỞNG" / "PHÓ VIỆN TRƯỞNG"); ``signer_title``/``signer_name`` are a document's own
    (a decision keeps those it was made with)."""
    return {
        "superior": plan.superior_agency,
        "issuer": plan.header_agency,
        "number": number,
        "number_symbol": f"{symbol}-{plan.agency_symbol}",
        "place": _place(plan),
        "place_date": document_date(_place(plan), issued_on) if issued_on else "",
        "doc_type": doc_type,
        "subject": subject,
        "signer_title": signer_title or plan.signer_title,
        "signature_lines": plan.signature_lines(signer_title),
        "signer_name": signer_name or plan.signer_name,
        "recipients": plan.recipients_for(recipients),
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
                        # The totals count submitted registrations only; the page says how many units that is.
                        "unit_count": len(data.units) + len(data.not_submitted),
                        "first": index == 0,
                        "last": index == len(chunks) - 1,
                    },
                )

    return DocumentSpec(parts(), len(chunks), f"tong-hop-dang-ky-thi-dua-{plan.year}.pdf")


# --- Documents of the council and the decisions ------------------------------------------------------------------


def _one_part(template: str, context: dict, filename: str) -> DocumentSpec:
    def parts():
        with translation.override("vi"):
            yield render_to_string(template, {"css_path": CSS_FILE, **context})

    return DocumentSpec(parts(), 1, filename)


def _by_title(lines):
    """Lines grouped by title, highest first: [(title, [lines])]."""
    groups: dict = {}
    for line in lines:
        groups.setdefault(line.title, []).append(line)
    return sorted(groups.items(), key=lambda item: (item[0].category, item[0].subject_kind, -item[0].display_order))


def council_pack_document(meeting, *, issued_on: datetime.date | None = None) -> DocumentSpec:
    """Hồ sơ trình Hội đồng: per title, the lines on the agenda with their eligibility and the secretariat's notes."""

    plan = meeting.year_plan
    lines = lines_with_details(ProposalLine.objects.filter(agenda_item__meeting=meeting))
    opinions = secretariat_opinions(lines)
    for line in lines:
        line.secretariat_opinion = opinions.get(line.pk, "")
    header = header_context(
        plan,
        doc_type="BÁO CÁO",
        number="",
        issued_on=issued_on or meeting.held_at.date(),
        subject=f"Danh sách đề nghị khen thưởng năm {plan.year} trình Hội đồng thi đua, khen "
        "thưởng và kết quả kiểm tra tiêu chuẩn",
        recipients=RecipientsKind.PACK,
    )
    return _one_part(
        "reports/council_pack.html",
        {"header": header, "plan": plan, "meeting": meeting, "groups": _by_title(lines)},
        f"ho-so-trinh-hoi-dong-{plan.year}-{meeting.pk}.pdf",
    )


def vote_minutes_document(meeting) -> DocumentSpec:
    """Biên bản họp Hội đồng và kiểm phiếu (Decree 30/2020, form 1.9): who attended, each line's tally."""

    plan = meeting.year_plan
    items = list(
        AgendaItem.objects.filter(meeting=meeting).select_related("line__proposal__unit", "line__staff", "line__title")
    )
    with translation.override("vi"):
        for item in items:
            item.base_text = counted_base_text(item, meeting.members_total)
    held_at = timezone.localtime(meeting.held_at)
    header = header_context(
        plan,
        doc_type="BIÊN BẢN",
        number="",
        issued_on=held_at.date(),
        symbol="BB",
        subject="Họp Hội đồng thi đua, khen thưởng và kiểm phiếu bầu",
    )
    members = list(meeting.members.select_related("staff"))
    return _one_part(
        "reports/vote_minutes.html",
        {
            "header": header,
            "plan": plan,
            "meeting": meeting,
            "held_at": held_at,
            "items": items,
            "present": [m for m in members if m.present],
            "absent": [m for m in members if not m.present],
        },
        f"bien-ban-kiem-phieu-{plan.year}-{meeting.pk}.pdf",
    )


def decision_document(decision) -> DocumentSpec:
    """The decision (QUYẾT ĐỊNH) or the forwarding submission (TỜ TRÌNH), with its attached list."""

    plan = decision.year_plan
    lines = list(
        ProposalLine.objects.filter(decision_lines__decision=decision)
        .select_related("proposal__unit", "staff", "title")
        .order_by("proposal__unit__display_order", "staff__sort_key")
    )
    forwarding = decision.kind == DecisionKind.FORWARDING
    subject = decision.subject or (
        f"Đề nghị khen thưởng thành tích năm {plan.year}"
        if forwarding
        else f"Tặng danh hiệu thi đua và hình thức khen thưởng năm {plan.year}"
    )
    symbol = "TTr" if forwarding else "QĐ"
    header = header_context(
        plan,
        doc_type="TỜ TRÌNH" if forwarding else "QUYẾT ĐỊNH",
        subject=f"V/v {subject[0].lower()}{subject[1:]}"
        if forwarding
        else f"Về việc {subject[0].lower()}{subject[1:]}",
        number=decision.number,
        issued_on=decision.issued_on,  # a draft: the date is written by hand when it is signed
        symbol=symbol,
        recipients=RecipientsKind.SUBMISSION if forwarding else RecipientsKind.DECISION,
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
    )
    groups = _by_title(lines)
    counts = [
        (title, sum(1 for line in group if line.staff_id), sum(1 for line in group if not line.staff_id))
        for title, group in groups
    ]
    return _one_part(
        "reports/decision.html",
        {
            "header": header,
            "plan": plan,
            "decision": decision,
            "groups": groups,
            "counts": counts,
            "forwarding": forwarding,
            "appendix": _appendix(decision, plan, forwarding=forwarding, symbol=f"{symbol}-{plan.agency_symbol}"),
        },
        f"{'to-trinh' if forwarding else 'quyet-dinh'}-{decision.pk}.pdf",
    )


def _appendix(decision, plan: YearPlan, *, forwarding: bool, symbol: str) -> dict:
    """The heading of the list attached after the signature (Decree 30/2020, Appendix I: "Phụ lục"): "DANH SÁCH",
    its name, and "(Kèm theo Quyết định số 45/QĐ-VKS ngày 25 tháng 12 năm 2018 của Viện trưởng …)"; before the
    number and date are given, blanks to write them in by hand."""
    head = (decision.signer_title or plan.signer_title or "Viện trưởng").strip()
    province = plan.province.name
    return {
        "name": (
            f"Tập thể, cá nhân đề nghị khen thưởng thành tích năm {plan.year}"
            if forwarding
            else f"Tập thể, cá nhân được tặng danh hiệu thi đua và hình thức khen thưởng năm {plan.year}"
        ),
        "document": "Tờ trình" if forwarding else "Quyết định",
        "number": decision.number,
        "symbol": symbol,
        "date_text": day_text(decision.issued_on) if decision.issued_on else "",
        # "của Viện kiểm sát nhân dân tỉnh …" for a submission, "của Viện trưởng Viện kiểm sát …" for a decision.
        "by": province if forwarding else f"{head[:1].upper()}{head[1:].lower()} {province}",
    }


def scoring_results_document(plan: YearPlan, *, issued_on: datetime.date | None = None) -> DocumentSpec:
    """Kết quả chấm điểm, xếp loại thi đua: the province ranking and each cluster's, with the classification."""
    overview = scoring_overview(plan)
    header = header_context(
        plan,
        doc_type="BÁO CÁO",
        number="",
        issued_on=issued_on or timezone.localdate(),
        subject=f"Kết quả chấm điểm, xếp loại thi đua năm {plan.year}",
    )
    return _one_part(
        "reports/scoring_results.html",
        {
            "header": header,
            "plan": plan,
            "sheet": overview.sheet,
            "province_rows": overview.province_rows,
            "clusters": overview.clusters,
        },
        f"ket-qua-cham-diem-{plan.year}.pdf",
    )
