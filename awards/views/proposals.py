from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from awards.enums import LineState, Outcome, ProposalKind
from awards.forms import LineForm, ProposalCreateForm
from awards.models import Proposal, ProposalLine
from awards.selectors import (
    DRAFTING_STATES,
    cap_summary,
    draft_preview,
    lines_with_details,
    proposals_for,
    secretariat_recipients,
    titles_count,
)
from awards.services.achievement import achievement_download_allowed, achievement_upload_allowed
from awards.services.proposals import (
    EDITABLE_STATES,
    initiatives_for,
    line_add,
    line_delete,
    line_update,
    proposal_create,
    proposal_submit,
)
from awards.views.council import endorsement_context
from movements.models import Movement
from movements.selectors import plan_for
from units.attachments import attachments_of
from units.enums import Role
from units.permissions import RoleRequiredMixin
from units.selectors import audit_trail
from units.views_mixins import ServiceFormMixin, run_service

READERS = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)


class ProposalListView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "awards/proposal_list.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        return {**super().get_context_data(**kwargs), "plan": plan, "proposals": proposals_for(self.request.user, plan)}


class ProposalCreateView(RoleRequiredMixin, ServiceFormMixin, FormView):
    allowed_roles = (Role.OFFICER,)
    form_class = ProposalCreateForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.is_officer:
                raise Http404
            self.plan = plan_for(request.user, kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        movements = Movement.objects.for_user(self.request.user).order_by("-start_date")
        return {**super().get_form_kwargs(), "movements": movements}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("New award proposal for %(year)s") % {"year": self.plan.year},
            "cancel_url": reverse("awards:proposal_list", kwargs={"plan": self.plan.pk}),
        }

    def form_done(self, form):
        proposal = proposal_create(
            unit=self.request.user.unit,
            year_plan=self.plan,
            kind=form.cleaned_data["kind"],
            movement=form.cleaned_data["movement"],
            description=form.cleaned_data["description"],
            actor=self.request.user,
        )
        return redirect("awards:proposal_detail", pk=proposal.pk)


def proposal_for(user, pk) -> Proposal:
    return get_object_or_404(
        Proposal.objects.for_user(user).select_related("unit", "unit__province", "year_plan", "movement"), pk=pk
    )


def with_preview(proposal: Proposal, lines: list[ProposalLine]):
    """The lines, each unsent one with ``preview`` (its verdict judged now, stored nowhere), and the caps as if
    they were sent; a proposal with nothing unsent shows the caps as they stand. Returns (rule set, caps)."""
    if not any(line.state in DRAFTING_STATES for line in lines):
        return cap_summary(proposal.unit.province, proposal.year_plan.year)
    preview = draft_preview(proposal)
    for line in lines:
        line.preview = preview.verdicts.get(line.pk)
    return preview.rule_set, preview.caps


class ProposalDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "awards/proposal_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        proposal = proposal_for(user, self.kwargs["pk"])
        lines = lines_with_details(proposal.lines.all())
        rule_set, caps = with_preview(proposal, lines)
        editable = user.is_officer and user.unit_id == proposal.unit_id
        return {
            **super().get_context_data(**kwargs),
            "proposal": proposal,
            "lines": lines,
            "caps": caps,
            "rule_set": rule_set,
            "editable": editable,
            "can_submit": editable and any(line.state in EDITABLE_STATES for line in lines),
        }


class ProposalSubmitView(RoleRequiredMixin, TemplateView):
    """GET: what sending will do (the lines per title, their verdicts judged now, who is e-mailed, what gets
    locked), asked once; POST: send."""

    allowed_roles = (Role.OFFICER,)
    template_name = "awards/proposal_submit.html"

    def get_proposal(self) -> Proposal:
        if not self.request.user.is_officer:
            raise Http404
        return proposal_for(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal()
        lines = lines_with_details(proposal.lines.filter(state__in=EDITABLE_STATES))
        if not lines:
            raise Http404
        rule_set, caps = with_preview(proposal, lines)
        plan = proposal.year_plan
        return {
            **super().get_context_data(**kwargs),
            "proposal": proposal,
            "lines": lines,
            "titles": titles_count(sorted(lines, key=lambda line: (line.title.category, -line.title.display_order))),
            "failing": sum(1 for line in lines if line.preview and line.preview.outcome == Outcome.FAIL),
            "caps": [cap for cap in caps if cap.pending],
            "rule_set": rule_set,
            "recipients": secretariat_recipients(proposal.unit.province),
            "deadline": plan.proposal_deadline if proposal.kind == ProposalKind.YEAR_END else None,
        }

    def post(self, request, pk):
        proposal = self.get_proposal()
        run_service(
            request,
            lambda: proposal_submit(proposal=proposal, actor=request.user),
            lambda lines: _("%(count)s line(s) sent to the council secretariat.") % {"count": len(lines)},
        )
        return redirect("awards:proposal_detail", pk=proposal.pk)


class LineFormView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """Add a line to a proposal (``pk``) or edit a draft or returned line (``line``)."""

    allowed_roles = (Role.OFFICER,)
    form_class = LineForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.is_officer:
                raise Http404
            self.line = None
            if "line" in kwargs:
                self.line = get_object_or_404(
                    ProposalLine.objects.for_user(request.user).select_related(
                        "proposal__unit", "proposal__year_plan", "staff", "title"
                    ),
                    pk=kwargs["line"],
                )
                self.proposal = self.line.proposal
            else:
                self.proposal = get_object_or_404(
                    Proposal.objects.for_user(request.user).select_related("unit", "year_plan"), pk=kwargs["pk"]
                )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "unit": self.proposal.unit,
            "initiatives": initiatives_for(self.proposal.unit),
            "line": self.line,
        }

    def get_context_data(self, **kwargs):
        title = _("Edit the line") if self.line else _("Add a line to the proposal")
        plan = self.proposal.year_plan
        intro = ""
        if plan.registration_required:
            intro = _(
                "A year-end emulation title can be proposed only if it was registered for that "
                "person or the unit and year (%(citation)s)."
            ) % {"citation": plan.citation(plan.registration_section)}
        return {
            **super().get_context_data(**kwargs),
            "page_title": title,
            "page_intro": intro,
            "attachments": attachments_of(self.line) if self.line else [],
            "cancel_url": reverse("awards:proposal_detail", kwargs={"pk": self.proposal.pk}),
        }

    def form_done(self, form):
        data = form.cleaned_data
        if self.line:
            line_update(
                line=self.line,
                actor=self.request.user,
                achievements=data["achievements"],
                initiatives=data["initiatives"],
                files=data["files"],
            )
        else:
            line_add(
                proposal=self.proposal,
                actor=self.request.user,
                title=data["title"],
                staff=form.subject_staff(),
                achievements=data["achievements"],
                initiatives=data["initiatives"],
                files=data["files"],
            )
        messages.success(self.request, _("The line was saved."))
        return redirect("awards:proposal_detail", pk=self.proposal.pk)


class LineDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "awards/line_detail.html"

    def get_context_data(self, **kwargs):
        line = lines_with_details(ProposalLine.objects.for_user(self.request.user).filter(pk=self.kwargs["pk"]))
        if not line:
            raise Http404
        line = line[0]
        if line.state in DRAFTING_STATES:
            line.preview = draft_preview(line.proposal).verdicts.get(line.pk)
        return {
            **super().get_context_data(**kwargs),
            "line": line,
            "history": audit_trail(line),
            "can_review": self.request.user.is_secretariat
            and line.state in (LineState.SUBMITTED, LineState.ACCEPTED, LineState.APPROVED),
            **endorsement_context(self.request.user, line, kwargs.get("endorsement_form")),
            "achievement": {
                "download": achievement_download_allowed(self.request.user, line),
                "upload": achievement_upload_allowed(self.request.user, line),
            },
        }


class LineDeleteView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.OFFICER,)
    template_name = "confirm_delete.html"

    def get_line(self):
        if not self.request.user.is_officer:
            raise Http404
        return get_object_or_404(
            ProposalLine.objects.for_user(self.request.user).select_related("proposal"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        line = self.get_line()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Delete a proposal line"),
            "question": _("Delete the line “%(line)s”?") % {"line": line},
            "cancel_url": reverse("awards:proposal_detail", kwargs={"pk": line.proposal_id}),
        }

    def post(self, request, pk):
        line = self.get_line()
        run_service(request, lambda: line_delete(line=line, actor=request.user), _("The line was deleted."))
        return redirect("awards:proposal_detail", pk=line.proposal_id)
