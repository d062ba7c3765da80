"""Asking for a document from the page of what it is about (a decision, a meeting, the scoring): the buttons sit on
the awards and scoring pages, the request is the reports app's, so those apps need not know how documents are
made (the layers, docs/architecture.md)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from awards.enums import DecisionKind, InspectionState
from awards.models import Consultation, CouncilMeeting, Decision, Inspection
from movements.selectors import plan_for
from reports.documents_inspections import inspection_record_document
from reports.enums import ReportKind
from reports.pdf import render_parts
from reports.services import report_request
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, has_role


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


class InspectionDocumentView(RoleRequiredMixin, View):
    """The record of an inspection (biên bản kiểm tra). The secretariat's goes through the report jobs to the
    documents page. An officer of the inspected unit, who has no documents page (the jobs are the province's),
    gets the issued record at once from the same builder (one or two pages); another unit's, or a record not yet
    issued, is a 404."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def post(self, request, pk):
        inspections = Inspection.objects.for_user(request.user)
        if not has_role(request.user, Role.SECRETARIAT):
            inspections = inspections.exclude(state=InspectionState.PLANNED)
        inspection = get_object_or_404(inspections.select_related("unit", "leader", "plan__year_plan__province"), pk=pk)
        year_plan = inspection.plan.year_plan
        if has_role(request.user, Role.SECRETARIAT):
            return _requested(
                request, kind=ReportKind.INSPECTION_RECORD, year_plan=year_plan, params={"inspection": inspection.pk}
            )
        spec = inspection_record_document(inspection)
        pdf, _pages = render_parts(list(spec.parts))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{spec.filename}"'
        return response


class ConsultationDocumentView(SecretariatRequiredMixin, View):
    """The record of a public consultation (biên bản kết quả lấy ý kiến)."""

    def post(self, request, pk):
        consultation = get_object_or_404(
            Consultation.objects.for_user(request.user).select_related("decision__year_plan"), pk=pk
        )
        year_plan = consultation.decision.year_plan
        return _requested(
            request, kind=ReportKind.CONSULTATION_RECORD, year_plan=year_plan, params={"consultation": consultation.pk}
        )
