import logging

from celery import shared_task

from reports.services import report_render

logger = logging.getLogger(__name__)


@shared_task(name="reports.render_report", soft_time_limit=30 * 60, time_limit=32 * 60)
def render_report(*, job_id: int):
    """Render one requested document. Late acknowledgement: if the worker dies, the job is delivered again."""
    job = report_render(job_id)
    if job is None:
        logger.info("Report job %s is gone or already finished", job_id)
        return None
    return job.state
