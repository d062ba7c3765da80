"""Generated documents: requesting one, rendering it in the background, retrying a failed one."""

import datetime
import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from movements.models import YearPlan
from reports.documents import (
    DocumentSpec,
    council_pack_document,
    decision_document,
    registration_summary_document,
    scoring_results_document,
    vote_minutes_document,
)
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.pdf import render_parts
from units.services import audit_log

logger = logging.getLogger(__name__)


def build_document(kind: str, *, year_plan: YearPlan, params: dict) -> DocumentSpec:
    """The one place that knows which builder makes which kind of document."""
    from awards.models import CouncilMeeting, Decision

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
    if kind in (ReportKind.DECISION, ReportKind.FORWARDING):
        return decision_document(Decision.objects.get(pk=params["decision"], year_plan=year_plan))
    raise ValueError(f"Unknown document kind {kind!r}")


def _enqueue(job_id: int) -> None:
    from reports.tasks import render_report

    try:
        render_report.delay(job_id=job_id)
    except Exception:  # noqa: BLE001 - the job stays queued and can be retried from the page
        logger.warning("Could not enqueue report job %s", job_id, exc_info=True)


@transaction.atomic
def report_request(*, kind: str, year_plan: YearPlan, actor, params: dict | None = None) -> ReportJob:
    if kind not in ReportKind.values:
        raise ValidationError(_("Unknown document."))
    job = ReportJob.objects.create(
        kind=kind, province=year_plan.province, year_plan=year_plan, params=params or {}, requested_by=actor
    )
    audit_log(actor=actor, action="report.request", target=job, unit=year_plan.province, data={"kind": kind})
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


@transaction.atomic
def report_retry(*, job: ReportJob, actor) -> ReportJob:
    updated = ReportJob.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED, progress=0, error=""
    )
    if not updated:
        raise ValidationError(_("Only a failed document can be generated again."))
    audit_log(actor=actor, action="report.retry", target=job, unit=job.province, from_state="failed", to_state="queued")
    transaction.on_commit(lambda: _enqueue(job.pk))
    job.refresh_from_db()
    return job


def report_render(job_id: int) -> ReportJob | None:
    """Render a queued job and store the file. Safe to run again for the same job: a job that is already done or
    failed is left alone, and a job whose worker died mid-way (still "running") is rendered again from the start."""
    claimed = ReportJob.objects.filter(pk=job_id, state__in=[JobState.QUEUED, JobState.RUNNING]).update(
        state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, progress=0
    )
    if not claimed:
        return None
    job = ReportJob.objects.select_related("year_plan__province").get(pk=job_id)
    try:
        spec = build_document(job.kind, year_plan=job.year_plan, params=job.params)

        def progress(done_parts: int):
            percent = min(99, int(done_parts * 100 / max(spec.part_count, 1)))
            ReportJob.objects.filter(pk=job_id).update(progress=percent)

        pdf, pages = render_parts(spec.parts, progress=progress)
    except Exception as error:
        logger.exception("Report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            state=JobState.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        return ReportJob.objects.get(pk=job_id)
    job.file.save(spec.filename, ContentFile(pdf), save=False)
    ReportJob.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        state=JobState.DONE,
        progress=100,
        file=job.file.name,
        filename=spec.filename,
        size=len(pdf),
        pages=pages,
        checksum=hashlib.sha256(pdf).hexdigest(),
        finished_at=timezone.now(),
    )
    return ReportJob.objects.get(pk=job_id)
