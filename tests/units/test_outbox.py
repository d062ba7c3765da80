"""The outbox's expiry: a message about a moment is cancelled, not sent, once that moment has passed."""

import pytest
from django.core import mail

from tests.factories import local_dt
from units.enums import OutboxState
from units.models import OutboxMessage
from units.outbox import outbox_claim, outbox_flush, outbox_record, outbox_resend, outbox_send
from units.tasks import send_outbox_message

END_OF_16 = local_dt(2018, 1, 16, 23, 59, 59, 999999)
WHY = "Không gửi: thư này chỉ có ý nghĩa đến 23:59 ngày 16/01/2018 và thời điểm đó đã qua."


@pytest.fixture
def record(plan, unit):
    def _record(key, expires_at=None):
        message, created = outbox_record(
            key=key,
            recipients=["to@example.test"],
            template="deadline_reminder",
            context={"plan": plan, "unit": unit, "days_before": 1, "deadline_text": "", "url": ""},
            unit=unit,
            enqueue=False,
            expires_at=expires_at,
        )
        assert created
        return message

    return _record


def test_record_keeps_the_expiry(freeze, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    assert record("a", END_OF_16).expires_at == END_OF_16
    assert record("b").expires_at is None


def test_a_message_is_sent_up_to_its_expiry(freeze, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    message = record("a", END_OF_16)
    freeze(local_dt(2018, 1, 16, 23, 59, 59))
    assert outbox_send(message.pk) is True
    message.refresh_from_db()
    assert (message.state, message.last_error) == (OutboxState.SENT, "")
    assert len(mail.outbox) == 1


def test_an_expired_message_is_cancelled_at_the_claim_with_the_reason_and_a_log_line(freeze, caplog, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    message = record("a", END_OF_16)
    freeze(local_dt(2018, 1, 17, 0, 0))
    assert outbox_claim(message.pk) is False
    message.refresh_from_db()
    assert (message.state, message.attempts, message.claimed_at, message.last_error) == (
        OutboxState.CANCELLED,
        0,
        None,
        WHY,
    )
    assert f"Outbox message {message.pk} (a) was of use only until 2018-01-16T23:59:59+07:00" in caplog.text
    assert outbox_send(message.pk) is False
    assert mail.outbox == []


def test_a_message_without_expiry_is_sent_however_late(freeze, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    message = record("a")
    freeze(local_dt(2019, 6, 1, 8, 0))
    assert outbox_send(message.pk) is True


def test_the_flush_cancels_expired_messages_and_hands_on_the_others(freeze, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    expired = record("expired", END_OF_16)
    later = record("later", local_dt(2018, 1, 20, 23, 59, 59))
    forever = record("forever")
    freeze(local_dt(2018, 1, 17, 8, 0))
    assert outbox_flush() == 2
    states = dict(OutboxMessage.objects.values_list("key", "state"))
    assert states == {"expired": OutboxState.CANCELLED, "later": OutboxState.SENT, "forever": OutboxState.SENT}
    expired.refresh_from_db()
    assert expired.last_error == WHY
    assert sorted(m.subject for m in mail.outbox) == sorted([later.subject, forever.subject])


def test_the_send_task_delivered_after_the_expiry_sends_nothing(freeze, record):
    freeze(local_dt(2018, 1, 16, 8, 0))
    message = record("a", END_OF_16)
    freeze(local_dt(2018, 1, 18, 8, 0))
    send_outbox_message.delay(message_id=message.pk)
    send_outbox_message.delay(message_id=message.pk)
    message.refresh_from_db()
    assert message.state == OutboxState.CANCELLED
    assert mail.outbox == []


def test_a_failed_message_resent_after_its_expiry_is_cancelled(
    freeze, django_capture_on_commit_callbacks, secretariat, record
):
    freeze(local_dt(2018, 1, 16, 8, 0))
    message = record("a", END_OF_16)
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.FAILED, last_error="timeout")
    freeze(local_dt(2018, 1, 17, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        outbox_resend(message, actor=secretariat)
    message.refresh_from_db()
    assert (message.state, message.last_error) == (OutboxState.CANCELLED, WHY)
    assert mail.outbox == []


def test_a_message_being_sent_is_left_to_its_sender(freeze, record):
    freeze(local_dt(2018, 1, 16, 23, 59))
    message = record("a", END_OF_16)
    assert outbox_claim(message.pk) is True
    freeze(local_dt(2018, 1, 17, 0, 1))  # it expired while the sender held it: only a stale claim is touched
    outbox_flush()
    message.refresh_from_db()
    assert message.state == OutboxState.SENDING
