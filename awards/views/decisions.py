from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from awards.enums import DecisionKind, DecisionState, LineState
from awards.exports import decision_table
from awards.forms import DecisionForm, IssueForm
from awards.models import Decision, ProposalLine
from awards.selectors import issue_preview
from awards.services.decisions import decision_create, decision_issue
from awards.views.dossiers import dossier_section
from movements.selectors import plan_for
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, has_role
from units.views_mixins import ServiceFormMixin, run_service
from units.xlsx import workbook_response


class DecisionListView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/decision_list.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        decisions = Decision.objects.for_user(self.request.user).filter(year_plan=plan).order_by("-pk")
        approved = ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.APPROVED).select_related(
            "title"
        )
        return {
            **super().get_context_data(**kwargs),
            "plan": plan,
            "decisions": decisions,
            "approved_provincial": sum(1 for line in approved if line.title.conferred_in_province),
            "approved_higher": sum(1 for line in approved if not line.title.conferred_in_province),
            "forwarded": ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.FORWARDED).count(),
        }


class DecisionCreateView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = DecisionForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in DecisionKind.values else {}

    def get_form_kwargs(self):
        lines = (
            ProposalLine.objects.filter(
                proposal__year_plan=self.plan, state__in=[LineState.APPROVED, LineState.FORWARDED]
            )
            .select_related("proposal__unit", "staff", "title")
            .order_by("title__category", "-title__display_order", "proposal__unit__display_order", "staff__sort_key")
        )
        return {**super().get_form_kwargs(), "lines": lines}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("New decision or submission"),
            "page_intro": _(
                "A decision lists approved lines the provincial head confers; a submission (tờ "
                "trình) forwards approved lines a higher level confers; a higher level's decision "
                "records forwarded lines it conferred."
            ),
            "cancel_url": reverse("awards:decision_list", kwargs={"plan": self.plan.pk}),
        }

    def form_done(self, form):
        data = form.cleaned_data
        decision = decision_create(
            year_plan=self.plan,
            kind=data["kind"],
            lines=data["lines"],
            actor=self.request.user,
            subject=data["subject"],
            issuer=data["issuer"],
        )
        return redirect("awards:decision_detail", pk=decision.pk)


def decision_for(user, pk) -> Decision:
    return get_object_or_404(Decision.objects.for_user(user).select_related("year_plan", "province"), pk=pk)


class DecisionDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/decision_detail.html"

    def get_context_data(self, **kwargs):
        decision = decision_for(self.request.user, self.kwargs["pk"])
        lines = decision_lines(decision)
        return {
            **super().get_context_data(**kwargs),
            "decision": decision,
            "lines": lines,
            "issue_form": IssueForm(),
            "draft": decision.state == DecisionState.DRAFT,
            **(dossier_section(decision) if self._dossier_shown(decision) else {}),
        }

    def _dossier_shown(self, decision) -> bool:
        return decision.kind == DecisionKind.FORWARDING and has_role(self.request.user, Role.SECRETARIAT)


class DecisionIssueView(SecretariatRequiredMixin, TemplateView):
    """GET (the number and date typed on the decision's page): what issuing will do (the award records or the
    forwarded lines per title, the units told, what gets locked), asked once; POST: issue."""

    template_name = "awards/decision_issue.html"

    def get(self, request, pk):
        decision = decision_for(request.user, pk)
        form = IssueForm(request.GET)
        if decision.state != DecisionState.DRAFT:
            messages.error(request, _("The document has already been issued."))
            return redirect("awards:decision_detail", pk=decision.pk)
        if not form.is_valid():
            messages.error(request, _("Give the number and the date (dd/mm/yyyy)."))
            return redirect("awards:decision_detail", pk=decision.pk)
        number, issued_on = form.cleaned_data["number"], form.cleaned_data["issued_on"]
        lines = list(decision_lines(decision))
        return self.render_to_response(
            self.get_context_data(
                decision=decision,
                number=number,
                issued_on=issued_on,
                preview=issue_preview(decision, lines, number),
                line_count=len(lines),
            )
        )

    def post(self, request, pk):
        decision = decision_for(request.user, pk)
        form = IssueForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the number and the date (dd/mm/yyyy)."))
        else:
            run_service(
                request,
                lambda: decision_issue(decision=decision, actor=request.user, **form.cleaned_data),
                _("The document was issued."),
            )
        return redirect("awards:decision_detail", pk=decision.pk)


class DecisionExportView(RoleRequiredMixin, View):
    """A decision's list as .xlsx, the rows of its page."""

    allowed_roles = DecisionDetailView.allowed_roles

    def get(self, request, pk):
        decision = decision_for(request.user, pk)
        header, rows = decision_table(decision, decision_lines(decision))
        number = slugify(decision.number) or str(decision.pk)
        return workbook_response(f"quyet-dinh-{number}.xlsx", _("List"), header, rows)


def decision_lines(decision):
    return (
        ProposalLine.objects.filter(decision_lines__decision=decision)
        .select_related("proposal__unit", "staff", "title")
        .order_by("title__category", "-title__display_order", "proposal__unit__display_order", "staff__sort_key")
    )
