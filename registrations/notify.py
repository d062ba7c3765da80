"""E-mails of the registration flow, through the outbox (recorded with the submission, claimed, sent once).

A submission records two messages: a confirmation to the officer who submitted and a notification to the
province's secretariat. Their keys carry the submission's audit entry, so a resubmission after a return sends a
new pair while a retried task, or the send task delivered twice, sends nothing more.
"""

import logging
from collections import Counter

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from registrations.enums import RegistrationState
from registrations.models import Registration
from units.enums import Role
from units.models import AuditEntry, User
from units.outbox import outbox_record

logger = logging.getLogger(__name__)


def _secretariat_emails(province_id: int) -> list[str]:
    return list(
        User.objects.filter(province_id=province_id, role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def submission_context(registration: Registration) -> dict:
    """What was submitted, as the e-mails list it: the collective's title, counts per individual title (in the
    catalogue's order), how many do not register, and the time in Asia/Ho_Chi_Minh. One query for the lines."""
    lines = list(registration.lines.select_related("title"))
    collective = next((line for line in lines if line.staff_id is None), None)
    individual = [line for line in lines if line.staff_id is not None]
    counts = Counter(line.title for line in individual if line.title_id)
    titles = sorted(counts, key=lambda t: (t.category, t.subject_kind, t.display_order, t.name))
    submitted_at = timezone.localtime(registration.submitted_at, timezone.get_default_timezone())
    path = reverse("registrations:sheet", kwargs={"plan": registration.year_plan_id, "unit": registration.unit_id})
    return {
        "registration": registration,
        "unit": registration.unit,
        "plan": registration.year_plan,
        "collective_title": collective.title.name if collective and collective.title_id else "",
        "collective_reason": collective.not_registering_reason if collective else "",
        "staff_count": len(individual),
        "title_counts": [(title.name, counts[title]) for title in titles],
        "not_registering": sum(1 for line in individual if not line.title_id),
        "submitted_at_text": submitted_at.strftime("%d/%m/%Y %H:%M"),
        "url": f"{settings.SITE_URL}{path}",
    }


def notify_registration_submitted(registration: Registration, *, submission: AuditEntry) -> None:
    """Record the officer's confirmation (if they have an e-mail address) and the secretariat's notification
    (if anyone there has one). Sent after the commit; with the broker down they wait in the outbox."""
    actor = registration.submitted_by
    context = submission_context(registration) | {
        "submitted_by": actor.display_name if actor else "",
        "resubmitted": submission.from_state == RegistrationState.RETURNED,
    }
    key = f"registration:{registration.pk}:submission:{submission.pk}"
    if actor and actor.email:
        outbox_record(
            key=f"{key}:officer",
            recipients=[actor.email],
            template="registration_confirmation",
            context=context,
            unit=registration.unit,
        )
    secretariat = _secretariat_emails(registration.unit.province_id)
    if secretariat:
        outbox_record(
            key=f"{key}:secretariat",
            recipients=secretariat,
            template="registration_submitted",
            context=context,
            unit=registration.unit,
        )
    else:
        logger.info("Registration %s submitted; nobody in the secretariat has an e-mail address", registration.pk)
