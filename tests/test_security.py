import datetime
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import ProposalLine
from registrations.services import LineInput, registration_submit
from tests import factories as f
from tests.factories import local_dt, propose, register

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_lockout_is_keyed_on_username_and_address_together(client, officer, other_officer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert login(client, officer.username, "wrong-password-123").status_code == 200
    assert login(client, officer.username, "wrong-password-123").status_code == 429  # the third failure locks
    locked = login(client, officer.username, f.PASSWORD)
    assert locked.status_code == 429 and "Đăng nhập bị khóa" in locked.content.decode()
    # A colleague behind the same router, and the same officer from another computer, can still sign in.
    assert login(client, other_officer.username, f.PASSWORD).status_code == 302
    client.logout()
    assert login(client, officer.username, f.PASSWORD, address="10.0.0.2").status_code == 302


def test_lockout_lifts_after_the_cool_off(client, officer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=1)
    for _ in range(2):
        login(client, officer.username, "wrong-password-123")
    assert login(client, officer.username, f.PASSWORD).status_code == 429
    time.sleep(1.2)
    assert login(client, officer.username, f.PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["short-pass", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Thái-Bình-2018-thi-đua")


def test_sessions_end_after_thirty_idle_minutes(client, officer, settings, monkeypatch):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(officer)
    client.get(reverse("units:staff_list"))
    first_expiry = client.session.get_expiry_date()
    import units.middleware

    clock = [time.time() + 120]
    monkeypatch.setattr(units.middleware.time, "time", lambda: clock[0])
    client.get(reverse("units:staff_list"))  # two minutes later: the expiry moves on
    assert client.session.get_expiry_date() > first_expiry
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    response = client.get(reverse("units:staff_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_session_lives_in_the_database_and_is_written_at_most_once_a_minute(client, officer, settings, monkeypatch):
    """Sessions do not depend on Redis (issue 11); the idle timeout still costs one write a minute, not one a page."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import units.middleware

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    clock = [time.time()]
    monkeypatch.setattr(units.middleware.time, "time", lambda: clock[0])
    client.force_login(officer)
    client.get(reverse("units:staff_list"))
    assert Session.objects.filter(session_key=client.session.session_key).count() == 1

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("units:staff_list")).status_code == 200
        return sum(1 for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT"))

    clock[0] += 30
    assert session_writes() == 0
    clock[0] += 31
    assert session_writes() == 1
    assert session_writes() == 0


def test_deactivating_an_account_ends_its_sessions(client, officer, plan):
    client.force_login(officer)
    assert client.get("/").status_code == 302
    officer.is_active = False
    officer.save()
    response = client.get(reverse("units:staff_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_password_change_ends_other_sessions(client, officer):
    client.force_login(officer)
    officer.set_password("Mật-khẩu-mới-rất-dài-2018")
    officer.save()
    response = client.get(reverse("units:staff_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_logout_ends_the_session(client, officer):
    client.force_login(officer)
    client.post(reverse("logout"))
    assert client.get(reverse("units:staff_list")).status_code == 302


def test_security_headers(client, officer):
    client.force_login(officer)
    response = client.get(reverse("units:staff_list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "reports" in path.parts:
            continue  # PDF templates never reach a browser
        text = path.read_text()
        if "<script>" in text or "<script " in text and "src=" not in text or "style=" in text or "<style" in text:
            offenders.append(str(path))
    assert offenders == []


def test_hostile_text_is_escaped_on_pages(client, province, plan, secretariat, freeze):
    freeze(local_dt(2018, 1, 15, 9))
    unit = f.make_unit(province, f"Đơn vị {HOSTILE}")
    person = f.make_staff(unit, f"Nguyễn {HOSTILE}")
    officer = f.make_officer(unit)
    registration_submit(
        unit=unit,
        year_plan=plan,
        actor=officer,
        lines=[LineInput(None, None, HOSTILE), LineInput(person.pk, f.title("LDTT").pk)],
    )
    client.force_login(secretariat)
    for url in (
        reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk}),
        reverse("registrations:overview", kwargs={"plan": plan.pk}),
        reverse("units:staff_list"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_hostile_achievements_are_escaped(client, province, plan, unit, staff, officer, secretariat):
    register(unit, plan, {})
    proposal_line = propose(unit, plan, [(staff[0], "LDTT", [])])[0]
    ProposalLine.objects.filter(pk=proposal_line.pk).update(achievements=HOSTILE)
    client.force_login(secretariat)
    html = client.get(reverse("awards:line_detail", kwargs={"pk": proposal_line.pk})).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_very_long_values_get_a_clear_message(unit, officer):
    with pytest.raises(ValidationError) as error:
        f.make_staff(unit, "Nguyễn " + "Văn " * 60 + "An")
    assert "full_name" in error.value.message_dict


def test_zero_width_and_decomposed_input_is_normalised(unit):
    import unicodedata

    person = f.make_staff(unit, unicodedata.normalize("NFD", "Trần\u200b Thị\u200d Hoà"))
    assert person.full_name == "Trần Thị Hoà" and person.search_key == "tran thi hoa"
