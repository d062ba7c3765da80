"""The completed achievement report (báo cáo thành tích) uploaded back to its proposal line.

Stored as a ``units.Attachment`` of the line with ``purpose="achievement-report"`` (the dossier of a forwarding
submission takes it from there, ``awards.dossiers``); a new upload replaces the line's earlier report. Checked
before anything is stored:

- a .docx must open with python-docx and name the subject: the person's full name, or the unit's name for a
  collective (upper or lower case, in the body or its tables);
- a PDF must carry a digital signature that is intact (``units.signatures.verify_pdf``; a chain that does not reach
  a configured trust root is accepted and shown as such beside the file) and its text must name the subject;
- anything else (an image, a spreadsheet) is refused.

Who and when: the unit's officers while the line can still be changed by the unit (draft, returned); the
province's secretariat from its submission until the council has decided on it (submitted, accepted, approved),
because the secretariat assembles the dossier from the approved lines and receives the signed reports the units
send by hand; for a forwarded line, until its submission's dossier is sent (a report that came late still goes in).
Once decided, rejected, not approved or sent up, the line's dossier is closed.
"""

import io
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import DossierState, LineState
from awards.models import Dossier, ProposalLine
from awards.services.proposals import EDITABLE_STATES
from units.attachments import attachment_delete, attachments_add, attachments_of
from units.enums import Role
from units.models import Attachment
from units.services import audit_log
from units.signatures import verify_pdf
from units.uploads import validate_upload

PURPOSE = "achievement-report"
SECRETARIAT_STATES = {LineState.SUBMITTED, LineState.ACCEPTED, LineState.APPROVED}


def achievement_upload_allowed(user, line: ProposalLine) -> bool:
    """Whether ``user`` may upload the report of ``line`` now (the rule above)."""
    if not user.is_authenticated:
        return False
    unit = line.proposal.unit
    if user.is_admin:
        return line.state in EDITABLE_STATES | SECRETARIAT_STATES or _dossier_open(line)
    if user.role == Role.OFFICER:
        return user.unit_id == unit.pk and line.state in EDITABLE_STATES
    if user.role == Role.SECRETARIAT:
        return user.province_id == unit.province_id and (line.state in SECRETARIAT_STATES or _dossier_open(line))
    return False


def _dossier_open(line: ProposalLine) -> bool:
    """A forwarded line whose submission's dossier has not been sent: a report that came late can still go in."""
    if line.state != LineState.FORWARDED:
        return False
    return not Dossier.objects.filter(decision__lines=line, state=DossierState.SENT).exists()


def achievement_download_allowed(user, line: ProposalLine) -> bool:
    """The pre-filled form: the unit's officers and the province's secretariat, in any state."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    unit = line.proposal.unit
    if user.role == Role.OFFICER:
        return user.unit_id == unit.pk
    return user.role == Role.SECRETARIAT and user.province_id == unit.province_id


def achievement_report_of(line: ProposalLine) -> Attachment | None:
    """The line's current report (the latest upload), or None."""
    return attachments_of(line).filter(purpose=PURPOSE).order_by("-uploaded_at", "-pk").first()


def _normal(text: str) -> str:
    """NFC, case-folded, every run of white space one space: how names are compared."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a damaged package fails anywhere inside python-docx
        raise ValidationError(_("The Word file cannot be opened; save it again as .docx and upload it.")) from error
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # noqa: BLE001 - likewise inside pypdf
        raise ValidationError(_("The PDF file cannot be read.")) from error


def achievement_report_check(*, line: ProposalLine, upload) -> dict:
    """Refuse (ValidationError) a file that is not the subject's report; return the signature check to store
    (empty for a .docx)."""
    kind, _mime = validate_upload(upload)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    subject = line.subject_name
    verification: dict = {}
    if kind == "docx":
        text = _docx_text(data)
    elif kind == "pdf":
        check = verify_pdf(data)
        if not check.signed:
            raise ValidationError(
                _("The PDF file has no digital signature: upload the Word file, or the PDF signed digitally.")
            )
        if not check.intact:
            problems = " ".join(check.problems)
            raise ValidationError(
                _("The PDF file's signature is not valid: %(problems)s") % {"problems": problems or _("unknown")}
            )
        verification = check.as_json()
        text = _pdf_text(data)
    else:
        raise ValidationError(_("An achievement report must be a Word file (.docx) or a digitally signed PDF."))
    if _normal(subject) not in _normal(text):
        raise ValidationError(
            _("The file does not name “%(subject)s”: it is not this line's achievement report.") % {"subject": subject}
        )
    return verification


@transaction.atomic
def achievement_report_upload(*, line: ProposalLine, upload, actor) -> Attachment:
    """Check and store the completed report of ``line``, replacing the earlier one. Audited
    ``proposal_line.achievement_report``."""
    # The line alone is locked (PostgreSQL refuses FOR UPDATE on the nullable side of the staff join).
    line = (
        ProposalLine.objects.select_for_update(of=("self",)).select_related("proposal__unit", "staff").get(pk=line.pk)
    )
    if not achievement_upload_allowed(actor, line):
        if actor.is_authenticated and actor.role == Role.OFFICER:
            raise ValidationError(
                _("The unit can upload the achievement report only while the line is a draft or returned.")
            )
        raise ValidationError(
            _("The achievement report can no longer be changed: the line is “%(state)s”.")
            % {"state": line.get_state_display()}
        )
    verification = achievement_report_check(line=line, upload=upload)
    earlier = list(attachments_of(line).filter(purpose=PURPOSE))
    unit = line.proposal.unit
    (attachment,) = attachments_add(owner=line, files=[upload], actor=actor, unit=unit)
    attachment.purpose = PURPOSE
    attachment.verification = attachment.verification or verification  # attachments_add checks PDFs too
    attachment.save(update_fields=["purpose", "verification"])
    audit_log(
        actor=actor,
        action="proposal_line.achievement_report",
        target=line,
        unit=unit,
        data={"file": attachment.original_name, "signed": bool(verification.get("signed"))},
    )
    for old in earlier:  # last: its file leaves the disk at once
        attachment_delete(attachment=old, actor=actor, unit=unit)
    return attachment
