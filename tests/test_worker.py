"""End to end through real Celery workers and the Redis broker (not eager). Runs when REDIS_URL is set, as in CI."""

import os

import pytest
from django.db import connection, transaction

from registrations.services import registration_submit
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f
from tests import workers
from tests.factories import local_dt
from tests.registrations.helpers import full_lines
from tests.reports.helpers import pdf_text

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL); CI sets it"),
]


@pytest.fixture
def broker(transactional_db, tmp_path, settings):
    if connection.vendor == "sqlite" and settings.DATABASES["default"]["NAME"].startswith("file:memorydb"):
        pytest.skip("a worker needs a database it can open; run with DATABASE_URL")
    settings.MEDIA_ROOT = tmp_path
    workers.use_broker(workers.broker_url())
    workers.flush_broker()
    yield tmp_path
    workers.use_broker(None)


def _summary_job(province, staff_count: int, name: str, *, units: int = 1):
    """A summary of ``units`` units of ``staff_count`` people each (a unit is one part of the render at most)."""
    plan = f.make_plan(province)
    for number in range(units):
        unit = f.make_unit(province, name if number == 0 else f"{name} {number + 1}")
        people = [f.make_staff(unit, f"Đặng Thị Thu Hà {i:04d}") for i in range(staff_count)]
        registration_submit(
            unit=unit,
            year_plan=plan,
            actor=f.make_officer(unit),
            lines=full_lines(unit, people),
            now=local_dt(2018, 1, 15),
        )
    secretariat = f.make_user("secretariat", province=province)
    with transaction.atomic():
        return report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)


def test_worker_renders_a_requested_summary(broker, province):
    worker = workers.start_worker(broker)
    try:
        job = _summary_job(province, 2, "Viện kiểm sát nhân dân huyện Vũ Thư")
        assert workers.wait_for(lambda: ReportJob.objects.get(pk=job.pk).state in (JobState.DONE, JobState.FAILED))
    finally:
        workers.stop_worker(worker)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.attempts == 1
    with job.file.open("rb") as handle:
        text = "\n".join(pdf_text(handle.read()))
    assert "Đặng Thị Thu Hà 0000" in text and "Viện kiểm sát nhân dân huyện Vũ Thư" in text


def test_a_job_whose_worker_is_killed_mid_render_completes_once(broker, province):
    """Late acknowledgement: the message stays unacknowledged while the worker renders; when the worker is killed,
    Redis gives it to the next worker after the visibility timeout (5 s here), which renders it again."""
    visibility = {"CELERY_VISIBILITY_TIMEOUT": "5"}
    first = workers.start_worker(broker, extra_env=visibility)
    # Six parts: the worker is killed after the first, with five still to render.
    job = _summary_job(province, 250, "Viện kiểm sát nhân dân huyện Tiền Hải", units=6)
    try:
        assert workers.wait_for(lambda: ReportJob.objects.get(pk=job.pk).progress > 0, timeout=60)
    finally:
        workers.stop_worker(first, kill=True)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.attempts == 1
    second = workers.start_worker(broker, extra_env=visibility)
    try:
        assert workers.wait_for(lambda: ReportJob.objects.get(pk=job.pk).state == JobState.DONE, timeout=120)
    finally:
        workers.stop_worker(second)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    files = list(broker.rglob("*.pdf"))
    assert len(files) == 1
    with job.file.open("rb") as handle:
        text = "\n".join(pdf_text(handle.read()))
    assert "Đặng Thị Thu Hà 0249" in text and "Viện kiểm sát nhân dân huyện Tiền Hải 6" in text
