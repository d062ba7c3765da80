import logging
import os
import subprocess
import time

import pytest
import redis
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.settings.base import redis_caches
from tests import factories as f
from tests import workers
from tests.factories import local_dt
from tests.redis_server import started_redis_server
from units.cache import FailOpenRedisCache, forget_faults
from units.enums import OutboxState
from units.models import OutboxMessage
from units.tasks import send_outbox_message


def test_no_task_is_scheduled_further_ahead_than_the_visibility_timeout(settings):
    from units.outbox import MAX_ATTEMPTS
    from units.tasks import send_outbox_message

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest_retry = 60 * 2 ** (send_outbox_message.max_retries - 1)
    assert send_outbox_message.max_retries == MAX_ATTEMPTS
    assert longest_retry < visibility
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert "options" not in entry or "eta" not in entry["options"]


@pytest.fixture
def deployed_redis(transactional_db, settings):
    """The deployed set-up on a private redis-server: the production cache (``redis_caches``, as base.py builds
    it for REDIS_URL; not the test settings' memory cache), sessions as deployed, and the Celery broker. The test
    kills it and starts it again; the shared Redis is never touched. Transactional, so that what runs after the
    commit (enqueueing) runs inside the request, as in production."""
    forget_faults()  # of a server an earlier test ran on the same port
    server = started_redis_server()
    settings.CACHES = redis_caches(server.url(0))
    workers.use_broker(server.url(1))
    try:
        yield server
    finally:
        workers.use_broker(None)
        server.stop()
        forget_faults()


def drain_broker() -> list[str]:
    """Run every task waiting in the broker in this process, as a worker would (so ``mail.outbox`` sees the mail)."""
    from config.celery import app

    names = []
    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue(app.conf.task_default_queue)
        try:
            while True:
                try:
                    message = queue.get(block=False)
                except queue.Empty:
                    break
                name = message.headers["task"]
                args, kwargs, _embed = message.decode()
                app.tasks[name].apply(args=args, kwargs=kwargs)
                message.ack()
                names.append(name)
        finally:
            queue.close()
    return names


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def sign_in_and_browse(client, user, plan, unit, staff) -> dict[str, str]:
    """Sign in through the form (a real session, django-axes) and open an officer's pages while Redis is up.
    Returns each page with a text it must show."""
    from django.contrib.sessions.models import Session

    signed_in = client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD}, follow=True)
    assert signed_in.status_code == 200 and signed_in.context["user"] == user
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    pages = {
        reverse("home"): unit.name,
        sheet_url(plan, unit): staff[0].full_name,
        reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk}): unit.name,
        reverse("awards:proposal_list", kwargs={"plan": plan.pk}): 'id="proposal-table"',
        reverse("units:staff_list"): staff[1].full_name,
    }
    for url, text in pages.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200 and text in response.content.decode(), url
    return pages


def sheet_url(plan, unit) -> str:
    return reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})


def registration_data(staff) -> dict:
    data = {"title_unit": str(f.title("TTLDTT").pk), "reason_unit": "", "submit": "1", "confirmed": "1"}
    for person in staff:
        data[f"title_{person.pk}"] = str(f.title("LDTT").pk)
        data[f"reason_{person.pk}"] = ""
    return data


def cache_warnings(caplog) -> int:
    return sum(1 for record in caplog.records if record.name == "units.cache" and record.levelno == logging.WARNING)


@pytest.mark.redis_server
def test_redis_down_while_an_officer_submits(
    deployed_redis, client, freeze, plan, unit, staff, officer, secretariat, caplog, monkeypatch, settings, tmp_path
):
    """Redis (cache and broker) is killed under a signed-in officer: every page still answers, the registration
    and the proposal are saved and the officer told; the e-mails wait in the outbox and each goes once when Redis
    is back."""
    from django.core import mail

    from awards.models import Proposal
    from registrations.models import Registration
    from units.outbox import outbox_flush

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(FailOpenRedisCache, "retry_after", 1)  # the cache's pause after a fault: 5 s deployed
    freeze(local_dt(2018, 1, 15, 10, 0))
    pages = sign_in_and_browse(client, officer, plan, unit, staff)
    cached = redis.Redis.from_url(deployed_redis.url(0))
    assert cached.keys("thidua:*")  # the pages went through the Redis cache
    cached.close()

    deployed_redis.stop()
    caplog.set_level(logging.INFO)
    for url, text in pages.items():
        response, seconds = timed(lambda url=url: client.get(url, follow=True))
        assert response.status_code == 200 and text in response.content.decode(), url
        assert seconds < 1, (url, seconds)

    # The registration: saved, the officer told; the e-mails it records wait (enqueueing failed fast).
    response, seconds = timed(lambda: client.post(sheet_url(plan, unit), registration_data(staff), follow=True))
    assert "Đã gửi đăng ký" in response.content.decode() and seconds < 1
    assert Registration.objects.get(unit=unit, year_plan=plan).state == "submitted"

    # The year-end proposal, whose submission e-mails the secretariat.
    client.post(reverse("awards:proposal_create", kwargs={"plan": plan.pk}), {"kind": "year_end"})
    proposal = Proposal.objects.get()
    client.post(
        reverse("awards:line_create", kwargs={"pk": proposal.pk}),
        {"subject": str(staff[0].pk), "title": f.title("LDTT").pk, "achievements": "Hoàn thành"},
    )
    url = reverse("awards:proposal_submit", kwargs={"pk": proposal.pk})
    response, seconds = timed(lambda: client.post(url, follow=True))
    assert "Đã gửi 1 đề nghị" in response.content.decode() and seconds < 1
    assert proposal.lines.get().state == "submitted"
    message = OutboxMessage.objects.get(key__startswith=f"proposal:{proposal.pk}:")
    assert message.state == OutboxState.PENDING and mail.outbox == []
    assert any("Could not enqueue outbox message" in record.getMessage() for record in caplog.records)

    # A colleague signs in meanwhile (django-axes keeps its records in the database).
    colleague = Client()
    other = f.make_officer(unit)
    assert colleague.post(reverse("login"), {"username": other.username, "password": f.PASSWORD}).status_code == 302
    assert colleague.get(sheet_url(plan, unit)).status_code == 200
    # The secretariat signs in and opens the tables usually rendered from the cache.
    office = Client()
    assert office.post(reverse("login"), {"username": secretariat.username, "password": f.PASSWORD}).status_code == 302
    for url, text in {
        reverse("registrations:overview", kwargs={"plan": plan.pk}): unit.name,
        reverse("awards:review", kwargs={"plan": plan.pk}): staff[0].full_name,
        reverse("reports:dashboard", kwargs={"plan": plan.pk}): unit.name,
    }.items():
        response = office.get(url)
        assert response.status_code == 200 and text in response.content.decode(), url
    # The secretariat asks for the registration summary: recorded, waiting for the broker.
    from reports.models import ReportJob

    response = office.post(
        reverse("reports:plan_reports", kwargs={"plan": plan.pk}), {"number": "05/BC-VKS", "issued_on": "15/01/2018"}
    )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.state == "queued" and job.enqueued_at is None
    # One warning for the whole outage, not one per call.
    assert cache_warnings(caplog) == 1

    # Redis is back on the same port; ten minutes later the periodic flush hands the waiting messages (the
    # proposal's, and any other the submissions recorded) to a worker, which sends each once.
    deployed_redis.start()
    freeze(local_dt(2018, 1, 15, 10, 10))
    waiting = list(OutboxMessage.objects.filter(state=OutboxState.PENDING).order_by("pk"))
    assert message in waiting
    assert outbox_flush() == len(waiting)
    assert drain_broker() == ["units.send_outbox_message"] * len(waiting)
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    assert sorted(sent.subject for sent in mail.outbox) == sorted(m.subject for m in waiting)
    assert [sent.to for sent in mail.outbox if sent.subject == message.subject] == [[secretariat.email]]
    # The next flush, or a task delivered again, sends nothing more.
    assert outbox_flush() == 0 and drain_broker() == []
    for waited in waiting:
        send_outbox_message.apply(kwargs={"message_id": waited.pk})
    assert len(mail.outbox) == len(waiting)

    # The sweep (beat, every 30 s) hands the document asked for during the outage to a worker, which renders it.
    from reports.services import sweep

    assert sweep()["jobs"] == 1
    # The worker renders it, then tells the secretariat user who asked that it is ready (issue 13: notifications).
    assert drain_broker() == ["reports.render_report", "units.send_outbox_message"]
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 1 and job.pages >= 1
    assert mail.outbox[-1].to == [secretariat.email]
    assert sweep()["jobs"] == 0 and drain_broker() == []

    # The cache is used again once its pause after the fault is over.
    time.sleep(FailOpenRedisCache.retry_after)
    assert client.get(sheet_url(plan, unit)).status_code == 200
    assert any("reachable again" in record.getMessage() for record in caplog.records if record.name == "units.cache")
    cached = redis.Redis.from_url(deployed_redis.url(0))
    assert cached.keys("thidua:*")
    cached.close()


@pytest.mark.redis_server
def test_a_hung_redis_costs_a_page_seconds_not_a_hang(deployed_redis, client, freeze, plan, unit, staff, officer):
    """Redis accepts connections but answers nothing (frozen: a hung server, a half-open connection). Without
    socket timeouts a page would wait forever; here a page pays one cache timeout, an enqueue about two seconds."""
    from registrations.models import Registration

    freeze(local_dt(2018, 1, 15, 10, 0))
    pages = sign_in_and_browse(client, officer, plan, unit, staff)
    deployed_redis.pause()
    for url, text in pages.items():
        response, seconds = timed(lambda url=url: client.get(url, follow=True))
        assert response.status_code == 200 and text in response.content.decode(), url
        assert seconds < 1.5, (url, seconds)
    # Whatever the submission enqueues after its commit (its e-mails) gives up, about 2 s an enqueue.
    response, seconds = timed(lambda: client.post(sheet_url(plan, unit), registration_data(staff), follow=True))
    assert "Đã gửi đăng ký" in response.content.decode()
    assert Registration.objects.get(unit=unit, year_plan=plan).state == "submitted"
    assert seconds < 10, seconds


def _counts(database_url: str) -> dict[str, int]:
    import psycopg2

    counts = {}
    with psycopg2.connect(database_url) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_same_rows(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL; CI runs this on PostgreSQL")
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    media = tmp_path / "files"
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "scan.pdf").write_bytes(b"%PDF-1.4 test")
    source = workers.database_url()
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(media)}
    ops = os.path.join(settings.BASE_DIR, "ops")
    subprocess.run([f"{ops}/backup.sh", str(tmp_path / "backup")], env=env, check=True)  # noqa: S603
    fresh = f"{connection.settings_dict['NAME']}_restore"
    admin = source.rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    db = psycopg2.connect(admin)
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored_media = tmp_path / "restored-files"
        target = source.rsplit("/", 1)[0] + f"/{fresh}"
        subprocess.run(  # noqa: S603
            [f"{ops}/restore.sh", str(tmp_path / "backup")],
            env={**env, "DATABASE_URL": target, "MEDIA_ROOT": str(restored_media)},
            check=True,
        )
        original, restored = _counts(source), _counts(target)
        assert restored == original
        assert original["units_staff"] > 100 and original["awards_awardrecord"] > 0
        assert (restored_media / "attachments" / "scan.pdf").read_bytes() == b"%PDF-1.4 test"
    finally:
        with db.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        db.close()
