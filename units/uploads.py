"""Checking uploaded files by their content, not their name.

Accepted: PDF, DOCX, XLSX, JPG, PNG, at most ``settings.UPLOAD_MAX_BYTES`` (20 MB by default). A Word file renamed
to .pdf, an executable renamed to .png, an empty file: all refused with a Vietnamese message.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# type → (extensions, MIME type)
ALLOWED_TYPES = {
    "pdf": ({".pdf"}, "application/pdf"),
    "docx": ({".docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({".xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": ({".jpg", ".jpeg"}, "image/jpeg"),
    "png": ({".png"}, "image/png"),
}
ACCEPT_ATTRIBUTE = ",".join(sorted(ext for exts, _mime in ALLOWED_TYPES.values() for ext in exts))


def sniff_type(upload) -> str | None:
    """The file's real type from its first bytes (and, for Office files, the parts inside the ZIP)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if any(name.startswith("word/") for name in names):
                return "docx"
            if any(name.startswith("xl/") for name in names):
                return "xlsx"
    return None


def validate_upload(upload) -> tuple[str, str]:
    """Raise ValidationError unless the upload is an accepted type whose content matches its name.
    Returns (type, MIME type)."""
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            }
        )
    extension = PurePath(upload.name).suffix.lower()
    detected = sniff_type(upload)
    if detected is None:
        raise ValidationError(
            _("The file “%(name)s” is not a PDF, Word (.docx), Excel (.xlsx), JPG or PNG file.") % {"name": upload.name}
        )
    extensions, mime = ALLOWED_TYPES[detected]
    if extension not in extensions:
        raise ValidationError(
            _("The file “%(name)s” is named %(extension)s but its content is %(type)s; rename or convert it.")
            % {"name": upload.name, "extension": extension or _("without extension"), "type": detected.upper()}
        )
    return detected, mime
