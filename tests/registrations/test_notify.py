"""Submitting a registration confirms it to the officer and tells the secretariat, once per submission."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from registrations.enums import RegistrationState
from registrations.services import LineInput, registration_return, registration_submit
from tests import factories as f
from tests.factories import full_lines, local_dt
from units.enums import OutboxState, Role
from units.models import OutboxMessage
from units.outbox import outbox_flush
from units.tasks import send_outbox_message

UNIT = "Viện kiểm sát nhân dân huyện Đông Hưng"


def mixed_lines(unit, staff):
    """The collective for "Tập thể lao động tiên tiến", one CSTĐ cơ sở, one LĐTT, one not registering."""
    return [
        LineInput(None, f.title("TTLDTT").pk),
        LineInput(staff[0].pk, f.title("CSTDCS").pk),
        LineInput(staff[1].pk, f.title("LDTT").pk),
        LineInput(staff[2].pk, None, "Nghỉ thai sản"),
    ]


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.fixture
def submit(django_capture_on_commit_callbacks, unit, staff, plan, officer):
    def _submit(now, lines=None):
        with django_capture_on_commit_callbacks(execute=True):
            return registration_submit(
                unit=unit, year_plan=plan, actor=officer, lines=lines or mixed_lines(unit, staff), now=now
            )

    return _submit


def test_submit_confirms_to_the_officer_what_was_submitted(settings, submit, unit, plan, officer, secretariat):
    submit(local_dt(2018, 1, 15, 10, 5))
    [message] = mail_to(officer.email)
    assert message.to == [officer.email]
    assert message.subject == f"Xác nhận: {UNIT} đã gửi đăng ký danh hiệu thi đua năm 2018"
    body = message.body
    assert "lúc 15/01/2018 10:05" in body and f"người gửi: {officer.display_name}" in body
    assert "Tập thể: Tập thể lao động tiên tiến" in body
    assert "Cá nhân (3 người):" in body
    assert "- Lao động tiên tiến: 1\n- Chiến sĩ thi đua cơ sở: 1\n- Không đăng ký: 1\n" in body
    assert f"{settings.SITE_URL}/plans/{plan.pk}/units/{unit.pk}/registration/" in body
    html = message.alternatives[0][0]
    assert "<li>Chiến sĩ thi đua cơ sở: 1</li>" in html and "Mở trang đăng ký" in html


def test_submit_notifies_the_province_secretariat_only(submit, province, unit, officer, secretariat):
    foreign = f.make_user(Role.SECRETARIAT, province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    colleague = f.make_user(Role.SECRETARIAT, province=province)
    submit(local_dt(2018, 1, 15, 10, 5))
    [message] = mail_to(secretariat.email)
    assert sorted(message.to) == sorted([secretariat.email, colleague.email])
    assert message.subject == f"{UNIT} đã gửi đăng ký danh hiệu thi đua năm 2018"
    assert f"{UNIT} đã gửi đăng ký danh hiệu thi đua năm 2018 lúc 15/01/2018 10:05" in message.body
    assert "- Chiến sĩ thi đua cơ sở: 1" in message.body and "Tập thể: Tập thể lao động tiên tiến" in message.body
    assert mail_to(foreign.email) == []
    assert len(mail.outbox) == 2


def test_a_second_delivery_of_the_send_task_sends_nothing_more(submit, officer, secretariat):
    submit(local_dt(2018, 1, 15, 10, 5))
    assert len(mail.outbox) == 2
    for message in OutboxMessage.objects.all():
        send_outbox_message.delay(message_id=message.pk)
        assert message.__class__.objects.get(pk=message.pk).state == OutboxState.SENT
    outbox_flush()
    assert len(mail.outbox) == 2


def test_resubmission_after_a_return_sends_a_new_pair(
    django_capture_on_commit_callbacks, submit, unit, staff, plan, officer, secretariat
):
    now = local_dt(2018, 1, 15, 10, 5)
    registration = submit(now)
    registration_return(registration=registration, actor=secretariat, reason="Sai danh hiệu tập thể")
    submit(now, lines=full_lines(unit, staff))  # the same moment: the key is the submission, not the time
    assert OutboxMessage.objects.count() == 5  # the pairs and the officer's notice of the return
    officer_mail = mail_to(officer.email)
    assert len(officer_mail) == 2
    assert "- Lao động tiên tiến: 3\n" in officer_mail[1].body
    secretariat_mail = mail_to(secretariat.email)
    assert [m.subject for m in secretariat_mail] == [
        f"{UNIT} đã gửi đăng ký danh hiệu thi đua năm 2018",
        f"{UNIT} đã gửi lại đăng ký danh hiệu thi đua năm 2018 sau khi sửa",
    ]
    assert "đây là bản đã sửa và gửi lại" in secretariat_mail[1].body


def test_an_officer_without_e_mail_gets_no_confirmation(submit, officer, secretariat):
    officer.email = ""
    officer.save(update_fields=["email"])
    submit(local_dt(2018, 1, 15, 10, 5))
    assert list(OutboxMessage.objects.values_list("recipients", flat=True)) == [[secretariat.email]]
    assert len(mail.outbox) == 1


def test_a_collective_not_registering_is_said_with_its_reason(submit, unit, staff, officer):
    lines = [LineInput(None, None, "Đơn vị mới thành lập")] + mixed_lines(unit, staff)[1:]
    submit(local_dt(2018, 1, 15, 10, 5), lines=lines)
    [message] = mail_to(officer.email)
    assert "Tập thể: không đăng ký (lý do: Đơn vị mới thành lập)" in message.body


def test_a_refused_submission_records_no_mail(django_capture_on_commit_callbacks, unit, staff, plan, officer):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        registration_submit(
            unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff[:2]), now=local_dt(2018, 1, 15)
        )
    assert not OutboxMessage.objects.exists() and mail.outbox == []


def test_submit_works_with_the_broker_down_and_the_mail_goes_later(freeze, submit, unit, plan, officer, secretariat):
    freeze(local_dt(2018, 1, 15, 10, 5))
    with mock.patch.object(send_outbox_message, "delay", side_effect=ConnectionError("broker down")):
        registration = submit(local_dt(2018, 1, 15, 10, 5))
    assert registration.state == RegistrationState.SUBMITTED
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.PENDING}
    assert mail.outbox == []
    freeze(local_dt(2018, 1, 15, 10, 10))  # the broker is back; the periodic flush hands them on
    assert outbox_flush() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, secretariat.email])
