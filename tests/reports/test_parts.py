"""Issue 11: a long document is rendered as parts, one Celery task each, merged by a final task; every task is safe
to run twice, a late task of an earlier attempt changes nothing, nothing is left behind, nothing asked for is lost.

The tasks are called here as a worker would call them, one at a time, in the order a test chooses; the same code
runs under real workers in ``tests/test_worker.py``."""

import datetime

import pytest
from django.utils import timezone

from registrations.services import registration_submit
from reports import services, tasks
from reports.enums import JobState, ReportKind
from reports.models import ReportJob, ReportPart
from reports.services import report_merge, report_plan, report_render_part, report_request, sweep
from tests import factories as f
from tests.factories import full_lines, local_dt, pdf_text, propose, register


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def three_units(province, plan):
    """A summary of three units: three parts."""
    for number in range(3):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện Số {number + 1}", order=number)
        people = [f.make_staff(unit, f"Phạm Thị Hoa {number}-{i}") for i in range(3)]
        registration_submit(
            unit=unit,
            year_plan=plan,
            actor=f.make_officer(unit),
            lines=full_lines(unit, people),
            now=local_dt(2018, 1, 15),
        )
    return plan


@pytest.fixture
def queue(monkeypatch):
    """Tasks handed to workers, held here instead of being run in-process."""
    sent = []
    for task in (tasks.render_report, tasks.render_part, tasks.merge_report):
        monkeypatch.setattr(task, "delay", lambda _task=task, **kwargs: sent.append((_task.name, kwargs)))
    return sent


def _job(plan, secretariat):
    return report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)


def _small_parts(monkeypatch):
    """One unit per part, whatever its rows (the real split is 250 rows)."""
    from reports import documents

    original = documents.registration_summary_document
    monkeypatch.setattr(
        services,
        "registration_summary_document",
        lambda plan, **kwargs: original(plan, **{**kwargs, "rows_per_part": 4}),
    )


def _files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*.pdf"))


def test_parts_are_tasks_of_their_own_and_the_last_one_hands_over_the_merge(
    monkeypatch, media, three_units, secretariat, queue
):
    _small_parts(monkeypatch)
    job = _job(three_units, secretariat)
    assert report_plan(job.pk) == "dispatched"
    parts = [kwargs for name, kwargs in queue if name == "reports.render_part"]
    assert [p["index"] for p in parts] == [0, 1, 2] and {p["attempt"] for p in parts} == {1}
    job.refresh_from_db()
    assert (job.state, job.parts_total, job.parts_done, job.progress) == (JobState.RUNNING, 3, 0, 0)
    # Parts finish in any order, on any worker; progress counts finished parts.
    assert report_render_part(**parts[2]) == "rendered"
    assert report_render_part(**parts[0]) == "rendered"
    job.refresh_from_db()
    assert (job.parts_done, job.progress) == (2, 66)
    assert not any(name == "reports.merge_report" for name, _kwargs in queue)
    assert report_render_part(**parts[1]) == "rendered"
    merges = [kwargs for name, kwargs in queue if name == "reports.merge_report"]
    assert merges == [{"job_id": job.pk, "attempt": 1}]
    assert report_merge(**merges[0]) == JobState.DONE
    assert report_merge(**merges[0]) == "skipped"  # two "last parts" merge once
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts) == (JobState.DONE, 100, 1)
    with job.file.open("rb") as handle:
        texts = pdf_text(handle.read())
    text = "\n".join(texts)
    assert text.index("Số 1") < text.index("Số 2") < text.index("Số 3")  # merged in order, whatever the finish order
    assert _files(media) == [job.file.name]  # the part files are gone
    assert not ReportPart.objects.exists()


def test_a_second_delivery_renders_nothing_twice(monkeypatch, media, three_units, secretariat, queue):
    _small_parts(monkeypatch)
    job = _job(three_units, secretariat)
    report_plan(job.pk)
    assert report_plan(job.pk) == "skipped"  # running with a fresh heartbeat
    part = next(kwargs for name, kwargs in queue if name == "reports.render_part")
    assert report_render_part(**part) == "rendered"
    assert report_render_part(**part) == "done already"
    assert len(_files(media)) == 1


def test_a_double_click_returns_the_job_already_asked_for(three_units, secretariat, queue):
    first = _job(three_units, secretariat)
    second = _job(three_units, secretariat)
    assert first.pk == second.pk and ReportJob.objects.count() == 1
    # Once it is done, asking again makes a new document (the data may have changed).
    ReportJob.objects.filter(pk=first.pk).update(state=JobState.DONE, checksum="x")
    assert _job(three_units, secretariat).pk != first.pk


def test_a_job_whose_worker_died_starts_a_new_attempt_and_the_old_ones_tasks_change_nothing(
    monkeypatch, media, three_units, secretariat, queue, settings
):
    _small_parts(monkeypatch)
    job = _job(three_units, secretariat)
    report_plan(job.pk)
    old_parts = [kwargs for name, kwargs in queue if name == "reports.render_part"]
    report_render_part(**old_parts[0])
    # The worker dies: no sign of life for longer than REPORT_STALE_AFTER.
    stale = timezone.now() - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER + 1)
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=stale, enqueued_at=stale)
    queue.clear()
    assert sweep() == {"jobs": 1, "verdicts": 0}
    assert queue == [("reports.render_report", {"job_id": job.pk})]
    assert report_plan(job.pk) == "dispatched"
    job.refresh_from_db()
    assert job.attempts == 2 and job.parts_done == 0
    assert _files(media) == []  # the first attempt's part is cleared
    # A late task of the first attempt arrives: it neither counts nor leaves a file.
    assert report_render_part(**old_parts[1]) == "superseded"
    assert _files(media) == []
    for kwargs in [kwargs for name, kwargs in queue if name == "reports.render_part"]:
        report_render_part(**kwargs)
    report_merge(job_id=job.pk, attempt=2)
    assert report_merge(job_id=job.pk, attempt=1) == "skipped"
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert _files(media) == [job.file.name]


def test_a_job_asked_for_while_the_broker_was_down_is_handed_over_by_the_sweep(
    django_capture_on_commit_callbacks, monkeypatch, three_units, secretariat, settings
):
    def broker_down(**kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.render_report, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        job = _job(three_units, secretariat)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.enqueued_at is None
    assert not services.waiting_too_long(job)
    later = timezone.now() + datetime.timedelta(seconds=settings.REPORT_RESEND_AFTER + 1)
    assert services.waiting_too_long(job, now=later)  # the page offers a retry
    monkeypatch.undo()
    assert sweep()["jobs"] == 1  # the broker is back: rendered (in-process here)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 1


def test_a_verdict_refresh_the_broker_lost_is_run_by_the_sweep(
    monkeypatch, province, plan, unit, staff, officer, settings
):
    from awards import tasks as award_tasks
    from awards.models import Verdict
    from awards.services.lines import mark_for_judgement

    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    mark_for_judgement(province.pk)
    sent = []
    monkeypatch.setattr(award_tasks.refresh_verdicts, "delay", lambda **kwargs: sent.append(kwargs))
    assert sweep()["verdicts"] == 0  # just marked: its own refresh may still come
    Verdict.objects.filter(line=line).update(
        stale_since=timezone.now() - datetime.timedelta(seconds=settings.REPORT_RESEND_AFTER + 1)
    )
    assert sweep()["verdicts"] == 1
    assert sent == [{"province_id": province.pk, "year": 2018}]


def test_a_failed_merge_fails_the_job_and_leaves_no_part_file(monkeypatch, media, three_units, secretariat, queue):
    _small_parts(monkeypatch)
    job = _job(three_units, secretariat)
    report_plan(job.pk)
    for kwargs in [kwargs for name, kwargs in queue if name == "reports.render_part"]:
        report_render_part(**kwargs)

    def broken(pdfs, **kwargs):
        raise OSError("Ổ đĩa đầy")

    monkeypatch.setattr(services, "merge_parts", broken)
    assert report_merge(job_id=job.pk, attempt=1) == JobState.FAILED
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Ổ đĩa đầy" in job.error
    assert _files(media) == []


def test_the_page_offers_to_hand_over_a_job_that_waits_too_long(
    client, django_capture_on_commit_callbacks, monkeypatch, three_units, secretariat, settings
):
    from django.urls import reverse

    monkeypatch.setattr(tasks.render_report, "delay", lambda **kwargs: None)  # the broker never delivers it
    with django_capture_on_commit_callbacks(execute=True):
        job = _job(three_units, secretariat)
    ReportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=settings.REPORT_RESEND_AFTER + 5)
    )
    client.force_login(secretariat)
    page = client.get(reverse("reports:plan_reports", kwargs={"plan": three_units.pk})).content.decode()
    assert "Đang chờ lâu hơn bình thường" in page and reverse("reports:retry", kwargs={"pk": job.pk}) in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.state == JobState.DONE
