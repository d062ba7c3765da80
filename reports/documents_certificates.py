"""The certificates of a decision (giấy khen, bằng khen, the certificates of emulation titles) in one PDF: a
landscape A4 or A3 page per award, each text absolutely placed at its layout position plus the layout's offsets, in
millimetres, and nothing else, since the paper (phôi) is pre-printed. The preview draws, in light grey, the paper's
printed frame and headings where they are on the paper (not moved by the offsets), so the secretariat sees where
the text falls before printing on the real paper."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from awards.enums import CertificateKind, DecisionKind, PaperSize
from awards.models import Decision
from awards.services.certificates import (
    FIELDS,
    PAPER_MM,
    certificate_kind,
    certificate_records,
    layout_for,
    layout_positions,
    register_numbers_preview,
)
from reports.documents import DocumentSpec, _place, day_text
from units.enums import Gender
from units.numbers import number_text

CERTIFICATES_PER_PART = 100
PT_MM = 25.4 / 72
# A field's ``y`` is where the top of its letters falls: its box starts this much higher (in em), the half-leading
# of the 1.2 line height and the font's room above its capitals (Liberation Serif), as read back by pdfplumber.
LETTER_TOP_EM = 0.154

# What the pre-printed paper shows (drawn only in the preview), by kind.
PRINTED_HEADING = {
    CertificateKind.CERTIFICATE_OF_MERIT: "GIẤY KHEN",
    CertificateKind.DIPLOMA_OF_MERIT: "BẰNG KHEN",
    CertificateKind.TITLE: "GIẤY CHỨNG NHẬN",
}


@dataclass
class PlacedText:
    """A field's text at its place on the page: ``left``/``top`` of its box and ``width`` in mm."""

    name: str
    lines: list[str]
    left: float
    top: float
    width: float
    size: float
    bold: bool
    italic: bool


@dataclass
class Sheet:
    paper: str
    width: float
    height: float
    heading: str
    fields: list[PlacedText]


def _signer(decision: Decision) -> tuple[list[str], str]:
    plan = decision.year_plan
    if decision.kind == DecisionKind.EXTERNAL:
        title = decision.signer_title.strip().upper()
        return ([title] if title else []), decision.signer_name
    return plan.signature_lines(decision.signer_title), decision.signer_name or plan.signer_name


def _issuer(decision: Decision) -> str:
    """ "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH": who confers, as the certificate names them."""
    issuer = (decision.issuer or decision.year_plan.header_agency).strip()
    if decision.kind == DecisionKind.EXTERNAL:
        return issuer.upper()
    head = (decision.signer_title or decision.year_plan.signer_title or "Viện trưởng").strip()
    if issuer.casefold().startswith(head.casefold()):
        return issuer.upper()
    return f"{head} {issuer}".upper()


def _texts(record, decision: Decision, *, number: int | None, signer: tuple[list[str], str], issuer: str) -> dict:
    """Every field's lines for one award."""
    kind = certificate_kind(record.title)
    if record.staff_id:
        person = record.staff
        recipient = f"{'Bà' if person.gender == Gender.FEMALE else 'Ông'} {person.full_name}"
        what = person.position or person.rank
        position = f"{what}, {record.unit.name}" if what else record.unit.name
    else:
        recipient, position = record.unit.name, ""
    if kind == CertificateKind.TITLE:
        reason = f"Đạt danh hiệu “{record.title.name}” năm {record.year}"
    else:
        reason = f"Đã có thành tích xuất sắc trong công tác năm {record.year}"
    day = decision.issued_on
    signer_lines, signer_name = signer
    return {
        "issuer": [issuer],
        "recipient": [recipient],
        "position": [position] if position else [],
        "reason": [reason],
        "decision": [f"Quyết định số {decision.number}", day_text(day)],
        "register": [f"Số vào sổ: {number_text(number)}"] if number else [],
        "place_date": [f"{_place(decision.year_plan)}, {day_text(day)}"],
        "signer_title": signer_lines,
        "signer_name": [signer_name] if signer_name else [],
    }


def _sheet(texts: dict, layout, positions: dict, heading: str) -> Sheet:
    width, height = PAPER_MM[layout.paper]
    scale = width / PAPER_MM[PaperSize.A4][0]
    dx, dy = float(layout.offset_x_mm), float(layout.offset_y_mm)
    placed = []
    for field in FIELDS:
        lines = texts[field.name]
        if not lines:
            continue
        x, y = positions[field.name]
        box = field.width * scale
        size = field.size * (scale if scale > 1 else 1)
        placed.append(
            PlacedText(
                name=field.name,
                lines=[line.upper() for line in lines] if field.upper else lines,
                left=round(x + dx - box / 2, 2),
                top=round(y + dy - LETTER_TOP_EM * size * PT_MM, 2),
                width=round(box, 2),
                size=round(size, 1),
                bold=field.bold,
                italic=field.italic,
            )
        )
    return Sheet(paper=layout.paper, width=width, height=height, heading=heading, fields=placed)


def certificate_sheets(decision: Decision, *, kind: str | None = None, limit: int | None = None) -> list[Sheet]:
    """One sheet per valid award of the decision, in the decision list's order (only those of ``kind`` if given,
    the first ``limit``). An award not yet numbered shows the number the next assignment will give it."""
    records = list(certificate_records(decision))
    if kind:
        records = [record for record in records if certificate_kind(record.title) == kind]
    if limit is not None:
        records = records[:limit]
    upcoming = register_numbers_preview(decision)
    next_number = upcoming.first
    # The numbers to come follow the list's order over every kind: count the unnumbered ones before each.
    projected = {}
    for record in certificate_records(decision):
        if record.register_number is None and next_number is not None:
            projected[record.pk] = next_number
            next_number += 1
    signer, issuer = _signer(decision), _issuer(decision)
    layouts: dict = {}
    sheets = []
    for record in records:
        record_kind = certificate_kind(record.title)
        if record_kind not in layouts:
            layout = layout_for(decision.province, record_kind)
            layouts[record_kind] = (layout, layout_positions(layout))
        layout, positions = layouts[record_kind]
        number = record.register_number or projected.get(record.pk)
        texts = _texts(record, decision, number=number, signer=signer, issuer=issuer)
        sheets.append(_sheet(texts, layout, positions, PRINTED_HEADING[record_kind]))
    return sheets


def _html(sheets: list[Sheet], *, preview: bool) -> str:
    with translation.override("vi"):
        return render_to_string("reports/certificates.html", {"sheets": sheets, "preview": preview})


def certificates_document(
    decision: Decision,
    *,
    preview: bool = False,
    kind: str | None = None,
    limit: int | None = None,
    per_part: int = CERTIFICATES_PER_PART,
) -> DocumentSpec:
    """The certificates of a decision, ``per_part`` to a part (the parts spread over the workers)."""
    sheets = certificate_sheets(decision, kind=kind, limit=limit)
    chunks = [sheets[start : start + per_part] for start in range(0, len(sheets), per_part)] or [[]]

    def parts():
        for chunk in chunks:
            yield _html(chunk, preview=preview)

    name = "in-thu-giay-khen" if preview else "giay-khen"
    return DocumentSpec(parts(), len(chunks), f"{name}-{decision.pk}.pdf")
