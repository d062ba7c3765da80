"""The deployed topology, as the README starts it: ``make worker`` (prefork pool, default concurrency) and ``make
beat`` under the production settings, one REDIS_URL, PostgreSQL. Runs when REDIS_URL is set, as in CI.

Nothing here makes a fault easier than in a deployment: no solo pool, no eager tasks, no in-memory cache. The one
tunable set is how long a job may go without a sign of life before the sweep starts it again (REPORT_STALE_AFTER,
documented; two minutes by default, 20 s here so the test does not wait)."""

import os
import signal
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse

from registrations.services import registration_submit
from reports.enums import JobState, ReportKind
from reports.models import ReportJob, ReportPart
from reports.services import report_request
from tests import factories as f
from tests import workers
from tests.factories import full_lines, local_dt, pdf_text

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL); CI sets it"),
]
STALE_AFTER = 20


@pytest.fixture
def deployed(transactional_db, tmp_path, settings):
    """Starts ``make worker`` processes and ``make beat`` on demand; stops them and checks none is left."""
    if connection.vendor != "postgresql":
        pytest.skip("the deployed topology runs on PostgreSQL (DATABASE_URL)")
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    workers.use_broker(workers.broker_url())
    workers.flush_broker()
    env = workers.deployed_env(media, REPORT_STALE_AFTER=STALE_AFTER, SWEEP_EVERY_SECONDS=5, REPORT_RESEND_AFTER=20)
    started = []

    def start(target="worker"):
        process = workers.start_make(target, env, tmp_path)
        started.append(process)
        return process

    start.media = media
    yield start
    everything = [pid for process in started for pid in [process.pid, *workers.descendants(process.pid)]]
    for process in started:
        workers.stop_group(process)
    workers.use_broker(None)
    assert workers.wait_for(lambda: not workers.alive(everything), timeout=30), workers.alive(everything)


def _summary_plan(province, *, units: int, people: int = 130):
    """A plan whose summary has ``units`` units of ``people`` each: one part per unit (two would pass the 250 rows
    of a part)."""
    plan = f.make_plan(province)
    for number in range(units):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện Tiền Hải {number + 1}", order=number)
        staff = [f.make_staff(unit, f"Đặng Thị Thu Hà {number}-{i:03d}") for i in range(people)]
        registration_submit(
            unit=unit,
            year_plan=plan,
            actor=f.make_officer(unit),
            lines=full_lines(unit, staff),
            now=local_dt(2018, 1, 15),
        )
    return plan, f.make_user("secretariat", province=province)


def _summary_job(province, *, units: int, people: int = 130):
    plan, secretariat = _summary_plan(province, units=units, people=people)
    with transaction.atomic():
        job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)
    return job, secretariat


def _state(job):
    return ReportJob.objects.get(pk=job.pk)


def _finished(job, media, *, units: int):
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.parts_total == units and job.parts_done == units
    pdfs = sorted(media.rglob("*.pdf"))
    assert [str(path.relative_to(media)) for path in pdfs] == [job.file.name]  # one file: no part, no orphan
    assert not ReportPart.objects.filter(job=job).exists()
    with job.file.open("rb") as handle:
        text = "\n".join(pdf_text(handle.read()))
    assert f"Viện kiểm sát nhân dân huyện Tiền Hải {units}" in text and f"Đặng Thị Thu Hà {units - 1}-129" in text
    return job


def test_make_worker_renders_a_document_of_four_parts(deployed, province):
    deployed("worker")
    deployed("beat")
    job, _secretariat = _summary_job(province, units=4)
    assert workers.wait_for(lambda: _state(job).state in (JobState.DONE, JobState.FAILED), timeout=180)
    job = _finished(job, deployed.media, units=4)
    assert job.attempts == 1


def test_a_killed_pool_process_loses_nothing(deployed, province):
    worker = deployed("worker")
    deployed("beat")
    master = workers.celery_master(worker)
    job, _secretariat = _summary_job(province, units=6)
    assert workers.wait_for(lambda: _state(job).parts_done >= 1, timeout=120)
    pool = workers.children(master)
    assert len(pool) == os.cpu_count() or len(pool) >= 1
    os.kill(pool[0], signal.SIGKILL)  # the part it was rendering is given back to the broker (reject on loss)
    started = time.monotonic()
    assert workers.wait_for(lambda: _state(job).state in (JobState.DONE, JobState.FAILED), timeout=180)
    assert time.monotonic() - started < 180
    _finished(job, deployed.media, units=6)
    assert workers.alive([pool[0]]) == []


def test_a_killed_worker_leaves_no_process_and_another_worker_finishes_the_job(deployed, province):
    first = deployed("worker")
    deployed("beat")
    master = workers.celery_master(first)
    pool = workers.children(master)
    job, _secretariat = _summary_job(province, units=6)
    assert workers.wait_for(lambda: _state(job).parts_done >= 1, timeout=120)
    os.kill(master, signal.SIGKILL)  # the whole worker, without warning
    assert workers.wait_for(lambda: not workers.alive([master, *pool]), timeout=15), "pool processes were left"
    assert _state(job).state == JobState.RUNNING
    deployed("worker")  # another machine's worker; the sweep starts the job again once it has no sign of life
    started = time.monotonic()
    assert workers.wait_for(lambda: _state(job).state in (JobState.DONE, JobState.FAILED), timeout=180)
    assert time.monotonic() - started < 180
    job = _finished(job, deployed.media, units=6)
    assert job.attempts == 2


def test_a_redelivered_task_and_a_double_click_render_once(deployed, province, client):
    from reports.tasks import render_report

    deployed("worker")
    plan, secretariat = _summary_plan(province, units=3)
    client.force_login(secretariat)
    url = reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    for _click in range(2):
        client.post(url, {"number": "05/BC-VKS", "issued_on": "20/01/2018"})
    job = ReportJob.objects.get()  # the second click found the first job
    assert workers.wait_for(lambda: _state(job).state != JobState.QUEUED, timeout=60)
    render_report.delay(job_id=job.pk)  # the broker delivers the same task again
    assert workers.wait_for(lambda: _state(job).state in (JobState.DONE, JobState.FAILED), timeout=180)
    render_report.delay(job_id=job.pk)
    time.sleep(3)
    job = _finished(job, deployed.media, units=3)
    assert job.attempts == 1
