"""The audit log's actions and what each says in a history: one place for every ``AuditEntry.action``.

An action is ``<subject>.<verb>`` ("registration.returned", "attachment.add"); the workflow writes
``<AUDIT_NAME>.<to_state>`` for every transition (``units.workflow``). Its label is the predicate of a sentence,
"trả lại bản đăng ký", read after who did it ("Thường trực Hội đồng (Trần Thị Bình) trả lại bản đăng ký lúc 09:12
ngày 15/01/2018: …", ``templates/includes/history.html``).

``units`` registers its own actions below; an app above registers its ``AUDIT_ACTIONS`` (in its ``enums.py``) from
its ``AppConfig.ready()``, the way ``units.import_kinds`` is filled. ``tests/units/test_audit_actions.py`` fails when
code writes an action that has no label here.
"""

from django.utils.translation import pgettext_lazy

_LABELS: dict[str, object] = {}


def register(labels: dict) -> None:
    """Add ``{action: lazily translated label}``; an action registered twice keeps its first label."""
    for action, label in labels.items():
        _LABELS.setdefault(str(action), label)


def labels() -> dict:
    return dict(_LABELS)


def has_label(action: str) -> bool:
    return str(action) in _LABELS


def action_label(action: str) -> str:
    """The action in words; an action nobody registered never shows its code (the test catches it first)."""
    label = _LABELS.get(str(action))
    return str(label) if label is not None else str(UNKNOWN)


UNKNOWN = pgettext_lazy("audit action", "made a change")

UNITS_ACTIONS = {
    "unit.create": pgettext_lazy("audit action", "created the unit"),
    "unit.update": pgettext_lazy("audit action", "changed the unit's details"),
    "staff.create": pgettext_lazy("audit action", "added the staff member to the roster"),
    "staff.update": pgettext_lazy("audit action", "changed the staff member's details"),
    "staff.move": pgettext_lazy("audit action", "moved the staff member to another unit"),
    "staff.leave": pgettext_lazy("audit action", "recorded that the staff member left"),
    "staff.return": pgettext_lazy("audit action", "recorded the staff member's return"),
    "user.create": pgettext_lazy("audit action", "created the user account"),
    "attachment.add": pgettext_lazy("audit action", "attached a file"),
    "attachment.delete": pgettext_lazy("audit action", "removed an attached file"),
    "outbox.resend": pgettext_lazy("audit action", "queued the e-mail again"),
    "outbox.pending": pgettext_lazy("audit action", "put the e-mail in the queue"),
    "outbox.sending": pgettext_lazy("audit action", "began sending the e-mail"),
    "outbox.sent": pgettext_lazy("audit action", "sent the e-mail"),
    "outbox.failed": pgettext_lazy("audit action", "recorded that the e-mail could not be sent"),
    "outbox.cancelled": pgettext_lazy("audit action", "cancelled the e-mail"),
    "import.check": pgettext_lazy("audit action", "uploaded the Excel file and checked it"),
    "import.apply": pgettext_lazy("audit action", "imported the Excel file"),
    "import.applied": pgettext_lazy("audit action", "imported the Excel file"),
    "article.create": pgettext_lazy("audit action", "recorded the news item or article"),
    "article.update": pgettext_lazy("audit action", "changed the news item or article"),
    "article.delete": pgettext_lazy("audit action", "deleted the news item or article"),
}

register(UNITS_ACTIONS)
