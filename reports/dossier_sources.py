"""The generated documents a forwarding dossier holds (awards.dossiers): the submission's PDF with its list, the
minutes of the meetings that voted its lines, the public consultation's record. Registered from ``ready()``."""

from django.db.models import Q

from awards.dossiers import Source
from reports.enums import JobState, ReportKind
from reports.models import ReportJob

KINDS = {
    ReportKind.FORWARDING: "submission",
    ReportKind.VOTE_MINUTES: "minutes",
    ReportKind.CONSULTATION_RECORD: "consultation",
}


def _signed(job: ReportJob) -> dict | None:
    signature = job.signature or {}
    if not signature:
        return None
    return {"signer": signature.get("signer", ""), "signed_at": signature.get("signed_at") or signature.get("time", "")}


def _read(job: ReportJob):
    def read():
        with job.file.open("rb") as handle:
            return handle.read()

    return read


def generated_documents(decision, meeting_ids) -> list[Source]:
    """The newest finished job of each document (one query). The submission's PDF counts only if it was generated
    after the submission was issued, so that it carries the number and date."""
    jobs = ReportJob.objects.filter(province_id=decision.province_id, state=JobState.DONE).filter(
        Q(kind__in=[ReportKind.FORWARDING, ReportKind.CONSULTATION_RECORD], params__decision=decision.pk)
        | Q(kind=ReportKind.VOTE_MINUTES, params__meeting__in=list(meeting_ids))
    )
    found: dict[tuple, ReportJob] = {}
    for job in jobs.order_by("-finished_at", "-pk"):
        if job.kind == ReportKind.FORWARDING and (decision.updated_at is None or job.created_at < decision.updated_at):
            continue
        key = (job.kind, job.params.get("meeting"))
        found.setdefault(key, job)
    sources = []
    for (kind, meeting), job in found.items():
        name = {
            ReportKind.FORWARDING: "to-trinh-va-danh-sach",
            ReportKind.VOTE_MINUTES: f"bien-ban-hop-{meeting}",
            ReportKind.CONSULTATION_RECORD: "bien-ban-lay-y-kien",
        }[kind]
        sources.append(
            Source(
                kind=KINDS[kind],
                name=f"{name}.pdf",
                media_type="application/pdf",
                read=_read(job),
                ref=f"report:{job.pk}",
                sha256=job.checksum,
                signed=_signed(job),
                meeting=meeting,
            )
        )
    return sources
