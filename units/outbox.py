"""The outbox: every e-mail is recorded first, then claimed by exactly one worker and sent once.

After Healthchecks' ``sendalerts``: a worker claims a row with a conditional UPDATE and sends only if it changed
exactly one row, so a job run twice, a retried task or two workers at once never send twice. A message whose
sender died mid-send is not sent again automatically (it may have gone out); it is marked failed for a person
to check. A message about a moment ("còn 1 ngày") carries ``expires_at``: once that has passed it is cancelled,
with the reason in ``last_error`` and a log line, when it is claimed for sending and by the flush: never late.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from units.enums import OutboxState
from units.models import OutboxMessage, Unit
from units.services import audit_log
from units.workflow import transition_where

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claim older than this without a result means the sender died.
STALE_CLAIM = datetime.timedelta(minutes=30)
# The states a claimed message can be in while its sender works: its own claim, or "failed" when the flush gave the
# claim up as stale; the sender's result is recorded either way, as before.
CLAIM_HELD = (OutboxState.SENDING, OutboxState.FAILED)


def render_email(template: str, context: dict, language: str = "vi") -> tuple[str, str, str]:
    """Subject, text and HTML from ``templates/emails/<template>_subject.txt``, ``_body.txt`` and ``_body.html``."""
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    return " ".join(subject.split()), text, html


def outbox_record(
    *,
    key: str,
    recipients: list[str],
    template: str,
    context: dict,
    unit: Unit | None = None,
    enqueue: bool = True,
    expires_at: datetime.datetime | None = None,
) -> tuple[OutboxMessage, bool]:
    """Record a message once per key. Returns (message, created). Enqueues sending after the commit unless told
    not to (a command that sends synchronously). A message with ``expires_at`` is not sent after that moment."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing:
        return existing, False
    subject, text, html = render_email(template, context)
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(
            key=key,
            defaults={
                "unit": unit,
                "recipients": sorted(set(recipients)),
                "subject": subject,
                "body_text": text,
                "body_html": html,
                "expires_at": expires_at,
            },
        )
    if created and enqueue:
        transaction.on_commit(lambda: enqueue_send(message.pk))
    return message, created


def enqueue_send(message_id: int) -> None:
    """Hand the message to a worker. If the broker is down the row stays pending; ``outbox_flush`` retries."""
    from units.tasks import send_outbox_message  # here: units.tasks imports this module

    try:
        send_outbox_message.delay(message_id=message_id)
    except Exception:  # noqa: BLE001 - the broker being away must not fail the user's request
        logger.warning("Could not enqueue outbox message %s; it stays pending", message_id, exc_info=True)


def _expired_reason(expires_at: datetime.datetime) -> str:
    """Why an expired message was not sent, in the installation's language (it is shown as it is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        local = timezone.localtime(expires_at, timezone.get_default_timezone())
        return gettext(
            "Not sent: this message was of use only until %(time)s on %(date)s, and that moment had passed."
        ) % {"time": local.strftime("%H:%M"), "date": local.strftime("%d/%m/%Y")}


def _cancel_expired(queryset, *, now: datetime.datetime) -> int:
    """Cancel the pending messages of ``queryset`` whose moment has passed, each with its reason and a log line.
    Conditional updates, so a message another worker claimed meanwhile is left to that worker."""
    expired = list(
        queryset.filter(state=OutboxState.PENDING, expires_at__lt=now)
        .values_list("pk", "key", "expires_at")
        .order_by("pk")
    )
    cancelled = 0
    for message_id, key, expires_at in expired:
        if transition_where(
            OutboxMessage.objects.filter(pk=message_id),
            [OutboxState.PENDING],
            OutboxState.CANCELLED,
            last_error=_expired_reason(expires_at),
        ):
            cancelled += 1
            logger.warning(
                "Outbox message %s (%s) was of use only until %s; cancelled, not sent",
                message_id,
                key,
                timezone.localtime(expires_at, timezone.get_default_timezone()).isoformat(timespec="seconds"),
            )
    return cancelled


def outbox_claim(message_id: int) -> bool:
    """Move one pending message to "sending". True only for the single caller that changed the row.
    A message whose ``expires_at`` has passed is not claimed but cancelled (the send task then sends nothing)."""
    now = timezone.now()
    claimed = transition_where(
        OutboxMessage.objects.filter(pk=message_id).filter(Q(expires_at__isnull=True) | Q(expires_at__gte=now)),
        [OutboxState.PENDING],
        OutboxState.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
    )
    if claimed == 1:
        return True
    _cancel_expired(OutboxMessage.objects.filter(pk=message_id), now=now)
    return False


def outbox_send(message_id: int) -> bool:
    """Claim and send one message. True if this call sent it; raises if sending failed (the row is pending again,
    or failed after ``MAX_ATTEMPTS``)."""
    if not outbox_claim(message_id):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    # This call holds the claim; the flush may meanwhile have given it up as stale (then it is "failed").
    claimed = OutboxMessage.objects.filter(pk=message_id)
    if not message.recipients:
        transition_where(claimed, CLAIM_HELD, OutboxState.FAILED, last_error="No recipient has an e-mail address.")
        return False
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.recipients,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:
        final = message.attempts >= MAX_ATTEMPTS
        transition_where(
            claimed,
            CLAIM_HELD,
            OutboxState.FAILED if final else OutboxState.PENDING,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    transition_where(claimed, CLAIM_HELD, OutboxState.SENT, sent_at=timezone.now(), last_error="")
    return True


def outbox_cancel(queryset) -> int:
    """Cancel messages that are still waiting (e.g. a reminder for a registration that has been submitted)."""
    return transition_where(queryset, [OutboxState.PENDING], OutboxState.CANCELLED)


def outbox_flush(*, older_than: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Re-enqueue pending messages the broker never delivered; cancel those whose moment has passed; mark stale
    claims as failed. Returns how many were re-enqueued."""
    now = timezone.now()
    transition_where(
        OutboxMessage.objects.filter(claimed_at__lt=now - STALE_CLAIM),
        [OutboxState.SENDING],
        OutboxState.FAILED,
        last_error="Interrupted while sending; check whether it arrived before resending.",
    )
    _cancel_expired(OutboxMessage.objects.all(), now=now)
    pending = list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING, created_at__lt=now - older_than)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gte=now))
        .values_list("pk", flat=True)
    )
    for message_id in pending:
        enqueue_send(message_id)
    return len(pending)


def outbox_resend(message: OutboxMessage, *, actor=None) -> None:
    """Put a failed message back in the queue (the secretariat's decision after checking)."""
    updated = transition_where(
        OutboxMessage.objects.filter(pk=message.pk), [OutboxState.FAILED], OutboxState.PENDING, attempts=0
    )
    if updated:
        audit_log(actor=actor, action="outbox.resend", target=message, unit=message.unit)
        transaction.on_commit(lambda: enqueue_send(message.pk))
