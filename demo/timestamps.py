"""Demo rows belong to their year. The demo builds 2018 through the services today, so every ``created_at``,
``updated_at`` and audit time would read 2026 ("Thay đổi gần nhất 13:18 01/12/2026" on a 2018 registration).
After a year is built, :func:`settle_year` moves each of its rows stamped after the year's end to a fixed time on
the day its event happened in the demo's story (a registration when it was submitted, a decision on its date…),
and its audit entries to the time of their row. Only the demo does this, with queryset ``update()``: the
services never write a time they did not live."""

import datetime
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Subquery

from awards.models import AwardRecord, CouncilMeeting, Decision, Proposal, ProposalLine
from movements.models import ExemplaryIndividual, MovementReport, Pledge, ScoringSheet, UnitScore, YearPlan
from registrations.models import Registration
from units.models import AuditEntry


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _settle(queryset, *, end, created, updated=None) -> None:
    """Rows stamped after ``end`` get ``created`` and ``updated`` (a time, or an expression)."""
    queryset.filter(created_at__gt=end).update(created_at=created)
    queryset.filter(updated_at__gt=end).update(updated_at=updated if updated is not None else created)


def settle_year(plan: YearPlan) -> None:
    year = plan.year
    end = _at(year, 12, 31, 23)
    if end >= datetime.datetime.now(tz=end.tzinfo):
        return  # a year not over keeps its real times
    settle = partial(_settle, end=end)
    issued = _at(year, 1, 5, 8) if plan.issued_on is None else _at(year, plan.issued_on.month, plan.issued_on.day, 8)
    settle(YearPlan.objects.filter(pk=plan.pk), created=issued)
    deadline = plan.registration_deadline
    registrations = Registration.objects.filter(year_plan=plan)
    settle(registrations.filter(submitted_at__isnull=False), created=F("submitted_at"))
    settle(registrations.filter(submitted_at__isnull=True), created=_at(year, deadline.month, deadline.day, 15))
    proposals = Proposal.objects.filter(year_plan=plan)
    settle(proposals.filter(submitted_at__isnull=False), created=F("submitted_at"))
    settle(proposals.filter(submitted_at__isnull=True), created=_at(year, 11, 20))
    decision_day = Decision.objects.filter(year_plan=plan, issued_on__isnull=False).order_by("issued_on").first()
    decided = (
        _at(year, 12, 25, 10)
        if decision_day is None
        else _at(year, decision_day.issued_on.month, decision_day.issued_on.day, 10)
    )
    settle(ProposalLine.objects.filter(proposal__year_plan=plan), created=_at(year, 11, 20), updated=decided)
    settle(CouncilMeeting.objects.filter(year_plan=plan), created=_at(year, 12, 10), updated=F("held_at"))
    settle(Decision.objects.filter(year_plan=plan), created=_at(year, 12, 24), updated=decided)
    settle(AwardRecord.objects.filter(year=year, unit__province=plan.province), created=decided)
    settle(Pledge.objects.filter(year_plan=plan), created=_at(year, 2, 15))
    settle(ExemplaryIndividual.objects.filter(year_plan=plan), created=_at(year, 10, 15))
    settle(
        MovementReport.objects.filter(movement__province=plan.province, movement__start_date__year=year),
        created=_at(year, 10, 30),
    )
    settle(
        MovementReport.objects.filter(
            submitted_at__isnull=False, movement__start_date__year=year, movement__province=plan.province
        ),
        created=F("submitted_at"),
    )
    settle(ScoringSheet.objects.filter(year_plan=plan), created=_at(year, 12, 1))
    settle(UnitScore.objects.filter(sheet__year_plan=plan), created=_at(year, 12, 5), updated=_at(year, 12, 15))
    # The audit entries of those rows: at their row's time (their order stays that of their ids).
    for model, rows in (
        (YearPlan, YearPlan.objects.filter(pk=plan.pk)),
        (Registration, registrations),
        (Proposal, proposals),
        (ProposalLine, ProposalLine.objects.filter(proposal__year_plan=plan)),
        (CouncilMeeting, CouncilMeeting.objects.filter(year_plan=plan)),
        (Decision, Decision.objects.filter(year_plan=plan)),
        (Pledge, Pledge.objects.filter(year_plan=plan)),
        (ExemplaryIndividual, ExemplaryIndividual.objects.filter(year_plan=plan)),
        (ScoringSheet, ScoringSheet.objects.filter(year_plan=plan)),
        (UnitScore, UnitScore.objects.filter(sheet__year_plan=plan)),
        (
            MovementReport,
            MovementReport.objects.filter(movement__province=plan.province, movement__start_date__year=year),
        ),
    ):
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=rows.values("pk"),
            created_at__gt=end,
        ).update(created_at=Subquery(model.objects.filter(pk=OuterRef("object_id")).values("updated_at")[:1]))
