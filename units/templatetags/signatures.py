"""``{% load signatures %}{% signature_check attachment %}``: the check of a signed PDF beside the file
(units/signatures.py), from what ``attachments_add`` stored in ``Attachment.verification``."""

from django import template
from django.utils import timezone

from units.signatures import PdfVerification

register = template.Library()


def moment_text(moment) -> str:
    """ "09:12 01/12/2026" in the project's time zone."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else ""


@register.inclusion_tag("includes/signature_check.html")
def signature_check(attachment):
    check = PdfVerification.from_json(getattr(attachment, "verification", None))
    return {"check": check, "signed_at": moment_text(check.signed_at) if check else ""}
