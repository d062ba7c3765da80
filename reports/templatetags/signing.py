"""``{% load signing %}``: the digital signature of the province's documents on the pages that ask for them.

``{% job_signature job %}``: "Đã ký số" with the signer and time beside a generated document (the documents page);
``{% signing_status %}``: whether a certificate is configured, said to the secretariat as information ("Chưa cấu
hình chữ ký số"), not as an error; ``{% decision_signature decision %}``: the decision's (or forwarding
submission's) latest generated PDF, signed or not, with its download (one query)."""

from django import template
from django.utils.dateparse import parse_datetime

from awards.enums import DecisionKind
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.signing import signing_configured, time_text

register = template.Library()


def signature_context(job) -> dict:
    signature = (job.signature or {}) if job is not None else {}
    signed_at = parse_datetime(signature["signed_at"]) if signature.get("signed_at") else None
    return {
        "job": job,
        "signed": bool(signature),
        "signer": signature.get("signer", ""),
        "signed_at": time_text(signed_at) if signed_at else "",
        "fingerprint": signature.get("fingerprint", ""),
    }


@register.inclusion_tag("reports/includes/job_signature.html")
def job_signature(job):
    return signature_context(job)


@register.inclusion_tag("reports/includes/signing_status.html")
def signing_status():
    return {"configured": signing_configured()}


@register.inclusion_tag("reports/includes/decision_signature.html", takes_context=True)
def decision_signature(context, decision):
    kind = ReportKind.FORWARDING if decision.kind == DecisionKind.FORWARDING else ReportKind.DECISION
    job = (
        ReportJob.objects.for_user(context["user"])
        .filter(kind=kind, params__decision=decision.pk, state=JobState.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return {**signature_context(job), "configured": signing_configured()}
