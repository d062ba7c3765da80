"""Attaching files to records and reading them back under the owner's access rule."""

import hashlib

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from units.models import Attachment
from units.services import audit_log
from units.signatures import verify_pdf
from units.uploads import ACCEPT_ATTRIBUTE, validate_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files, each checked by content (type, size, not empty)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("help_text", _("PDF, Word (.docx), Excel (.xlsx), JPG or PNG; at most 20 MB each."))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        errors = []
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


def attachments_add(*, owner, files, actor, unit=None) -> list[Attachment]:
    """Store uploaded files for ``owner``; each is validated again here, whatever the caller checked."""
    created = []
    with transaction.atomic():
        for upload in files:
            _kind, mime = validate_upload(upload)
            digest = hashlib.sha256()
            pdf = [] if mime == "application/pdf" else None
            for chunk in upload.chunks():
                digest.update(chunk)
                if pdf is not None:
                    pdf.append(chunk)
            upload.seek(0)
            # A PDF's signatures are checked once, on upload (signer, time, integrity, trust chain): the result is
            # shown beside the file (includes/attachments.html).
            verification = verify_pdf(b"".join(pdf)).as_json() if pdf is not None else {}
            attachment = Attachment(
                owner=owner,
                original_name=upload.name[:255],
                mime_type=mime,
                size=upload.size,
                sha256=digest.hexdigest(),
                uploaded_by=actor,
                verification=verification,
            )
            attachment.file.save(upload.name, upload, save=False)
            attachment.save()
            created.append(attachment)
            data = {"file": attachment.original_name}
            if verification.get("signed"):
                data["signature"] = {key: verification[key] for key in ("signer", "signed_at", "intact", "trusted")}
            audit_log(actor=actor, action="attachment.add", target=owner, unit=unit, data=data)
    return created


def attachment_delete(*, attachment: Attachment, actor, unit=None) -> None:
    owner = attachment.owner
    name = attachment.original_name
    with transaction.atomic():
        attachment.delete()
        audit_log(actor=actor, action="attachment.delete", target=owner, unit=unit, data={"file": name})
    attachment.file.delete(save=False)


def attachments_of(owner):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    ).select_related("uploaded_by")


def attachments_by_owner(model, owner_ids) -> dict[int, list[Attachment]]:
    """Attachments of many records of one model, in one query."""
    grouped: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(owner_ids)
    ):
        grouped.setdefault(attachment.object_id, []).append(attachment)
    return grouped


def attachment_visible(attachment: Attachment, user) -> bool:
    """A user may read an attachment if the owner's own access rule (``objects.for_user``) shows them the owner."""
    model = attachment.content_type.model_class()
    manager = getattr(model, "objects", None)
    if manager is None or not hasattr(manager, "for_user"):
        return False
    return manager.for_user(user).filter(pk=attachment.object_id).exists()
