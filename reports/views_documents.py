"""Asking for a document from the page of what it is about (a decision, a meeting, the scoring): the buttons sit on
the awards and scoring pages, the request is the reports app's, so those apps need not know how documents are
made (the layers, docs/architecture.md)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from awards.enums import DecisionKind
from awards.models import CouncilMeeting, Decision, Inspection
from movements.selectors import plan_for
from reports.enums import ReportKind
from reports.services import report_request
from units.permissions import SecretariatRequiredMixin


def _requested(request, *, kind, year_plan, params=None):
    report_request(kind=kind, year_plan=year_plan, actor=request.user, params=params or {})
    # No flash message: the documents page says a document is being made while one is (it may be done already).
    return redirect("reports:plan_reports", plan=year_plan.pk)


class DecisionDocumentView(SecretariatRequiredMixin, View):
    """The PDF of a decision with its list, or of a forwarding submission."""

    def post(self, request, pk):
        decision = get_object_or_404(Decision.objects.for_user(request.user).select_related("year_plan"), pk=pk)
        kind = ReportKind.FORWARDING if decision.kind == DecisionKind.FORWARDING else ReportKind.DECISION
        return _requested(request, kind=kind, year_plan=decision.year_plan, params={"decision": decision.pk})


class MeetingDocumentView(SecretariatRequiredMixin, View):
    """The council pack or the vote-count minutes of a meeting."""

    KINDS = {"pack": ReportKind.COUNCIL_PACK, "minutes": ReportKind.VOTE_MINUTES}

    def post(self, request, pk):
        meeting = get_object_or_404(CouncilMeeting.objects.for_user(request.user).select_related("year_plan"), pk=pk)
        kind = self.KINDS.get(request.POST.get("document"))
        if kind is None:
            messages.error(request, _("Unknown document."))
            return redirect("reports:plan_reports", plan=meeting.year_plan_id)
        return _requested(request, kind=kind, year_plan=meeting.year_plan, params={"meeting": meeting.pk})


class ScoringDocumentView(SecretariatRequiredMixin, View):
    """The scoring results of a plan year."""

    def post(self, request, plan):
        return _requested(request, kind=ReportKind.SCORING_RESULTS, year_plan=plan_for(request.user, plan))


class InspectionDocumentView(SecretariatRequiredMixin, View):
    """The record of an inspection (biên bản kiểm tra)."""

    def post(self, request, pk):
        inspection = get_object_or_404(
            Inspection.objects.for_user(request.user).select_related("plan__year_plan"), pk=pk
        )
        year_plan = inspection.plan.year_plan
        return _requested(
            request, kind=ReportKind.INSPECTION_RECORD, year_plan=year_plan, params={"inspection": inspection.pk}
        )
