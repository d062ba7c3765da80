import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from registrations.models import Reminder
from registrations.reminders import reminders_due, reminders_record
from registrations.services import deadline_extension_grant, registration_save_draft, registration_submit
from tests import factories as f
from tests.factories import count_queries, full_lines, local_dt
from units.enums import OutboxState
from units.models import OutboxMessage
from units.outbox import outbox_flush, outbox_send
from units.tasks import send_outbox_message


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
    setting_offsets, django_capture_on_commit_callbacks, freeze, unit, plan, officer
):
    freeze(local_dt(2018, 1, 14, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_record(day(14))
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_record(day(14))
    mine = [r for r in first if r.unit == unit]
    assert len(mine) == 1 and second == []
    sent_to_officer = [m for m in mail.outbox if officer.email in m.to]
    assert len(sent_to_officer) == 1
    message = sent_to_officer[0]
    assert message.subject == "Còn 3 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"
    assert "Còn 3 ngày" in message.body and "23 giờ 59 ngày 17/01/2018" in message.body
    assert f"/plans/{plan.pk}/units/{unit.pk}/registration/" in message.body
    assert message.alternatives and "Mở trang đăng ký" in message.alternatives[0][0]
    assert OutboxMessage.objects.get(reminder=mine[0]).state == OutboxState.SENT


def test_the_overdue_reminder_goes_to_the_secretariat_too(
    setting_offsets, django_capture_on_commit_callbacks, freeze, unit, plan, officer, secretariat
):
    freeze(local_dt(2018, 1, 18, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_record(day(18))
    message = next(m for m in mail.outbox if officer.email in m.to)
    assert secretariat.email in message.to
    assert message.subject == (
        "Đã quá hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018): "
        "Viện kiểm sát nhân dân huyện Đông Hưng chưa gửi đăng ký"
    )
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


def test_a_failed_send_is_kept_retried_and_shown(setting_offsets, settings, freeze, unit, plan, officer):
    settings.EMAIL_BACKEND = "tests.backends.FailingBackend"
    freeze(local_dt(2018, 1, 10, 8, 0))
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
def test_two_workers_recording_at_once_send_one_mail(settings, freeze, province):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL; CI runs this on PostgreSQL")
    settings.REGISTRATION_REMINDER_OFFSETS = [7, 3, 1, 0]
    freeze(local_dt(2018, 1, 10, 8, 0))
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


def test_command_sends_for_a_given_day_and_prints_it(setting_offsets, capsys, freeze, unit, plan, officer):
    freeze(local_dt(2018, 1, 16, 8, 0))
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


def test_secretariat_sees_which_reminders_went_out(client, setting_offsets, freeze, secretariat, unit, plan, officer):
    freeze(local_dt(2018, 1, 10, 8, 0))
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
        counts.append(count_queries(client, reverse("registrations:reminders", kwargs={"plan": plan.pk})))
    assert counts == [6] * 2  # 5, and the daily job's heartbeat ("last ran at", issue 13 item 9)


def test_secretariat_resends_a_failed_reminder(client, setting_offsets, secretariat, unit, plan, officer):
    reminders_record(day(10), enqueue=False)
    message = Reminder.objects.get(unit=unit).message
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.FAILED, last_error="timeout")
    client.force_login(secretariat)
    client.post(reverse("units:outbox_resend", kwargs={"pk": message.pk}))
    message.refresh_from_db()
    assert message.state in (OutboxState.PENDING, OutboxState.SENT)


def _officer_mail(officer):
    return [m for m in mail.outbox if officer.email in m.to]


@pytest.mark.parametrize(
    ("on", "subject"),
    [
        (day(10), "Còn 7 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"),
        (day(14), "Còn 3 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"),
        (day(16), "Còn 1 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"),
        (day(17), "Hôm nay là hạn cuối đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"),
        (
            day(18),
            "Đã quá hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018): "
            "Viện kiểm sát nhân dân huyện Đông Hưng chưa gửi đăng ký",
        ),
    ],
)
def test_reminder_subjects_say_how_many_days_remain(
    setting_offsets, django_capture_on_commit_callbacks, freeze, unit, plan, officer, on, subject
):
    freeze(local_dt(on.year, on.month, on.day, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_record(on)
    assert [m.subject for m in _officer_mail(officer)] == [subject]


@pytest.mark.parametrize(
    ("on", "expires_at"),
    [
        (day(10), local_dt(2018, 1, 10, 23, 59, 59, 999999)),
        (day(17), local_dt(2018, 1, 17, 23, 59, 59, 999999)),
        # The overdue reminder is due on the 18th and may be recorded up to a week after the deadline.
        (day(18), local_dt(2018, 1, 24, 23, 59, 59, 999999)),
        (day(22), local_dt(2018, 1, 24, 23, 59, 59, 999999)),
    ],
)
def test_a_reminder_expires_at_the_end_of_the_day_it_is_about(setting_offsets, unit, plan, on, expires_at):
    reminders_record(on, enqueue=False)
    assert Reminder.objects.get(unit=unit).message.expires_at == expires_at


def test_an_expired_reminder_is_cancelled_by_the_flush_not_sent(setting_offsets, freeze, caplog, unit, plan, officer):
    freeze(local_dt(2018, 1, 16, 8, 0))
    reminders_record(day(16))  # the broker never got it: the on-commit hand-over did not run
    message = Reminder.objects.get(unit=unit).message
    freeze(local_dt(2018, 1, 17, 0, 0, 1))  # the "còn 1 ngày" day is over
    assert outbox_flush() == 0
    message.refresh_from_db()
    assert message.state == OutboxState.CANCELLED
    assert message.last_error == ("Không gửi: thư này chỉ có ý nghĩa đến 23:59 ngày 16/01/2018 và thời điểm đó đã qua.")
    assert mail.outbox == []
    assert f"Outbox message {message.pk} ({message.key}) was of use only until 2018-01-16T23:59:59" in caplog.text
    freeze(local_dt(2018, 1, 17, 8, 0))
    outbox_flush()  # nothing left to do for it
    assert mail.outbox == []


def test_a_reminder_of_today_is_sent_by_the_flush(setting_offsets, freeze, unit, plan, officer):
    freeze(local_dt(2018, 1, 16, 8, 0))
    reminders_record(day(16))
    message = Reminder.objects.get(unit=unit).message
    freeze(local_dt(2018, 1, 16, 23, 55))  # late in the day, still its day
    assert outbox_flush() >= 1
    message.refresh_from_db()
    assert message.state == OutboxState.SENT
    assert [m.subject for m in _officer_mail(officer)] == [
        "Còn 1 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"
    ]


def test_a_late_task_cancels_an_expired_reminder(setting_offsets, freeze, unit, plan, officer):
    freeze(local_dt(2018, 1, 10, 8, 0))
    reminders_record(day(10), enqueue=False)
    message = Reminder.objects.get(unit=unit).message
    freeze(local_dt(2018, 1, 11, 9, 0))  # a task delivered (or retried) the next day
    send_outbox_message.delay(message_id=message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.sent_at) == (OutboxState.CANCELLED, 0, None)
    assert "23:59 ngày 10/01/2018" in message.last_error
    assert mail.outbox == []


def test_a_reminder_retried_after_its_day_is_cancelled(setting_offsets, settings, freeze, unit, plan, officer):
    settings.EMAIL_BACKEND = "tests.backends.FailingBackend"
    freeze(local_dt(2018, 1, 14, 23, 58))
    reminders_record(day(14), enqueue=False)
    message = Reminder.objects.get(unit=unit).message
    with pytest.raises(ConnectionRefusedError):
        outbox_send(message.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    freeze(local_dt(2018, 1, 15, 0, 2))  # the retry comes after midnight
    assert outbox_send(message.pk) is False
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.CANCELLED, 1)
    assert mail.outbox == []


def test_the_overdue_reminder_is_sent_within_its_week_and_cancelled_after(
    setting_offsets, freeze, unit, plan, officer, secretariat
):
    freeze(local_dt(2018, 1, 20, 8, 0))
    reminders_record(day(20), enqueue=False)
    message = Reminder.objects.get(unit=unit).message
    freeze(local_dt(2018, 1, 25, 0, 0, 1))
    outbox_flush()
    message.refresh_from_db()
    assert message.state == OutboxState.CANCELLED
    assert "23:59 ngày 24/01/2018" in message.last_error
    assert mail.outbox == []


def test_the_command_for_a_past_day_cancels_rather_than_sends(setting_offsets, capsys, freeze, unit, plan, officer):
    freeze(local_dt(2018, 1, 20, 8, 0))
    call_command("send_deadline_reminders", "--date", "2018-01-16")
    out = capsys.readouterr().out
    assert f"not sent (Đã hủy): {unit.name}" in out and "23:59 ngày 16/01/2018" in out
    assert mail.outbox == []
