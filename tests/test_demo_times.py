"""Issue 14: demo rows of 2018 carried 2026 times ("Thay đổi gần nhất 13:18 01/12/2026"). After ``seed_demo`` no
row of the 2018 plan (registrations, proposals, their lines, meetings, decisions, scores, audit entries) is
stamped after 2018, and a submitted registration reads its submission time."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from awards.models import CouncilMeeting, Decision, Proposal, ProposalLine
from movements.models import ScoringSheet, UnitScore, YearPlan
from registrations.enums import RegistrationState
from registrations.models import Registration
from units.models import AuditEntry


def test_seed_demo_rows_of_2018_carry_2018_times(db):
    call_command("seed_demo", verbosity=0)
    plan = YearPlan.objects.get(year=2018)
    end = datetime.datetime(2019, 1, 1, tzinfo=timezone.get_current_timezone())
    rows = {
        Registration: Registration.objects.filter(year_plan=plan),
        Proposal: Proposal.objects.filter(year_plan=plan),
        ProposalLine: ProposalLine.objects.filter(proposal__year_plan=plan),
        CouncilMeeting: CouncilMeeting.objects.filter(year_plan=plan),
        Decision: Decision.objects.filter(year_plan=plan),
        ScoringSheet: ScoringSheet.objects.filter(year_plan=plan),
        UnitScore: UnitScore.objects.filter(sheet__year_plan=plan),
    }
    late = Q(created_at__gte=end) | Q(updated_at__gte=end)
    for model, queryset in rows.items():
        assert queryset.exists(), model
        assert not queryset.filter(late).exists(), model
        audit = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=queryset.values("pk")
        )
        assert audit.exists(), model
        assert not audit.filter(created_at__gte=end).exists(), model
    submitted = Registration.objects.filter(year_plan=plan, state=RegistrationState.SUBMITTED).first()
    assert submitted.updated_at == submitted.submitted_at
    assert YearPlan.objects.get(pk=plan.pk).created_at.year == 2018
    # The current year keeps its real times.
    current = YearPlan.objects.get(year=timezone.localdate().year)
    assert current.created_at.date() == timezone.now().date()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
