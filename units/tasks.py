import logging
import socket

from celery import shared_task
from celery.signals import beat_embedded_init, beat_init, before_task_publish
from django.db import DatabaseError, close_old_connections

from units.models import OutboxMessage
from units.outbox import MAX_ATTEMPTS, outbox_flush, outbox_send
from units.services import heartbeat_record

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


HEARTBEAT_TASK = "units.heartbeat"
_in_beat = False  # set in the beat process only, by beat_init


@shared_task(name=HEARTBEAT_TASK, bind=True, ignore_result=True)
def heartbeat(self):
    """Periodic (every minute): a worker records that it is alive, for the health page (``units.health``).

    Beat and the workers are told apart by who writes which row, not by the message:
    - ``beat`` is written by the beat process itself at the moment it publishes this task (the
      ``before_task_publish`` receiver below, which acts only in a process where ``beat_init`` fired, so a
      ``heartbeat.delay()`` from a shell does not pass for beat). It is fresh while beat ticks, whatever the workers
      do. A beat entry's arguments are fixed, so the send time cannot travel as an argument; a header would,
      but would then only be recorded once a worker ran the task, and a beat with no worker would look dead.
    - ``worker`` is written here, by whichever worker runs the task (any one of them: a single row).
    Both fresh: beat ticks and a worker takes tasks. Beat fresh, worker stale: no worker is running, or all have
    been busy for minutes. Both stale: beat is down (workers get no heartbeat to run). The beat entry lets the
    message expire after HEALTH_HEARTBEAT_MAX_AGE, so a worker back after an outage does not run a backlog.
    """
    heartbeat_record(name="worker", detail=self.request.hostname or "")


@beat_init.connect
@beat_embedded_init.connect
def _mark_beat_process(sender=None, **kwargs):
    global _in_beat
    _in_beat = True


@before_task_publish.connect(sender=HEARTBEAT_TASK)
def _record_beat_heartbeat(sender=None, **kwargs):
    """In the beat process, as it sends ``units.heartbeat``: record the "beat" heartbeat (see ``heartbeat``)."""
    if not _in_beat:
        return
    # Beat is one long-lived process with no request cycle: drop a connection the database has closed or that is
    # past CONN_MAX_AGE, as the Celery worker does around each task. A failure must not stop beat sending.
    close_old_connections()
    try:
        heartbeat_record(name="beat", detail=socket.gethostname())
    except DatabaseError as error:
        logger.warning("Could not record the beat heartbeat: %s", error)
    finally:
        close_old_connections()


@shared_task(name="units.clear_expired_sessions")
def clear_expired_sessions():
    """Remove the sessions that have expired (they are rows in the database, not entries that Redis forgets)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    removed, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    logger.info("Removed %s expired sessions", removed)
    return removed
