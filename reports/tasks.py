"""Documents in the background: a plan task per job, a task per part (spread over every worker process on every
machine), a final merge. Every task is safe to run twice and carries the attempt it belongs to (``reports.services``).
"""

import logging

from celery import shared_task

from reports.monitoring_services import snapshots_take_all
from reports.services import report_merge, report_plan, report_render_part, sweep

logger = logging.getLogger(__name__)


@shared_task(name="reports.render_report", soft_time_limit=10 * 60, time_limit=11 * 60)
def render_report(*, job_id: int):
    """Start an attempt of a requested document: build its parts and hand each to ``reports.render_part``."""
    return report_plan(job_id)


@shared_task(
    name="reports.render_part",
    soft_time_limit=5 * 60,
    time_limit=6 * 60,
    autoretry_for=(OSError,),
    retry_backoff=5,
    max_retries=3,
)
def render_part(*, job_id: int, attempt: int, index: int, html: str):
    """Render one part; a failed part is retried alone."""
    return report_render_part(job_id, attempt, index, html)


@shared_task(name="reports.merge_report", soft_time_limit=10 * 60, time_limit=11 * 60)
def merge_report(*, job_id: int, attempt: int):
    """Merge the parts of an attempt, number the pages and store the document."""
    return report_merge(job_id, attempt)


@shared_task(name="reports.sweep", soft_time_limit=60, time_limit=90)
def sweep_task():
    """Hand again to a worker the documents and verdict refreshes the broker lost or whose worker died."""
    return sweep()


@shared_task(name="reports.data_entry_snapshot", soft_time_limit=10 * 60, time_limit=11 * 60)
def data_entry_snapshot():
    """Monthly (plan II.2.3): every province's units' data completeness for the month that just ended."""
    return snapshots_take_all()
