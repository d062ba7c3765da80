from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from awards.enums import LineState, MeetingState
from awards.exports import review_table
from awards.forms import EndorsementForm, ReviewForm
from awards.models import CouncilMeeting, ProposalLine
from awards.selectors import cap_summary, lines_with_details, review_lines, review_version
from awards.services.council import agenda_add_title, endorsement_record
from awards.services.lines import review_accept, review_override, review_reject, review_return, verdicts_refresh
from awards.views.proposals import LineDetailView
from movements.models import Title
from movements.selectors import plan_for
from units.enums import Role
from units.generations import CountKept, kept_rows
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.selectors import province_units
from units.views_mixins import ServiceFormMixin, int_or_none, run_service
from units.xlsx import workbook_response


class ReviewListView(RoleRequiredMixin, TemplateView):
    """Every submitted line of the province and year with its eligibility verdict and the caps used/allowed. The
    secretariat's "check eligibility again" button posts here; the list is shown again with the same filters."""

    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/review_list.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        params = self.request.GET
        state, title_id, unit_id = (
            params.get("state", ""),
            int_or_none(params.get("title")),
            int_or_none(params.get("unit")),
        )
        state = state if state in LineState.values else ""
        lines = review_lines(plan, state=state, title_id=title_id, unit_id=unit_id)
        # Counted once per change of its tables; the key names all that ``review_lines`` filters on.
        count_key = ("review-lines", plan.pk, state, title_id, unit_id)
        page = Paginator(CountKept(lines, count_key), 30).get_page(params.get("page"))
        query = params.copy()
        query.pop("page", None)

        def table():
            rule_set, caps = cap_summary(plan.province, plan.year)
            page_lines = lines_with_details(lines.filter(pk__in=[line.pk for line in page.object_list]))
            return {"lines": page_lines, "caps": caps, "rule_set": rule_set}

        role = "secretariat" if self.request.user.is_secretariat else "council"
        return {
            **(to_council(self.request.user, plan) if self.request.user.is_secretariat else {}),
            **super().get_context_data(**kwargs),
            "plan": plan,
            "page_obj": page,
            # Rendered from the cache while no line or verdict of the plan has changed.
            "cache_key": f"{review_version(plan)}:{query.urlencode()}:{page.number}:{role}",
            "table": SimpleLazyObject(table),
            "states": LineState.choices,
            "titles": Title.objects.active(),
            "units": province_units(plan.province),
            "filters": {"state": state, "title": title_id, "unit": unit_id},
            "query_string": query.urlencode(),
        }

    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        if not request.user.is_secretariat:
            raise Http404  # council members read the list; only the secretariat has the button
        verdicts_refresh(plan.province, plan.year)
        return redirect(request.get_full_path())


def to_council(user, plan) -> dict:
    """The review list's bulk action: the accepted lines not yet on an agenda, counted by title (one query), and
    the meeting they would go to, the plan's next open meeting (one query, when a line waits)."""
    waiting = kept_rows(  # read again only after one of its tables was written (units.generations)
        ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.ACCEPTED, agenda_item__isnull=True)
        .values("title_id", "title__name")
        .annotate(count=Count("pk"))
        .order_by("title__category", "title__subject_kind", "-title__display_order", "title__name"),
        key=("review-waiting", plan.pk),
    )
    meeting = (
        CouncilMeeting.objects.for_user(user)
        .filter(year_plan=plan, state=MeetingState.PLANNED)
        .order_by("held_at", "pk")
        .first()
        if waiting
        else None
    )
    return {"council_meeting": meeting, "waiting_titles": waiting}


class ReviewToCouncilView(SecretariatRequiredMixin, View):
    """Send every accepted line of one title to the agenda of the plan's open meeting at once; the lines the gate
    refuses stay accepted and are listed with the reason."""

    def post(self, request, plan):
        plan = plan_for(request.user, plan)
        target = request.POST.get("next", "")
        back = redirect(
            target
            if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
            else reverse("awards:review", kwargs={"plan": plan.pk})
        )
        meetings = CouncilMeeting.objects.for_user(request.user).filter(year_plan=plan)
        if request.POST.get("meeting"):
            meeting = get_object_or_404(meetings, pk=int_or_none(request.POST["meeting"]))
        else:
            meeting = meetings.filter(state=MeetingState.PLANNED).order_by("held_at", "pk").first()
        title = Title.objects.filter(pk=int_or_none(request.POST.get("title"))).first()
        if meeting is None or title is None:
            messages.error(request, _("Choose a title and a planned council meeting."))
            return back

        def sent(result):
            items, refusals = result
            for refusal in refusals:
                messages.warning(request, refusal)
            return _("%(count)s line(s) of “%(title)s” put on the agenda of the meeting of %(date)s.") % {
                "count": len(items),
                "title": title.name,
                "date": formats.date_format(timezone.localtime(meeting.held_at), "d/m/Y"),
            }

        run_service(request, lambda: agenda_add_title(meeting=meeting, title=title, actor=request.user), sent)
        return back


class LineReviewView(SecretariatRequiredMixin, View):
    ACTIONS = {"accept": review_accept, "override": review_override, "return": review_return, "reject": review_reject}

    def post(self, request, pk):
        line = get_object_or_404(
            ProposalLine.objects.for_user(request.user).select_related("proposal__unit", "proposal__year_plan"),
            pk=pk,
        )
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an action."))
        else:
            action = form.cleaned_data["action"]
            reason = form.cleaned_data["reason"]

            def review():
                if action == "accept":
                    return review_accept(line=line, actor=request.user, note=reason)
                return self.ACTIONS[action](line=line, actor=request.user, reason=reason)

            run_service(request, review, _("Done: %(line)s.") % {"line": line})
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("awards:line_detail", pk=line.pk)


class EndorsementView(SecretariatRequiredMixin, ServiceFormMixin, LineDetailView):
    """The secretariat records the cluster's endorsement of a unit on the line's page; a refused entry shows the page
    again with the figures as entered."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.line = get_object_or_404(ProposalLine.objects.for_user(request.user), pk=pk)
        form = EndorsementForm(request.POST)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_done(self, form):
        endorsement_record(line=self.line, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The cluster's endorsement was recorded: %(line)s.") % {"line": self.line})
        return redirect("awards:line_detail", pk=self.line.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(endorsement_form=form))


class ReviewExportView(RoleRequiredMixin, View):
    """The review list as .xlsx: every line the filters select (all pages), with its state, check and decision."""

    allowed_roles = ReviewListView.allowed_roles

    def get(self, request, plan):
        plan = plan_for(request.user, plan)
        params = request.GET
        state = params.get("state", "")
        lines = review_lines(
            plan,
            state=state if state in LineState.values else "",
            title_id=int_or_none(params.get("title")),
            unit_id=int_or_none(params.get("unit")),
        )
        header, rows = review_table(lines)
        return workbook_response(f"de-nghi-khen-thuong-{plan.year}.xlsx", _("Proposals"), header, rows)
