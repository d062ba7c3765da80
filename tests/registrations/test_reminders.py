import datetime
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registrations.models import Reminder
from registrations.reminders import reminders_due, reminders_record
from registrations.services import deadline_extension_grant, registration_save_draft, registration_submit
from tests import factories as f
from tests.factories import local_dt
from tests.registrations.helpers import full_lines
from units.enums import OutboxState
from units.models import OutboxMessage
from units.outbox import outbox_flush, outbox_send


def day(d: int, month: int = 1) -> datetime.date:
    return datetime.date(2018, month, d)


@pytest.fixture
def setting_offsets(settings):
    settings.REGISTRATION_REMINDER_OFFSETS = [7, 3, 1, 0]


@pytest.mark.parametrize(
    ("on", "expected"),
    [(day(9), []), (day(10), [7]), (day(12), []), (day(14), [3]), (day(16), [1]), (day(17), [0]), (day(18), [-1])],
)
def test_reminders_fall_on_each_offset(setting_offsets, unit, plan, on, expected):
    assert [d.days_before for d in reminders_due(on) if d.unit == unit] == expected


def test_offsets_are_a_setting(settings, unit, plan):
    settings.REGISTRATION_REMINDER_OFFSETS = [5]
    assert [d.days_before for d in reminders_due(day(12)) if d.unit == unit] == [5]
    assert [d.days_before for d in reminders_due(day(10)) if d.unit == unit] == []


def test_submitted_units_are_not_reminded(setting_offsets, unit, other_unit, staff, plan, officer):
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 9)
    )
    due_units = {d.unit for d in reminders_due(day(10))}
    assert unit not in due_units and other_unit in due_units


def test_a_draft_unit_is_still_reminded(setting_offsets, unit, plan, officer):
    registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=[], now=local_dt(2018, 1, 9))
    assert unit in {d.unit for d in reminders_due(day(10))}


def test_the_job_run_twice_sends_one_mail_per_reminder(
    setting_offsets, django_capture_on_commit_callbacks, unit, plan, officer
):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_record(day(14))
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_record(day(14))
    mine = [r for r in first if r.unit == unit]
    assert len(mine) == 1 and second == []
    sent_to_officer = [m for m in mail.outbox if officer.email in m.to]
    assert len(sent_to_officer) == 1
    message = sent_to_officer[0]
    assert "23 giờ 59 ngày 17/01/2018" in message.subject
    assert "Còn 3 ngày" in message.body
    assert f"/plans/{plan.pk}/units/{unit.pk}/registration/" in message.body
    assert message.alternatives and "Mở trang đăng ký" in message.alternatives[0][0]
    assert OutboxMessage.objects.get(reminder=mine[0]).state == OutboxState.SENT


def test_the_overdue_reminder_goes_to_the_secretariat_too(
    setting_offsets, django_capture_on_commit_callbacks, unit, plan, officer, secretariat
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_record(day(18))
    message = next(m for m in mail.outbox if officer.email in m.to)
    assert secretariat.email in message.to
    assert "Quá hạn" in message.subject
    assert "không được xét" in message.body


def test_overdue_reminder_is_sent_once_even_if_the_job_missed_a_day(setting_offsets, unit, plan, officer):
    reminders_record(day(20))
    reminders_record(day(21))
    overdue = Reminder.objects.filter(unit=unit, days_before=Reminder.OVERDUE)
    assert [(r.due_date, r.deadline) for r in overdue] == [(day(18), day(17))]


def test_extension_moves_the_reminders(setting_offsets, unit, plan, officer, secretariat):
    reminders_record(day(16))
    deadline_extension_grant(unit=unit, year_plan=plan, new_deadline=day(24), reason="Gia hạn", actor=secretariat)
    assert [d.days_before for d in reminders_due(day(17)) if d.unit == unit] == [7]
    assert [d.days_before for d in reminders_due(day(18)) if d.unit == unit] == []
    assert [d.days_before for d in reminders_due(day(25)) if d.unit == unit] == [-1]


def test_extension_and_submission_cancel_reminders_still_waiting(
    setting_offsets, unit, staff, plan, officer, secretariat
):
    reminders_record(day(10))
    message = Reminder.objects.get(unit=unit).message
    assert message.state == OutboxState.PENDING
    deadline_extension_grant(unit=unit, year_plan=plan, new_deadline=day(24), reason="Gia hạn", actor=secretariat)
    message.refresh_from_db()
    assert message.state == OutboxState.CANCELLED
    reminders_record(day(17))
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 17)
    )
    assert Reminder.objects.get(unit=unit, due_date=day(17)).message.state == OutboxState.CANCELLED
    assert outbox_send(message.pk) is False
    assert mail.outbox == []


def test_a_failed_send_is_kept_retried_and_shown(setting_offsets, settings, unit, plan, officer):
    settings.EMAIL_BACKEND = "tests.backends.FailingBackend"
    reminders_record(day(10))
    message = Reminder.objects.get(unit=unit).message
    with pytest.raises(ConnectionRefusedError):
        outbox_send(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.PENDING, 1)
    assert "SMTP server unreachable" in message.last_error
    for _ in range(4):
        with pytest.raises(ConnectionRefusedError):
            outbox_send(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.FAILED, 5)


def test_flush_marks_a_stale_claim_failed_rather_than_sending_twice(setting_offsets, unit, plan, officer):
    reminders_record(day(10))
    message = Reminder.objects.get(unit=unit).message
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=OutboxState.SENDING, claimed_at=local_dt(2018, 1, 10, 8, 0)
    )
    outbox_flush()
    message.refresh_from_db()
    assert message.state == OutboxState.FAILED
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_recording_at_once_send_one_mail(settings, province):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL; CI runs this on PostgreSQL")
    settings.REGISTRATION_REMINDER_OFFSETS = [7, 3, 1, 0]
    unit = f.make_unit(province)
    f.make_officer(unit)
    f.make_plan(province)
    barrier = threading.Barrier(2)

    def worker():
        from django.db import connections

        try:
            barrier.wait()
            for reminder in reminders_record(day(10), enqueue=False):
                outbox_send(reminder.message_id)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Reminder.objects.filter(unit=unit).count() == 1
    assert len(mail.outbox) == 1  # the province's own reminder has no recipient and is not sent


def test_command_sends_for_a_given_day_and_prints_it(setting_offsets, capsys, unit, plan, officer):
    call_command("send_deadline_reminders", "--date", "2018-01-16")
    out = capsys.readouterr().out
    assert f"sent: {unit.name}" in out and officer.email in out
    # The provincial procuracy itself has no officer with an e-mail: its reminder fails, visibly.
    assert f"not sent (Gửi lỗi): {unit.province.name}" in out
    assert len(mail.outbox) == 1
    call_command("send_deadline_reminders", "--date", "2018-01-16")
    assert "already recorded" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_command_dry_run_records_nothing(setting_offsets, capsys, unit, plan):
    call_command("send_deadline_reminders", "--date", "2018-01-17", "--dry-run")
    assert f"due: {unit.name}" in capsys.readouterr().out
    assert not Reminder.objects.exists()


def test_secretariat_sees_which_reminders_went_out(client, setting_offsets, secretariat, unit, plan, officer):
    with_outbox = reminders_record(day(10), enqueue=False)
    outbox_send(with_outbox[0].message_id)
    client.force_login(secretariat)
    response = client.get(reverse("registrations:reminders", kwargs={"plan": plan.pk}))
    html = response.content.decode()
    assert "7 ngày trước hạn" in html and "Đã gửi" in html and "10/01/2018" in html


def test_reminder_page_queries_do_not_grow(client, setting_offsets, secretariat, province, plan):
    counts = []
    for n, on in ((1, day(10)), (8, day(14))):
        for _ in range(n):
            f.make_officer(f.make_unit(province))
        reminders_record(on, enqueue=False)
        client.force_login(secretariat)
        cache.clear()  # measure the uncached page
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("registrations:reminders", kwargs={"plan": plan.pk}))
        counts.append(len(context))
    assert counts[0] == counts[1]


def test_secretariat_resends_a_failed_reminder(client, setting_offsets, secretariat, unit, plan, officer):
    reminders_record(day(10), enqueue=False)
    message = Reminder.objects.get(unit=unit).message
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.FAILED, last_error="timeout")
    client.force_login(secretariat)
    client.post(reverse("units:outbox_resend", kwargs={"pk": message.pk}))
    message.refresh_from_db()
    assert message.state in (OutboxState.PENDING, OutboxState.SENT)
