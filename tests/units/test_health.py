"""The health page (/healthz) and the heartbeats behind it (units.health, units.tasks.heartbeat)."""

import datetime
import json
import os
import socket
import time
from importlib import import_module

import pytest
from celery.schedules import crontab
from celery.signals import beat_init, before_task_publish
from django.conf import settings as django_settings
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.celery import app
from tests import factories as f
from tests.factories import local_dt
from units import tasks
from units.models import ServiceHeartbeat
from units.services import heartbeat_record

NOW = local_dt(2018, 1, 15, 9, 0)
MAX_AGE = 180


def ago(seconds: int) -> datetime.datetime:
    return NOW - datetime.timedelta(seconds=seconds)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def deployed(settings, freeze, db):
    """Real workers and beat (not eager); Redis not configured unless a test says so."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = ""
    settings.HEALTH_HEARTBEAT_MAX_AGE = MAX_AGE
    freeze(NOW)
    return settings


def get_health(client):
    response = client.get(reverse("healthz"))
    return response, json.loads(response.content)


def test_health_in_embedded_mode_needs_no_redis_beat_or_worker(client, settings, db):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REDIS_URL = ""
    response, body = get_health(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "redis": {"status": "not configured"},
            "beat": {"status": "not used"},
            "worker": {"status": "not used"},
        },
    }


def test_health_with_fresh_heartbeats_is_ok(client, deployed):
    heartbeat_record(name="beat", at=ago(20), detail="beat-host")
    heartbeat_record(name="worker", at=ago(MAX_AGE), detail="celery@worker-host")
    response, body = get_health(client)
    assert response.status_code == 200
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "redis": {"status": "not configured"},
            "beat": {"status": "ok", "age": 20, "max_age": MAX_AGE},
            "worker": {"status": "ok", "age": MAX_AGE, "max_age": MAX_AGE},
        },
    }


def test_health_with_a_stale_worker_heartbeat_is_503(client, deployed):
    heartbeat_record(name="beat", at=ago(20))
    heartbeat_record(name="worker", at=ago(MAX_AGE + 1))
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["checks"]["beat"] == {"status": "ok", "age": 20, "max_age": MAX_AGE}
    assert body["checks"]["worker"] == {"status": "stale", "age": MAX_AGE + 1, "max_age": MAX_AGE}


def test_health_with_a_stale_beat_is_503(client, deployed):
    heartbeat_record(name="beat", at=ago(600))
    heartbeat_record(name="worker", at=ago(10))
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["beat"] == {"status": "stale", "age": 600, "max_age": MAX_AGE}


def test_health_before_any_heartbeat_is_503(client, deployed):
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["beat"] == {"status": "down", "age": None, "max_age": MAX_AGE}
    assert body["checks"]["worker"] == {"status": "down", "age": None, "max_age": MAX_AGE}


def test_health_counts_a_clock_ahead_as_age_zero(client, deployed):
    heartbeat_record(name="beat", at=NOW + datetime.timedelta(seconds=2))
    heartbeat_record(name="worker", at=NOW)
    response, body = get_health(client)
    assert response.status_code == 200
    assert body["checks"]["beat"]["age"] == 0


def test_health_when_redis_does_not_answer_is_503_within_the_timeout(client, deployed):
    heartbeat_record(name="beat", at=ago(5))
    heartbeat_record(name="worker", at=ago(5))
    port = closed_port()
    deployed.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    started = time.monotonic()
    response, body = get_health(client)
    assert time.monotonic() - started < 2  # one attempt, no retries with backoff
    assert response.status_code == 503
    assert body["checks"]["redis"] == {"status": "down"}
    assert body["checks"]["database"] == {"status": "ok"}
    assert str(port) not in response.content.decode()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_health_pings_the_configured_redis(client, deployed):
    heartbeat_record(name="beat", at=ago(5))
    heartbeat_record(name="worker", at=ago(5))
    deployed.REDIS_URL = os.environ["REDIS_URL"]
    response, body = get_health(client)
    assert response.status_code == 200
    assert body["checks"]["redis"] == {"status": "ok"}


def test_health_when_the_database_is_down_is_503(client, deployed, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr("units.health.connection", Unreachable())
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["database"] == {"status": "down"}
    assert body["checks"]["beat"] == {"status": "unknown"}
    assert "could not connect" not in response.content.decode()


def test_health_names_no_person_unit_or_host(client, deployed, unit, staff, officer):
    heartbeat_record(name="beat", at=ago(5), detail="beat-host.vks.local")
    heartbeat_record(name="worker", at=ago(5), detail="celery@worker-host.vks.local")
    client.force_login(officer)
    response, body = get_health(client)
    text = response.content.decode()
    assert response.status_code == 200
    for private in [unit.name, officer.username, "vks.local", *(person.full_name for person in staff)]:
        assert private not in text
    assert set(body) == {"status", "checks"}
    assert set(body["checks"]) == {"database", "redis", "beat", "worker"}


def test_health_runs_two_queries_and_never_loads_the_session(client, deployed, officer, monkeypatch):
    heartbeat_record(name="beat", at=ago(5))
    heartbeat_record(name="worker", at=ago(5))
    client.force_login(officer)  # a browser that still has a session cookie

    def unavailable(self):
        raise AssertionError("the health page loaded the session")

    store = import_module(deployed.SESSION_ENGINE).SessionStore
    monkeypatch.setattr(store, "load", unavailable)
    with CaptureQueriesContext(connection) as queries:
        response, _body = get_health(client)
    assert response.status_code == 200
    assert len(queries) == 2  # SELECT 1, the two heartbeat rows
    assert "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_health_queries_do_not_grow_with_the_data(client, deployed, province, django_assert_num_queries):
    heartbeat_record(name="beat", at=ago(5))
    heartbeat_record(name="worker", at=ago(5))
    for count in (1, 3):
        unit = f.make_unit(province)
        for _ in range(count):
            f.make_staff(unit)
        with django_assert_num_queries(2):
            assert client.get(reverse("healthz")).status_code == 200


def test_health_in_embedded_mode_runs_one_query(client, settings, db, django_assert_num_queries):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_assert_num_queries(1):
        client.get(reverse("healthz"))


def test_health_answers_get_only(client, deployed):
    assert client.post(reverse("healthz")).status_code == 405


def test_heartbeat_task_records_the_worker(deployed):
    tasks.heartbeat.apply()
    tasks.heartbeat.apply()
    heartbeat = ServiceHeartbeat.objects.get()
    assert (heartbeat.name, heartbeat.at) == ("worker", NOW)


def test_beat_is_scheduled_every_minute_and_expires_unrun():
    entry = app.conf.beat_schedule["heartbeat"]
    assert entry["task"] == "units.heartbeat" == tasks.heartbeat.name
    assert entry["schedule"] == crontab(minute="*")
    assert entry["options"] == {"expires": django_settings.HEALTH_HEARTBEAT_MAX_AGE}
    assert "units.heartbeat" in app.tasks


def publish_heartbeat():
    """What beat does when the entry is due: the signal Celery sends just before it publishes the message."""
    before_task_publish.send(sender="units.heartbeat", body=((), {}, {}), headers={"id": "x"}, exchange="")


@pytest.mark.django_db(transaction=True)  # the receiver closes obsolete connections, as a long-lived beat must
def test_publishing_the_heartbeat_records_beat_only_in_the_beat_process(monkeypatch, freeze):
    freeze(NOW)
    monkeypatch.setattr(tasks, "_in_beat", False)
    publish_heartbeat()  # e.g. ``heartbeat.delay()`` from a shell: not beat
    assert not ServiceHeartbeat.objects.exists()
    beat_init.send(sender=None)
    publish_heartbeat()
    assert list(ServiceHeartbeat.objects.values_list("name", "at")) == [("beat", NOW)]
    before_task_publish.send(sender="units.flush_outbox", body=((), {}, {}), headers={"id": "y"}, exchange="")
    assert ServiceHeartbeat.objects.count() == 1


def test_a_database_error_while_recording_beat_does_not_stop_beat(monkeypatch, db, caplog):
    monkeypatch.setattr(tasks, "_in_beat", True)
    monkeypatch.setattr(tasks, "close_old_connections", lambda: None)

    def refuse(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks, "heartbeat_record", refuse)
    tasks._record_beat_heartbeat(sender="units.heartbeat")  # logs, does not raise
    assert "Could not record the beat heartbeat: server closed the connection" in caplog.text
