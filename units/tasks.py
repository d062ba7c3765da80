import logging

from celery import shared_task

from units.models import OutboxMessage
from units.outbox import MAX_ATTEMPTS, outbox_flush, outbox_send

logger = logging.getLogger(__name__)


@shared_task(name="units.send_outbox_message", bind=True, max_retries=MAX_ATTEMPTS)
def send_outbox_message(self, *, message_id: int):
    """Send one recorded e-mail; on a transient failure retry with backoff (1, 2, 4, 8… minutes)."""
    if not OutboxMessage.objects.filter(pk=message_id).exists():
        logger.info("Outbox message %s is gone", message_id)
        return
    try:
        outbox_send(message_id)
    except Exception as error:
        if self.request.is_eager:
            logger.warning("Sending outbox message %s failed: %s", message_id, error)
            return
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error


@shared_task(name="units.flush_outbox")
def flush_outbox():
    """Periodic: hand pending messages to workers again (e.g. after the broker was down)."""
    return outbox_flush()
