"""Generated documents: requesting one, rendering it in the background, retrying a failed one."""

import datetime
import hashlib
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from awards.models import Consultation, CouncilMeeting, Decision, Inspection, Verdict
from awards.tasks import refresh_verdicts
from movements.models import YearPlan
from reports.documents import (
    DocumentSpec,
    council_pack_document,
    decision_document,
    registration_summary_document,
    scoring_results_document,
    vote_minutes_document,
)
from reports.documents_certificates import certificates_document
from reports.documents_consultation import consultation_record_document
from reports.documents_inspections import inspection_record_document
from reports.documents_monitoring import data_entry_notice_document
from reports.enums import JobState, ReportKind
from reports.models import ReportJob, ReportPart
from reports.pdf import merge_parts, render_part, render_parts
from reports.reviews import review_document
from reports.signing import SigningError, sign_pdf, signature_anchor, signs
from reports.statistics import statistics_document
from units.models import Unit
from units.notifications import lazy_text, notify
from units.services import audit_log
from units.workflow import transition_where

logger = logging.getLogger(__name__)

OPEN_STATES = (JobState.QUEUED, JobState.RUNNING)
# Printed on pre-printed paper: nothing but their own text, so no page number is stamped.
UNNUMBERED_KINDS = frozenset({ReportKind.CERTIFICATES})


def build_document(kind: str, *, year_plan: YearPlan, params: dict) -> DocumentSpec:
    """The one place that knows which builder makes which kind of document."""

    issued_on = datetime.date.fromisoformat(params["issued_on"]) if params.get("issued_on") else None
    if kind == ReportKind.REGISTRATION_SUMMARY:
        return registration_summary_document(year_plan, number=params.get("number", ""), issued_on=issued_on)
    if kind == ReportKind.COUNCIL_PACK:
        meeting = CouncilMeeting.objects.get(pk=params["meeting"], year_plan=year_plan)
        return council_pack_document(meeting, issued_on=issued_on)
    if kind == ReportKind.VOTE_MINUTES:
        return vote_minutes_document(CouncilMeeting.objects.get(pk=params["meeting"], year_plan=year_plan))
    if kind == ReportKind.SCORING_RESULTS:
        return scoring_results_document(year_plan, issued_on=issued_on)
    if kind == ReportKind.DATA_ENTRY_NOTICE:
        period = datetime.date.fromisoformat(params["period"])
        return data_entry_notice_document(year_plan, period=period, issued_on=issued_on)
    if kind in (ReportKind.DECISION, ReportKind.FORWARDING):
        return decision_document(Decision.objects.get(pk=params["decision"], year_plan=year_plan))
    if kind == ReportKind.INSPECTION_RECORD:
        inspection = Inspection.objects.select_related("unit", "leader", "plan__year_plan__province").get(
            pk=params["inspection"], plan__year_plan=year_plan
        )
        return inspection_record_document(inspection)
    if kind == ReportKind.CONSULTATION_RECORD:
        consultation = Consultation.objects.select_related("decision__year_plan__province", "decision__province").get(
            pk=params["consultation"], decision__year_plan=year_plan
        )
        return consultation_record_document(consultation)
    if kind == ReportKind.CERTIFICATES:
        decision = Decision.objects.select_related("year_plan__province", "province").get(
            pk=params["decision"], year_plan=year_plan
        )
        return certificates_document(decision)
    if kind == ReportKind.STATISTICS:
        return statistics_document(year_plan, params, issued_on=issued_on)
    if kind in (ReportKind.YEAR_REVIEW, ReportKind.INTERIM_REVIEW):
        unit = Unit.objects.get(pk=params["unit"], province=year_plan.province) if params.get("unit") else None
        interim = kind == ReportKind.INTERIM_REVIEW
        return review_document(year_plan, unit, interim=interim, issued_on=issued_on)
    raise ValueError(f"Unknown document kind {kind!r}")


def _enqueue(job_id: int) -> None:
    """Hand the job to a worker. If the broker is away the job stays queued; the sweep hands it over later."""
    from reports.tasks import render_report  # here: reports.tasks imports this module

    try:
        render_report.delay(job_id=job_id)
    except Exception:  # noqa: BLE001 - the sweep (reports.sweep) enqueues it again once the broker is back
        logger.warning("Could not enqueue report job %s; the sweep will", job_id, exc_info=True)
        return
    ReportJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())


def request_key(kind: str, year_plan: YearPlan, params: dict) -> str:
    raw = json.dumps([kind, year_plan.pk, params], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def report_request(*, kind: str, year_plan: YearPlan, actor, params: dict | None = None) -> ReportJob:
    """Record a job and hand it to a worker after the commit. The same document asked for again while it is queued
    or being generated (a double click, two secretaries) is the job already asked for."""
    if kind not in ReportKind.values:
        raise ValidationError(_("Unknown document."))
    params = params or {}
    key = request_key(kind, year_plan, params)
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                kind=kind,
                province=year_plan.province,
                year_plan=year_plan,
                params=params,
                requested_by=actor,
                request_key=key,
            )
            audit_log(actor=actor, action="report.request", target=job, unit=year_plan.province, data={"kind": kind})
            transaction.on_commit(lambda: _enqueue(job.pk))
    except IntegrityError:
        # The partial unique index (one open job per request) refused a second one.
        return ReportJob.objects.get(request_key=key, state__in=OPEN_STATES)
    return job


def waiting_too_long(job: ReportJob, now=None) -> bool:
    """Queued and not taken by a worker, or running without a sign of life, for longer than the sweep waits."""
    now = now or timezone.now()
    if job.state == JobState.QUEUED:
        return job.created_at < now - datetime.timedelta(seconds=settings.REPORT_RESEND_AFTER)
    if job.state == JobState.RUNNING:
        beat = job.heartbeat_at or job.started_at or job.created_at
        return beat < now - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER)
    return False


@transaction.atomic
def report_retry(*, job: ReportJob, actor) -> ReportJob:
    """Generate a failed document again, or hand again one that has waited too long."""
    job = ReportJob.objects.select_for_update().get(pk=job.pk)
    if job.state == JobState.FAILED:
        transition_where(
            ReportJob.objects.filter(pk=job.pk), [JobState.FAILED], JobState.QUEUED, progress=0, error="", parts_done=0
        )
    elif not waiting_too_long(job):
        raise ValidationError(_("Only a failed document, or one waiting too long, can be generated again."))
    audit_log(
        actor=actor, action="report.retry", target=job, unit=job.province, from_state=job.state, to_state="queued"
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    job.refresh_from_db()
    return job


# --- Rendering: a plan task, one task per part, a final merge ---------------------------------------------------


def _stale_before():
    return timezone.now() - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER)


def _claim(job_id: int) -> int | None:
    """Start an attempt of a queued job, or of a running one whose tasks stopped giving signs of life (its worker
    died). Returns the attempt's number, or None when there is nothing to do: the job is done or failed, or it is
    running with a fresh heartbeat (a second delivery of the same task)."""
    now = timezone.now()
    claimed = transition_where(
        ReportJob.objects.filter(pk=job_id).filter(
            Q(state=JobState.QUEUED) | Q(heartbeat_at__lt=_stale_before()) | Q(heartbeat_at__isnull=True)
        ),
        [JobState.QUEUED, JobState.RUNNING],
        JobState.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        progress=0,
        parts_done=0,
        parts_total=0,
    )
    if not claimed:
        return None
    return ReportJob.objects.values_list("attempts", flat=True).get(pk=job_id)


def _current(job_id: int, attempt: int):
    """The job's row, if ``attempt`` is still its running attempt (a late task of an older one changes nothing)."""
    return ReportJob.objects.filter(pk=job_id, attempts=attempt, state=JobState.RUNNING)


def _fail(job_id: int, attempt: int, error: Exception) -> None:
    logger.exception("Report job %s (attempt %s) failed", job_id, attempt)
    transition_where(
        _current(job_id, attempt),
        [JobState.RUNNING],
        JobState.FAILED,
        error=(str(error) if isinstance(error, SigningError) else f"{type(error).__name__}: {error}")[:2000],
        finished_at=timezone.now(),
    )
    _clean_parts(job_id)


def part_path(job_id: int, attempt: int, index: int) -> str:
    return f"reports/parts/{job_id}/{attempt}-{index:05d}.pdf"


def _clean_parts(job_id: int) -> None:
    """Remove the job's part files (of every attempt) and rows: nothing is left behind once the job ends."""
    for name in ReportPart.objects.filter(job_id=job_id).exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    ReportPart.objects.filter(job_id=job_id).delete()


def report_plan(job_id: int) -> str:
    """The first task of a job: build the document's parts; render a one-part document here, or hand each part to
    a task of its own (``reports.render_part``) and let the last one hand the merge to ``reports.merge_report``."""
    from reports.tasks import render_part  # here: reports.tasks imports this module

    attempt = _claim(job_id)
    if attempt is None:
        return "skipped"
    job = ReportJob.objects.select_related("year_plan__province").get(pk=job_id)
    try:
        spec = build_document(job.kind, year_plan=job.year_plan, params=job.params)
        parts = list(spec.parts)
        if len(parts) <= 1:
            pdf, pages = render_parts(parts, page_numbers=job.kind not in UNNUMBERED_KINDS)
            return _finish(job, attempt, pdf, pages, spec.filename)
        _clean_parts(job_id)  # what an earlier attempt left; a late task of it removes its own file
        ReportPart.objects.bulk_create(
            [ReportPart(job_id=job_id, index=index, attempt=attempt) for index in range(len(parts))]
        )
        updated = _current(job_id, attempt).update(
            parts_total=len(parts), filename=spec.filename, heartbeat_at=timezone.now()
        )
        if not updated:
            return "superseded"
    except Exception as error:  # noqa: BLE001 - recorded on the job, shown with a retry button
        _fail(job_id, attempt, error)
        return JobState.FAILED
    for index, html in enumerate(parts):
        render_part.delay(job_id=job_id, attempt=attempt, index=index, html=html)
    return "dispatched"


def report_render_part(job_id: int, attempt: int, index: int, html: str) -> str:
    """Render one part on whichever worker takes it and put its PDF in the shared storage. A second delivery, or a
    task of an older attempt, does no harm: the file of a part is named by attempt and index, and only the
    attempt still running may record it."""
    from reports.tasks import merge_report  # here: reports.tasks imports this module

    if not _current(job_id, attempt).exists():
        return "superseded"
    part = ReportPart.objects.filter(job_id=job_id, index=index, attempt=attempt).first()
    if part is None or part.done:
        return "done already"
    pdf, pages = render_part(html)
    # The storage may give another name if a second delivery wrote the same part at the same moment.
    name = default_storage.save(part_path(job_id, attempt, index), ContentFile(pdf))
    with transaction.atomic():
        # The job's row is locked: parts finishing together count one after the other.
        job = _current(job_id, attempt).select_for_update().first()
        recorded = job is not None and ReportPart.objects.filter(pk=part.pk, attempt=attempt, done=False).update(
            done=True, file=name, pages=pages
        )
        if recorded:
            done = ReportPart.objects.filter(job_id=job_id, attempt=attempt, done=True).count()
            _current(job_id, attempt).update(
                parts_done=done, progress=min(99, done * 100 // max(job.parts_total, 1)), heartbeat_at=timezone.now()
            )
    if not recorded:
        default_storage.delete(name)  # a twin delivery recorded the part, or the attempt is over: no orphan file
        return "superseded"
    if done == job.parts_total:
        merge_report.delay(job_id=job_id, attempt=attempt)
    return "rendered"


def report_merge(job_id: int, attempt: int) -> str:
    """The final task: merge the parts of the attempt in order, number the pages, store the document. Claimed once
    per attempt, so two "last parts" finishing together merge once."""
    claimed = (
        _current(job_id, attempt)
        .exclude(merge_attempt=attempt)
        .update(merge_attempt=attempt, heartbeat_at=timezone.now())
    )
    if not claimed:
        return "skipped"
    job = ReportJob.objects.get(pk=job_id)
    try:
        names = list(
            ReportPart.objects.filter(job_id=job_id, attempt=attempt, done=True).values_list("file", flat=True)
        )
        if len(names) != job.parts_total:
            raise RuntimeError(f"{len(names)} of {job.parts_total} parts are ready")
        pdfs = []
        for name in names:
            with default_storage.open(name, "rb") as handle:
                pdfs.append(handle.read())
        pdf, pages = merge_parts(pdfs, page_numbers=job.kind not in UNNUMBERED_KINDS)
    except Exception as error:  # noqa: BLE001 - recorded on the job, shown with a retry button
        _fail(job_id, attempt, error)
        return JobState.FAILED
    return _finish(job, attempt, pdf, pages, job.filename)


def _finish(job: ReportJob, attempt: int, pdf: bytes, pages: int, filename: str) -> str:
    """Store the document once: only the attempt still running may; any other's file is removed again. A decision,
    a forwarding submission or minutes is signed first when a certificate is configured (reports/signing.py): the
    signed file is the one stored, and its checksum the one recorded."""
    signature = {}
    if signs(job.kind):
        try:
            signed = sign_pdf(pdf, anchor=signature_anchor(job), reason=str(job.get_kind_display()))
        except Exception as error:  # noqa: BLE001 - a certificate that cannot be used: recorded on the job
            if not isinstance(error, SigningError):
                error = SigningError(_("The document could not be digitally signed: %(error)s") % {"error": error})
            _fail(job.pk, attempt, error)
            return JobState.FAILED
        pdf, signature = signed.pdf, signed.as_json()
    job.file.save(filename, ContentFile(pdf), save=False)
    stored = transition_where(
        _current(job.pk, attempt),
        [JobState.RUNNING],
        JobState.DONE,
        progress=100,
        file=job.file.name,
        filename=filename,
        size=len(pdf),
        pages=pages,
        checksum=hashlib.sha256(pdf).hexdigest(),
        signature=signature,
        finished_at=timezone.now(),
    )
    if not stored:
        job.file.delete(save=False)
        return "superseded"
    _clean_parts(job.pk)
    _notify_ready(job, attempt)
    return JobState.DONE


def _notify_ready(job: ReportJob, attempt: int) -> None:
    """The secretariat user who asked is told the document is ready (the bell and an e-mail), once per attempt."""
    if job.kind == ReportKind.DATA_ENTRY_NOTICE:  # asked for from the monitoring page, by its statistics officer
        url = reverse("reports:monitoring", kwargs={"plan": job.year_plan_id})
    elif job.year_plan_id:
        url = reverse("reports:plan_reports", kwargs={"plan": job.year_plan_id})
    else:
        url = reverse("reports:download", kwargs={"pk": job.pk})
    notify(
        [job.requested_by],
        key=f"report:{job.pk}:done:{attempt}",
        text=lazy_text(
            _lazy("The document “%(document)s” is ready to download."), {"document": job.get_kind_display()}
        ),
        url=url,
        unit=job.province,
    )


def report_render(job_id: int) -> ReportJob | None:
    """Render a job to the end in this process (eager Celery, ``make run``, the tests that do not need workers)."""
    if report_plan(job_id) == "skipped":
        return None
    return ReportJob.objects.filter(pk=job_id).first()


# --- The sweep: nothing asked for is lost ------------------------------------------------------------------------


def sweep(now=None) -> dict:
    """Hand again to a worker what the broker lost or whose worker died: queued jobs no worker took, running jobs
    without a sign of life (a new attempt starts; a late task of the old one changes nothing), and verdicts marked
    for judgement whose refresh never ran. Run by beat every ``SWEEP_EVERY_SECONDS``."""

    now = now or timezone.now()
    resend_before = now - datetime.timedelta(seconds=settings.REPORT_RESEND_AFTER)
    stale_before = now - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER)
    waiting = ReportJob.objects.filter(
        Q(state=JobState.QUEUED) & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=resend_before))
        | Q(state=JobState.RUNNING)
        & (Q(heartbeat_at__lt=stale_before) | Q(heartbeat_at__isnull=True))
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale_before))
    ).values_list("pk", flat=True)
    jobs = list(waiting)
    for job_id in jobs:
        _enqueue(job_id)
    pairs = list(
        Verdict.objects.filter(stale=True, stale_since__lt=resend_before)
        .order_by()
        .values_list("line__proposal__unit__province_id", "line__proposal__year_plan__year")
        .distinct()
    )
    for province_id, year in pairs:
        try:
            refresh_verdicts.delay(province_id=province_id, year=year)
        except Exception:  # noqa: BLE001 - tried again at the next sweep
            logger.warning("Could not enqueue the verdict refresh of %s/%s", province_id, year, exc_info=True)
    if jobs or pairs:
        logger.info("Sweep: %s document jobs and %s verdict refreshes handed to workers", len(jobs), len(pairs))
    return {"jobs": len(jobs), "verdicts": len(pairs)}
