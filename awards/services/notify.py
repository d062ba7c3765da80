"""E-mails of the award cycle, through the outbox (recorded, claimed, sent once)."""

from django.conf import settings
from django.urls import reverse

from units.enums import Role
from units.models import User
from units.outbox import outbox_record


def _officer_emails(unit) -> list[str]:
    emails = list(
        User.objects.filter(unit=unit, role=Role.OFFICER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return emails + ([unit.email] if unit.email else [])


def _secretariat_emails(province) -> list[str]:
    return list(
        User.objects.filter(province=province, role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def notify_line_returned(line):
    """The unit is told when a line is returned or rejected (keyed by line, state and change time)."""
    unit = line.proposal.unit
    outbox_record(
        key=f"line:{line.pk}:{line.state}:{line.updated_at.isoformat()}",
        recipients=_officer_emails(unit),
        template="line_reviewed",
        context={
            "line": line,
            "unit": unit,
            "url": settings.SITE_URL + reverse("awards:proposal_detail", kwargs={"pk": line.proposal_id}),
        },
        unit=unit,
    )


def notify_lines_decided(decision, lines):
    """Each unit is told, once per decision, which of its lines were awarded or forwarded."""
    by_unit = {}
    for line in lines:
        by_unit.setdefault(line.proposal.unit, []).append(line)
    for unit, unit_lines in by_unit.items():
        outbox_record(
            key=f"decision:{decision.pk}:unit:{unit.pk}",
            recipients=_officer_emails(unit),
            template="lines_decided",
            context={"decision": decision, "lines": unit_lines, "unit": unit},
            unit=unit,
        )


def notify_proposal_submitted(proposal, lines):
    outbox_record(
        key=f"proposal:{proposal.pk}:submitted:{proposal.submitted_at.isoformat()}",
        recipients=_secretariat_emails(proposal.unit.province),
        template="proposal_submitted",
        context={
            "proposal": proposal,
            "lines": lines,
            "url": settings.SITE_URL + reverse("awards:review", kwargs={"plan": proposal.year_plan_id}),
        },
        unit=proposal.unit,
    )
