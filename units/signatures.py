"""The check of a signed PDF (chữ ký số): who signed, when, whether the file is intact and the chain trusted.

``verify_pdf(data)`` reads every signature embedded in a PDF with pyHanko and answers one ``PdfVerification``:
signed or not, every signature intact (the signed bytes unchanged and nothing but allowed changes after it),
every signer's chain reaching a trust root of ``settings.SIGNING_TRUST_ROOTS`` (PEM or DER CA certificates), the
signer and the signing time. Nothing is fetched from the network (no OCSP, CRL or AIA): an installation inside the
sector's network cannot reach them, and the answer must not depend on it. A damaged or tampered file is reported
in ``problems`` (Vietnamese), never raised. ``as_json()`` is what ``Attachment.verification`` stores.

It sits in ``units`` so every app can check an upload; the signing of the province's own documents is
``reports/signing.py``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfVerification:
    signed: bool
    intact: bool = False
    trusted: bool = False
    signer: str = ""
    signed_at: datetime | None = None
    problems: list[str] = field(default_factory=list)
    count: int = 0

    def as_json(self) -> dict:
        if not self.signed:
            return {"signed": False, "problems": list(self.problems)} if self.problems else {"signed": False}
        return {
            "signed": True,
            "intact": self.intact,
            "trusted": self.trusted,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "problems": list(self.problems),
            "count": self.count,
            "checked_at": timezone.now().isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict | None) -> PdfVerification | None:
        """The stored check back (None when nothing was checked: not a PDF, or uploaded before checks existed)."""
        if not data:
            return None
        signed_at = parse_datetime(data["signed_at"]) if data.get("signed_at") else None
        return cls(
            signed=bool(data.get("signed")),
            intact=bool(data.get("intact")),
            trusted=bool(data.get("trusted")),
            signer=data.get("signer") or "",
            signed_at=signed_at,
            problems=list(data.get("problems") or []),
            count=int(data.get("count") or 0),
        )


def _split_paths(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if str(item).strip()]
    return [part.strip() for part in str(value).replace(",", ":").split(":") if part.strip()]


def load_certificates(paths) -> list:
    """The CA certificates in the files named (PEM, possibly several in one file, or DER); unreadable ones logged."""
    from asn1crypto import pem, x509

    certificates = []
    for name in _split_paths(paths):
        try:
            raw = Path(name).read_bytes()
        except OSError as error:
            logger.warning("signing trust root %s cannot be read: %s", name, error)
            continue
        try:
            if pem.detect(raw):
                certificates.extend(
                    x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(raw, multiple=True)
                )
            else:
                certificates.append(x509.Certificate.load(raw))
        except (ValueError, TypeError) as error:
            logger.warning("signing trust root %s is not a certificate: %s", name, error)
    return certificates


def certificate_name(certificate) -> str:
    """The signer as people say it: the subject's common name, else the whole subject."""
    subject = certificate.subject.native
    return subject.get("common_name") or certificate.subject.human_friendly


def certificate_fingerprint(certificate) -> str:
    """SHA-256 of the certificate's DER, upper-case hex in pairs ("AB:CD:…") as certificate viewers show it."""
    digest = hashlib.sha256(certificate.dump()).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _validation_context(roots):
    from pyhanko_certvalidator import ValidationContext

    # trust_roots=[] is "no root at all" (None would mean the operating system's); nothing fetched.
    return ValidationContext(trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail")


def _check_one(embedded, roots):
    """(intact, trusted, signer, signed_at, problems) of one embedded signature."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    problems: list[str] = []
    try:
        status = validate_pdf_signature(
            embedded,
            signer_validation_context=_validation_context(roots),
            key_usage_settings=KeyUsageConstraints(
                key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
            ),
        )
    except Exception as error:  # a damaged signature or file: reported, never raised
        logger.info("signature cannot be validated: %r", error)
        signer = ""
        try:
            signer = certificate_name(embedded.signer_cert)
        except Exception:  # noqa: BLE001 - the certificate itself may be what is damaged
            signer = ""
        return False, False, signer, None, [_("The signature cannot be read: the file was changed after signing.")]

    signer = certificate_name(status.signing_cert)
    signed_at = None
    if status.timestamp_validity is not None:
        signed_at = status.timestamp_validity.timestamp
    elif status.signer_reported_dt is not None:
        signed_at = status.signer_reported_dt
    intact = bool(status.intact and status.valid and (status.docmdp_ok or status.modification_level is None))
    if not (status.intact and status.valid):
        problems.append(_("The file was changed after signing."))
    elif not intact:
        problems.append(_("The file was changed after signing in a way the signature does not allow."))
    trusted = bool(intact and status.trusted)
    if intact and not trusted:
        if not roots:
            problems.append(_("Trust chain not determined: no trust root is configured."))
        else:
            problems.append(_("The signer's certificate does not chain to a configured trust root."))
    return intact, trusted, signer, signed_at, problems


def off_event_loop(function, *args, **kwargs):
    """Call ``function`` here, or in a thread of its own when this thread runs an event loop: pyHanko's synchronous
    calls start one (asyncio.run), which a running loop forbids (an async view, a Playwright test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def verify_pdf(data: bytes, trust_roots=None) -> PdfVerification:
    """Check every signature of a PDF. ``trust_roots``: certificates or paths; default the settings' roots."""
    return off_event_loop(_verify, data, trust_roots)


def _verify(data: bytes, trust_roots) -> PdfVerification:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if trust_roots is None:
        trust_roots = getattr(settings, "SIGNING_TRUST_ROOTS", [])
    trust_roots = list(trust_roots or [])
    paths = [root for root in trust_roots if isinstance(root, str | os.PathLike)]
    certificates = [root for root in trust_roots if not isinstance(root, str | os.PathLike)]
    roots = certificates + load_certificates([str(path) for path in paths])
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as error:  # an unreadable file: say so if it looked signed
        logger.info("PDF cannot be read for signatures: %r", error)
        if b"/ByteRange" in data:
            return PdfVerification(
                signed=True, problems=[_("The signature cannot be read: the file was changed after signing.")], count=1
            )
        return PdfVerification(signed=False)
    if not signatures:
        return PdfVerification(signed=False)

    results = [_check_one(embedded, roots) for embedded in signatures]
    problems: list[str] = []
    for _intact, _trusted, _signer, _at, found in results:
        for problem in found:
            if problem not in problems:
                problems.append(problem)
    signers = []
    for result in results:
        if result[2] and result[2] not in signers:
            signers.append(result[2])
    times = [result[3] for result in results if result[3] is not None]
    return PdfVerification(
        signed=True,
        intact=all(result[0] for result in results),
        trusted=all(result[1] for result in results),
        signer=", ".join(signers),
        signed_at=max(times) if times else None,
        problems=problems,
        count=len(results),
    )
