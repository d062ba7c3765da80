"""Notifications: the bell in the menu (one ``Notification`` row per user) and the e-mail that goes with it.

``notify`` records, in the caller's transaction, one row per user (its key is the event's key and the user) and,
unless told not to, one e-mail per user with an address through the outbox (recorded, claimed, sent once). Both are
keyed, so recording the same event twice changes nothing. Where an event already has its own e-mail (a line
returned, a decision, a reminder) the caller passes ``email=False`` and only the in-app row is added.

``units`` is the lowest layer: every app calls ``notify`` from its own services with the text and the page.
"""

import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import lazy

from units.enums import Role
from units.models import Notification, Unit, User
from units.outbox import outbox_record

PER_PAGE = 20


def _interpolate(message, params: dict) -> str:
    return str(message) % params


# A translated sentence with its values, rendered when ``notify`` renders it (in the installation's language).
lazy_text = lazy(_interpolate, str)


def unit_officers(unit: Unit) -> list[User]:
    """The active officers of a unit: who hears about the unit's registration, lines and decisions."""
    return list(User.objects.filter(unit=unit, role=Role.OFFICER, is_active=True))


def province_secretariat(province_id: int) -> list[User]:
    return list(User.objects.filter(province_id=province_id, role=Role.SECRETARIAT, is_active=True))


def notify(
    users,
    *,
    key: str,
    text,
    url: str,
    subject=None,
    template: str | None = None,
    context: dict | None = None,
    email: bool = True,
    unit: Unit | None = None,
) -> list[Notification]:
    """Record the notice for each user once (``<key>:user:<id>``) and, with ``email``, the e-mail for each user who
    has an address (``template`` with ``context``, else the plain ``notification`` e-mail of the text and the
    link). ``url`` is the page's path (``reverse``); the e-mail links to ``SITE_URL`` + it. Returns the rows this
    call recorded (none when it was recorded before)."""
    users = [user for user in users if user is not None]
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        text = str(text)[:500]
        subject = str(subject) if subject else text[:200]
    rows = {f"{key}:user:{user.pk}": user for user in users}
    with transaction.atomic():
        existing = set(Notification.objects.filter(key__in=list(rows)).values_list("key", flat=True))
        new_keys = [row_key for row_key in rows if row_key not in existing]
        # Conflicts ignored: a worker recording the same event at the same moment. Read back for the ids.
        Notification.objects.bulk_create(
            [Notification(user=rows[row_key], key=row_key, text=text, url=url) for row_key in new_keys],
            ignore_conflicts=True,
        )
        created = list(Notification.objects.filter(key__in=new_keys)) if new_keys else []
        if email:
            mail_context = {"text": text, "subject": subject, "url": f"{settings.SITE_URL}{url}"} | (context or {})
            for row_key, user in rows.items():
                if user.email and row_key not in existing:
                    outbox_record(
                        key=row_key,
                        recipients=[user.email],
                        template=template or "notification",
                        context=mail_context | {"user": user},
                        unit=unit,
                    )
    return created


def mark_read(user, ids=None, *, now: datetime.datetime | None = None) -> int:
    """Mark the user's notifications ``ids`` (``None``: all of them) read. Another user's ids change nothing.
    Returns how many were unread."""
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    changed = queryset.update(read_at=now or timezone.now())
    user.notifications_unread = None  # counted again when next asked
    return changed


# --- Selectors ---------------------------------------------------------------------------------------------------


def unread_count(user) -> int:
    """The number of the user's unread notifications, kept on the user object of the request. The signed-in user
    of a request already carries it (``units.backends.UserBackend`` counts it with the user's own query); any
    other user object costs one query, once."""
    if not user.is_authenticated:
        return 0
    count = getattr(user, "notifications_unread", None)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        user.notifications_unread = count
    return count


def notifications_for(user, *, page=1, per_page: int = PER_PAGE) -> Page:
    """The user's own notifications, newest first, one page of them (two queries: the count and the page)."""
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-id")
    return Paginator(queryset, per_page).get_page(page)
