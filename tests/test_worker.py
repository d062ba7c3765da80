"""End to end through a real Celery worker and the Redis broker (not eager). Runs when REDIS_URL is set, as in CI."""

import os
import subprocess
import sys
import time
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection, transaction

from config.celery import app
from registrations.services import registration_submit
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f
from tests.factories import local_dt
from tests.registrations.helpers import full_lines
from tests.reports.helpers import pdf_text

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL); CI sets it"),
]


def _broker_url() -> str:
    # A database of its own on the Redis server, so a developer's worker never takes these tasks.
    parsed = urlparse(os.environ["REDIS_URL"])
    return f"redis://{parsed.hostname}:{parsed.port or 6379}/15"


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _reset_connections():
    """Drop pooled broker connections so the next task goes to the broker now configured."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings):
    if connection.vendor == "sqlite" and settings.DATABASES["default"]["NAME"].startswith("file:memorydb"):
        pytest.skip("the worker needs a database it can open; run with DATABASE_URL")
    settings.MEDIA_ROOT = tmp_path
    broker = _broker_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": broker,
        "MEDIA_ROOT": str(tmp_path),
    }
    app.conf.update(broker_url=broker, task_always_eager=False)
    _reset_connections()
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    process = subprocess.Popen(  # noqa: S603 - our own worker
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    yield process
    process.terminate()
    process.wait(timeout=20)
    app.conf.update(broker_url=settings.CELERY_BROKER_URL, task_always_eager=True)
    _reset_connections()


def wait_for(predicate, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_worker_renders_a_requested_summary(celery_worker, province):
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Vũ Thư")
    people = [f.make_staff(unit, name) for name in ["Đặng Thị Thu Hà", "Vũ Mạnh Hùng"]]
    plan = f.make_plan(province)
    registration_submit(
        unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, people), now=local_dt(2018, 1, 15)
    )
    secretariat = f.make_user("secretariat", province=province)
    with transaction.atomic():
        job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)
    assert wait_for(lambda: ReportJob.objects.get(pk=job.pk).state in (JobState.DONE, JobState.FAILED))
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.attempts == 1
    with job.file.open("rb") as handle:
        text = "\n".join(pdf_text(handle.read()))
    assert "Đặng Thị Thu Hà" in text and "Viện kiểm sát nhân dân huyện Vũ Thư" in text
