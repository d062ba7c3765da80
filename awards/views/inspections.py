"""The council's inspections: the year's list (the plan and its inspections), an inspection's page with its record
and findings, and the forms of the secretariat (plan, inspection, record, findings, closure) and of the unit
(answers with evidence). The record's PDF is a ``reports`` view."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from awards.enums import FindingState
from awards.forms import (
    FindingAnswerForm,
    FindingForm,
    FindingReviewForm,
    InspectionForm,
    InspectionPlanForm,
    InspectionRecordForm,
)
from awards.models import Finding, Inspection, InspectionPlan
from awards.selectors import inspection_findings, inspection_list
from awards.services.inspections import (
    RECORD_FIELDS,
    finding_add,
    finding_answer,
    finding_review,
    inspection_create,
    inspection_issue,
    inspection_plan_create,
    inspection_record,
)
from movements.selectors import plan_for
from units.attachments import attachments_of
from units.enums import Role
from units.models import Staff
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, UnitMemberMixin
from units.selectors import province_units
from units.views_mixins import ServiceFormMixin, run_service

ALL_ROLES = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)


class InspectionListView(RoleRequiredMixin, PagerMixin, ListView):
    """The year's inspection plan and its inspections (an officer: their unit's)."""

    allowed_roles = ALL_ROLES
    template_name = "awards/inspection_list.html"
    context_object_name = "inspections"
    paginate_by = 30

    def get_queryset(self):
        self.plan = plan_for(self.request.user, self.kwargs["plan"])
        return inspection_list(self.request.user).filter(plan__year_plan=self.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            plan=self.plan,
            inspection_plan=InspectionPlan.objects.filter(year_plan=self.plan).first(),
            query_string="",
        )
        return context


class InspectionPlanCreateView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = InspectionPlanForm
    template_name = "form_page.html"

    def get_initial(self):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        return {
            "title": _("Inspection of the emulation and commendation work of the units, %(year)s") % {"year": plan.year}
        }

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Inspection plan %(year)s") % {"year": plan.year},
            "page_intro": _("Which units are inspected, when and by whom: add the inspections after saving the plan."),
            "cancel_url": reverse("awards:inspection_list", kwargs={"plan": plan.pk}),
        }

    def form_done(self, form):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        inspection_plan_create(year_plan=plan, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The inspection plan was saved."))
        return redirect("awards:inspection_list", plan=plan.pk)


class InspectionCreateView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = InspectionForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            plan = plan_for(request.user, kwargs["plan"])
            self.inspection_plan = get_object_or_404(InspectionPlan.objects.for_user(request.user), year_plan=plan)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        province = self.inspection_plan.province
        staff = (
            Staff.objects.for_user(self.request.user)
            .filter(unit__province=province, is_active=True)
            .select_related("unit")
            .roster_order()
        )
        return {**super().get_form_kwargs(), "units": province_units(province), "staff": staff}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Add an inspection to the plan"),
            "cancel_url": reverse("awards:inspection_list", kwargs={"plan": self.inspection_plan.year_plan_id}),
        }

    def form_done(self, form):
        data = form.cleaned_data
        inspection = inspection_create(
            plan=self.inspection_plan,
            actor=self.request.user,
            unit=data["unit"],
            body=data["body"],
            scheduled_on=data["scheduled_on"],
            leader=data["leader"],
            members=list(data["members"]),
        )
        messages.success(self.request, _("The inspection was added to the plan."))
        return redirect("awards:inspection_detail", pk=inspection.pk)


def _inspection(user, pk) -> Inspection:
    return get_object_or_404(
        Inspection.objects.for_user(user).select_related("unit", "plan__year_plan", "leader__unit"), pk=pk
    )


class InspectionDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = ALL_ROLES
    template_name = "awards/inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection = _inspection(self.request.user, self.kwargs["pk"])
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "inspection": inspection,
            "members": list(inspection.members.select_related("unit").order_by("sort_key")),
            "rows": inspection_findings(inspection),
            "can_manage": user.is_admin or user.role == Role.SECRETARIAT,
            "can_answer": user.is_admin or user.role in (Role.OFFICER, Role.SECRETARIAT),
            "answerable": (FindingState.OPEN, FindingState.NOT_ACCEPTED),
        }


class InspectionRecordView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = InspectionRecordForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.inspection = _inspection(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.inspection}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Inspection record: %(unit)s") % {"unit": self.inspection.unit.name},
            "page_intro": _("The record can be changed until it is issued to the unit."),
            "cancel_url": reverse("awards:inspection_detail", kwargs={"pk": self.inspection.pk}),
        }

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in RECORD_FIELDS}
        inspection_record(inspection=self.inspection, actor=self.request.user, **data)
        messages.success(self.request, _("The record was saved."))
        return redirect("awards:inspection_detail", pk=self.inspection.pk)


class FindingCreateView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = FindingForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.inspection = _inspection(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Add a finding: %(unit)s") % {"unit": self.inspection.unit.name},
            "cancel_url": reverse("awards:inspection_detail", kwargs={"pk": self.inspection.pk}),
        }

    def form_done(self, form):
        finding_add(inspection=self.inspection, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The finding was added."))
        return redirect("awards:inspection_detail", pk=self.inspection.pk)


class InspectionIssueView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        inspection = _inspection(request.user, pk)
        run_service(
            request,
            lambda: inspection_issue(inspection=inspection, actor=request.user),
            _("The record was issued; the unit was told."),
        )
        return redirect("awards:inspection_detail", pk=pk)


def _finding(user, pk) -> Finding:
    return get_object_or_404(Finding.objects.for_user(user).select_related("inspection__unit"), pk=pk)


class FindingAnswerView(UnitMemberMixin, ServiceFormMixin, FormView):
    form_class = FindingAnswerForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.finding = _finding(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"answer": self.finding.answer}

    def get_context_data(self, **kwargs):
        finding = self.finding
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Answer finding %(position)s") % {"position": finding.position},
            "page_intro": _("Finding: %(finding)s — to fix: %(remedy)s (by %(date)s).")
            % {"finding": finding.description, "remedy": finding.remedy, "date": f"{finding.due_date:%d/%m/%Y}"},
            "cancel_url": reverse("awards:inspection_detail", kwargs={"pk": finding.inspection_id}),
        }

    def form_done(self, form):
        finding_answer(
            finding=self.finding,
            actor=self.request.user,
            answer=form.cleaned_data["answer"],
            files=form.cleaned_data["files"],
        )
        messages.success(self.request, _("The answer was sent to the secretariat."))
        return redirect("awards:inspection_detail", pk=self.finding.inspection_id)


class FindingReviewView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = FindingReviewForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.finding = _finding(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        finding = self.finding
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Close finding %(position)s") % {"position": finding.position},
            "page_intro": _("The unit's answer: %(answer)s") % {"answer": finding.answer or "—"},
            "attachments": attachments_of(finding),
            "cancel_url": reverse("awards:inspection_detail", kwargs={"pk": finding.inspection_id}),
            "buttons": [
                ("accept", _("Fixed: close the finding"), "btn-primary"),
                ("reject", _("Not accepted"), "btn-outline-danger"),
            ],
        }

    def form_done(self, form):
        accept = "reject" not in self.request.POST
        finding_review(finding=self.finding, actor=self.request.user, accept=accept, note=form.cleaned_data["note"])
        messages.success(
            self.request,
            _("The finding was closed.") if accept else _("The answer was not accepted; the unit was told."),
        )
        return redirect("awards:inspection_detail", pk=self.finding.inspection_id)


__all__ = [
    "FindingAnswerView",
    "FindingCreateView",
    "FindingReviewView",
    "InspectionCreateView",
    "InspectionDetailView",
    "InspectionIssueView",
    "InspectionListView",
    "InspectionPlanCreateView",
    "InspectionRecordView",
]
