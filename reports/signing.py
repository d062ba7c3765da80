"""Signing the province's documents (ký số): a PAdES signature with the issuing body's certificate.

The certificate and its key are a PKCS#12 file and its password named by the environment
(``SIGNING_PKCS12_PATH``, ``SIGNING_PKCS12_PASSWORD``; docs/signing.md), never kept in the repository. When they are
set, the report jobs sign the decisions, forwarding submissions and council minutes as they finish
(``reports.services._finish``): the signed file is the one stored and downloaded, and its checksum the one
recorded. Unset, documents are issued unsigned as before.

The visible signature is a box over the signer's space of the signature block (found by the signer's name, else
the place of "Nơi nhận", else the foot of the last page) saying "Ký bởi: … / Thời gian ký: hh:mm dd/mm/yyyy" in the
shipped Liberation Serif, so the Vietnamese letters are drawn whatever the reader's fonts.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import CouncilMeeting, Decision
from reports.enums import ReportKind
from units.signatures import certificate_fingerprint, certificate_name, off_event_loop

logger = logging.getLogger(__name__)

# The documents that carry the issuing body's signature.
SIGNED_KINDS = frozenset({ReportKind.DECISION, ReportKind.FORWARDING, ReportKind.VOTE_MINUTES})
FIELD_NAME = "ChuKySo"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Regular.ttf"
BOX_WIDTH = 200  # points (about 70 mm), the width of the signature column
BOX_HEIGHT = 46


class SigningError(Exception):
    """The certificate cannot be used (missing file, wrong password): the job fails with this message."""


@dataclass(frozen=True)
class SignedDocument:
    pdf: bytes
    signer: str
    signed_at: datetime.datetime
    fingerprint: str

    def as_json(self) -> dict:
        return {"signer": self.signer, "signed_at": self.signed_at.isoformat(), "fingerprint": self.fingerprint}


def signing_configured() -> bool:
    return bool(getattr(settings, "SIGNING_PKCS12_PATH", ""))


def signs(kind: str) -> bool:
    """Whether a job of this kind is signed as it finishes."""
    return kind in SIGNED_KINDS and signing_configured()


def load_signer(path: str | None = None, password: str | None = None):
    """pyHanko's signer from the PKCS#12 file (its key, its certificate and the chain in the file)."""
    from pyhanko.sign import signers

    path = path if path is not None else settings.SIGNING_PKCS12_PATH
    password = password if password is not None else settings.SIGNING_PKCS12_PASSWORD
    if not path or not Path(path).is_file():
        raise SigningError(_("The certificate file (SIGNING_PKCS12_PATH) does not exist: %(path)s") % {"path": path})
    try:
        signer = signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=password.encode() if password else None)
    except (OSError, ValueError, TypeError) as error:
        logger.warning("the signing certificate %s cannot be opened: %r", path, error)
        signer = None
    if signer is None:  # pyHanko logs the reason (a wrong password, a damaged file) and answers None
        raise SigningError(_("The certificate file cannot be opened: wrong password or damaged file."))
    return signer


@functools.cache
def stamp_font() -> str:
    """The shipped Liberation Serif at 1000 units per em, in the temporary directory: pyHanko's glyph accumulator
    writes the font's own units as the PDF's widths, which the PDF reads as thousandths of an em, so a font of 2048
    units (Liberation's) would be drawn with every letter twice as far apart."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = FONT_FILE.read_bytes()
    target = Path(tempfile.gettempdir()) / f"thidua-stamp-{hashlib.sha256(source).hexdigest()[:16]}.ttf"
    if not target.exists():
        font = TTFont(FONT_FILE)
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        if "FFTM" in font:  # FontForge's timestamps, which the subsetter would warn it drops on every signature
            del font["FFTM"]
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        os.replace(partial, target)  # two workers converting at once each put a whole file in place
    return str(target)


def time_text(moment: datetime.datetime) -> str:
    """ "09:12 25/12/2018", in the project's time zone."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _text_runs(page):
    """(text, x, y) of each run of text drawn on a pypdf page, in the page's coordinates."""
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text, x, y))

    page.extract_text(visitor_text=visit)
    return runs


def signature_box(pdf: bytes, anchor: str = "") -> tuple[int, tuple[float, float, float, float]]:
    """Where the visible signature goes: (page index, (x1, y1, x2, y2)). Over the signer's name (in the right half
    of the page, the signature column of Decree 30's footer) when it is printed, else beside "Nơi nhận", else at
    the foot of the last page."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    wanted = _norm(anchor) if anchor else ""
    fallback = None
    for index, page in enumerate(reader.pages):
        width = float(page.mediabox.width)
        for text, x, y in _text_runs(page):
            said = _norm(text)
            if wanted and wanted in said and x > width / 2 - 20:
                centre = min(max(x + 40, width / 2 + BOX_WIDTH / 2), width - BOX_WIDTH / 2 - 20)
                return index, (centre - BOX_WIDTH / 2, y + 14, centre + BOX_WIDTH / 2, y + 14 + BOX_HEIGHT)
            if fallback is None and said.startswith("nơi nhận"):
                right = width - 40
                fallback = (index, (right - BOX_WIDTH, y - 70, right, y - 70 + BOX_HEIGHT))
    if fallback is not None:
        return fallback
    last = reader.pages[-1]
    right = float(last.mediabox.width) - 40
    return len(reader.pages) - 1, (right - BOX_WIDTH, 40, right, 40 + BOX_HEIGHT)


class _TimedSigner:
    """Builds pyHanko's PdfSigner whose signing session uses our moment (the box and the signature say the same
    minute, in the project's time zone)."""

    @staticmethod
    def make(meta, signer, style, field_spec, moment):
        from pyhanko.sign.signers import PdfSigner

        class Timed(PdfSigner):
            def init_signing_session(self, pdf_out, existing_fields_only=False):
                session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
                session.system_time = moment
                return session

        return Timed(meta, signer=signer, stamp_style=style, new_field_spec=field_spec)


def sign_pdf(pdf: bytes, *, anchor: str = "", reason: str = "", signer=None, moment=None) -> SignedDocument:
    """Sign ``pdf`` (PAdES baseline B, SHA-256) with the configured certificate, or ``signer`` (pyHanko's)."""
    return off_event_loop(_sign, pdf, anchor=anchor, reason=reason, signer=signer, moment=moment)


def _sign(pdf: bytes, *, anchor, reason, signer, moment) -> SignedDocument:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = signer or load_signer()
    moment = (moment or timezone.now()).astimezone(timezone.get_current_timezone()).replace(microsecond=0)
    name = certificate_name(signer.signing_cert)
    page, box = signature_box(pdf, anchor)
    style = TextStampStyle(
        stamp_text="Ký bởi: %(signer_vn)s\nThời gian ký: %(time_vn)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(stamp_font(), font_size=9), font_size=9, leading=12),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=None,
    )
    field_spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    out = BytesIO()
    _TimedSigner.make(meta, signer, style, field_spec, moment).sign_pdf(
        writer, output=out, appearance_text_params={"signer_vn": name, "time_vn": time_text(moment)}
    )
    return SignedDocument(
        pdf=out.getvalue(), signer=name, signed_at=moment, fingerprint=certificate_fingerprint(signer.signing_cert)
    )


def signature_anchor(job) -> str:
    """The name printed under the signature of the job's document: the decision's signer, the meeting's chair."""
    params = job.params or {}
    if job.kind in (ReportKind.DECISION, ReportKind.FORWARDING) and params.get("decision"):
        decision = Decision.objects.filter(pk=params["decision"]).select_related("year_plan").first()
        if decision is not None:
            return decision.signer_name or decision.year_plan.signer_name
    if job.kind == ReportKind.VOTE_MINUTES and params.get("meeting"):
        meeting = CouncilMeeting.objects.filter(pk=params["meeting"]).first()
        if meeting is not None:
            return meeting.chair
    return ""
