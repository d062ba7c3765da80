"""Certificates printed from an issued decision (giấy khen, bằng khen, the certificate of an emulation title): the
register numbers (số vào sổ) kept on the award records, and where the text falls on the province's pre-printed
paper (``CertificateLayout``).

Register numbers run per province and per year of the decision's date, from 1, in the decision list's order
(``certificate_records``); a record keeps its number for ever (a reprint gives no new one) and a number is never
given twice: the province's row is locked while the next numbers are taken (``select_for_update``), and the
database refuses a duplicate (``award_register_number_once``)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import AwardStatus, CertificateKind, DecisionKind, DecisionState, PaperSize
from awards.models import AwardRecord, CertificateLayout, Decision
from movements.enums import TitleCategory
from units.models import Unit
from units.services import audit_log

# The kinds of document whose awards get certificates printed by the province: its own decisions and the higher
# levels' decisions it recorded (a forwarding submission confers nothing).
PRINTED_KINDS = (DecisionKind.DECISION, DecisionKind.EXTERNAL)

# Landscape pages, (width, height) in millimetres.
PAPER_MM = {PaperSize.A4: (297, 210), PaperSize.A3: (420, 297)}
MAX_OFFSET_MM = Decimal(30)


@dataclass(frozen=True)
class Field:
    """One printed text: its default place on a landscape A4 sheet (``x`` the centre of the line, ``y`` the top of
    its first line, in mm from the top left), the width of its box, font size (pt), weight and style."""

    name: str
    x: float
    y: float
    width: float
    size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False


# The default layout of a landscape certificate: the conferring authority under the pre-printed national name,
# the recipient and their position in the middle below the printed "GIẤY KHEN" / "BẰNG KHEN", the reason, then the
# decision and the register number at the bottom left and the place, date and signature at the bottom right.
FIELDS = (
    Field("issuer", 148.5, 40, 250, 14, bold=True, upper=True),
    Field("recipient", 148.5, 92, 250, 24, bold=True),
    Field("position", 148.5, 106, 250, 15),
    Field("reason", 148.5, 118, 230, 15, italic=True),
    Field("decision", 72, 160, 110, 12),
    Field("register", 72, 176, 110, 12),
    Field("place_date", 215, 146, 130, 13, italic=True),
    Field("signer_title", 215, 154, 130, 13, bold=True, upper=True),
    Field("signer_name", 215, 186, 130, 14, bold=True),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)


def certificate_kind(title) -> str:
    """Which paper a title is printed on: a giấy khen, a bằng khen, or the certificate of an emulation title."""
    name = title.name.casefold()
    if name.startswith("giấy khen"):
        return CertificateKind.CERTIFICATE_OF_MERIT
    if title.category == TitleCategory.TITLE:
        return CertificateKind.TITLE
    return CertificateKind.DIPLOMA_OF_MERIT


def certificate_records(decision: Decision):
    """The valid awards of a decision in its list's order (the decision's PDF and page): titles from the highest,
    then by unit, the unit's own award before its people's, people by the Vietnamese sort key."""
    return (
        AwardRecord.objects.filter(decision=decision, status=AwardStatus.VALID)
        .select_related("staff", "unit", "title")
        .order_by(
            "title__category",
            "title__subject_kind",
            "-title__display_order",
            "unit__display_order",
            F("staff__sort_key").asc(nulls_first=True),
            "pk",
        )
    )


def _check_printable(decision: Decision) -> None:
    if decision.kind not in PRINTED_KINDS:
        raise ValidationError(_("A forwarding submission confers nothing: there is no certificate to print."))
    if decision.state != DecisionState.ISSUED or decision.issued_on is None:
        raise ValidationError(_("Certificates are printed from an issued decision."))


@dataclass(frozen=True)
class RegisterPreview:
    """What "print all" will number: ``count`` records from ``first`` to ``last`` in ``year``'s register, and the
    ``numbered`` records that keep their numbers (from ``numbered_first`` to ``numbered_last``)."""

    year: int
    count: int
    first: int | None
    last: int | None
    numbered: int
    numbered_first: int | None
    numbered_last: int | None

    @property
    def total(self) -> int:
        return self.count + self.numbered


def register_numbers_preview(decision: Decision) -> RegisterPreview:
    """The numbers the next assignment would give (two queries; nothing is reserved: the assignment takes them
    under a lock, so another decision numbered meanwhile moves them on)."""
    _check_printable(decision)
    year = decision.issued_on.year
    rows = list(certificate_records(decision).values_list("register_number", flat=True))
    numbered = sorted(number for number in rows if number is not None)
    count = len(rows) - len(numbered)
    last = (
        AwardRecord.objects.filter(register_province_id=decision.province_id, register_year=year).aggregate(
            last=Max("register_number")
        )["last"]
        or 0
    )
    return RegisterPreview(
        year=year,
        count=count,
        first=last + 1 if count else None,
        last=last + count if count else None,
        numbered=len(numbered),
        numbered_first=numbered[0] if numbered else None,
        numbered_last=numbered[-1] if numbered else None,
    )


@transaction.atomic
def register_numbers_assign(decision: Decision, actor) -> list[AwardRecord]:
    """Give each award of the decision without a register number the next numbers of its province and year, in
    the decision list's order. Returns the records numbered now (none on a reprint)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _check_printable(decision)
    # The province's row is the register's lock: two decisions numbered at once take their numbers one after the
    # other, never the same ones.
    Unit.objects.select_for_update().filter(pk=decision.province_id).first()
    year = decision.issued_on.year
    records = [record for record in certificate_records(decision) if record.register_number is None]
    if not records:
        return []
    last = (
        AwardRecord.objects.filter(register_province_id=decision.province_id, register_year=year).aggregate(
            last=Max("register_number")
        )["last"]
        or 0
    )
    now = timezone.now()
    for number, record in enumerate(records, start=last + 1):
        record.register_province_id = decision.province_id
        record.register_year = year
        record.register_number = number
        record.updated_at = now
    AwardRecord.objects.bulk_update(
        records, ["register_province", "register_year", "register_number", "updated_at"], batch_size=500
    )
    audit_log(
        actor=actor,
        action="award.register_numbers",
        target=decision,
        unit=decision.province,
        data={"year": year, "first": last + 1, "last": last + len(records), "count": len(records)},
    )
    return records


# --- The layout on the pre-printed paper --------------------------------------------------------------------------


def default_positions(paper: str) -> dict[str, list[float]]:
    """Every field's default place on a landscape sheet of ``paper``: the A4 layout, scaled for A3."""
    scale = PAPER_MM[paper][0] / PAPER_MM[PaperSize.A4][0]
    return {field.name: [round(field.x * scale, 1), round(field.y * scale, 1)] for field in FIELDS}


def layout_for(province: Unit, kind: str) -> CertificateLayout:
    """The province's layout for a kind of certificate, or the default one (not saved) when it has none."""
    layout = CertificateLayout.objects.filter(province=province, kind=kind).first()
    return layout or CertificateLayout(province=province, kind=kind, paper=PaperSize.A4)


def layout_positions(layout: CertificateLayout) -> dict[str, list[float]]:
    """The layout's positions, each field missing from ``positions`` at its default place."""
    positions = default_positions(layout.paper)
    for name, value in (layout.positions or {}).items():
        if name in positions:
            positions[name] = [float(value[0]), float(value[1])]
    return positions


def _number(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("%(field)s must be a number of millimetres.") % {"field": label}) from None
    if not number.is_finite():
        raise ValidationError(_("%(field)s must be a number of millimetres.") % {"field": label})
    return number.quantize(Decimal("0.1"))


def field_label(name: str) -> str:
    return {
        "issuer": _("Conferring authority"),
        "recipient": _("Recipient"),
        "position": _("Position and unit"),
        "reason": _("Title or reason"),
        "decision": _("Decision number and date"),
        "register": _("Register number"),
        "place_date": _("Place and date"),
        "signer_title": _("Signer's title"),
        "signer_name": _("Signer's name"),
    }.get(name, name)


def certificate_layout_check(*, paper: str, offset_x_mm, offset_y_mm, positions: dict) -> tuple:
    """The layout's values checked: the paper, offsets within ±30 mm, every position a known field inside the page
    (and still inside once moved by the offsets). Returns (paper, offset_x, offset_y, positions) cleaned."""
    if paper not in PAPER_MM:
        raise ValidationError(_("Choose the paper: A4 or A3."))
    width, height = PAPER_MM[paper]
    errors = []
    offset_x = _number(offset_x_mm, _("Move right"))
    offset_y = _number(offset_y_mm, _("Move down"))
    for label, offset in ((_("Move right"), offset_x), (_("Move down"), offset_y)):
        if abs(offset) > MAX_OFFSET_MM:
            errors.append(_("%(field)s must be between −30 and 30 mm.") % {"field": label})
    cleaned = {}
    if not isinstance(positions, dict):
        raise ValidationError(_("The positions are a list of fields with their place in millimetres."))
    for name, value in positions.items():
        if name not in FIELD_NAMES:
            errors.append(_("“%(field)s” is not a field of the certificate.") % {"field": name})
            continue
        if not isinstance(value, list | tuple) or len(value) != 2:
            errors.append(_("%(field)s: give two numbers, across and down (mm).") % {"field": field_label(name)})
            continue
        x, y = (_number(part, field_label(name)) for part in value)
        cleaned[name] = [float(x), float(y)]
    merged = {**default_positions(paper), **cleaned}
    if not errors:
        for name, (x, y) in merged.items():
            moved_x, moved_y = Decimal(str(x)) + offset_x, Decimal(str(y)) + offset_y
            if not (0 <= x <= width and 0 <= y <= height and 0 <= moved_x <= width and 0 <= moved_y <= height):
                errors.append(
                    _("%(field)s falls outside the %(paper)s page (%(width)s × %(height)s mm).")
                    % {"field": field_label(name), "paper": paper, "width": width, "height": height}
                )
    if errors:
        raise ValidationError(errors)
    return paper, offset_x, offset_y, cleaned


@transaction.atomic
def certificate_layout_save(
    *, province: Unit, kind: str, actor, paper: str, offset_x_mm, offset_y_mm, positions: dict | None = None
) -> CertificateLayout:
    """Save the province's layout for a kind of certificate. Without ``positions`` the saved ones are kept, scaled
    to the new paper when it changes."""
    if kind not in CertificateKind.values:
        raise ValidationError(_("Unknown kind of certificate."))
    layout = CertificateLayout.objects.select_for_update().filter(province=province, kind=kind).first()
    created = layout is None
    if created:
        layout = CertificateLayout(province=province, kind=kind)
    if positions is None:
        positions = dict(layout.positions or {})
        if not created and layout.paper != paper and paper in PAPER_MM:
            scale = PAPER_MM[paper][0] / PAPER_MM[layout.paper][0]
            positions = {name: [round(x * scale, 1), round(y * scale, 1)] for name, (x, y) in positions.items()}
    paper, offset_x, offset_y, positions = certificate_layout_check(
        paper=paper, offset_x_mm=offset_x_mm, offset_y_mm=offset_y_mm, positions=positions
    )
    before = {
        "paper": layout.paper,
        "offset_x_mm": str(layout.offset_x_mm),
        "offset_y_mm": str(layout.offset_y_mm),
        "positions": layout.positions or {},
    }
    layout.paper, layout.offset_x_mm, layout.offset_y_mm, layout.positions = paper, offset_x, offset_y, positions
    layout.save()
    after = {"paper": paper, "offset_x_mm": str(offset_x), "offset_y_mm": str(offset_y), "positions": positions}
    changes = {
        name: {"old": None if created else before[name], "new": after[name]}
        for name in after
        if created or before[name] != after[name]
    }
    audit_log(
        actor=actor,
        action="certificate_layout.save",
        target=layout,
        unit=province,
        data={"kind": kind, "changes": changes},
    )
    return layout
