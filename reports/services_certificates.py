"""Printing a decision's certificates: the register numbers are given, then the PDF is asked for, in one
transaction, so the job (rendered after the commit, by any worker) prints the numbers just given."""

from django.db import transaction

from awards.models import Decision
from awards.services.certificates import register_numbers_assign
from reports.enums import ReportKind
from reports.models import ReportJob
from reports.services import report_request


@transaction.atomic
def certificates_print(*, decision: Decision, actor) -> ReportJob:
    """Number the decision's awards not yet numbered (a reprint numbers none) and queue the certificates' PDF."""
    register_numbers_assign(decision, actor)
    return report_request(
        kind=ReportKind.CERTIFICATES, year_plan=decision.year_plan, actor=actor, params={"decision": decision.pk}
    )
