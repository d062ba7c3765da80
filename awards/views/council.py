from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from awards.caps import cap_usages
from awards.enums import LineState, MeetingState, VoteBase
from awards.forms import EndorsementForm, GroupTallyForm, MeetingForm, TallyForm
from awards.models import AgendaItem, ClusterEndorsement, CouncilMeeting, MeetingMember, ProposalLine, RuleSet
from awards.selectors import cluster_unit_count, endorsement_rule, meeting_version
from awards.services.council import (
    ENDORSEMENT_CLOSED_STATES,
    agenda_add,
    agenda_outlooks,
    counted_base_text,
    endorsement_met,
    endorsement_percent,
    meeting_close,
    meeting_close_summary,
    meeting_create,
    tally_record,
    tally_record_group,
)
from movements.selectors import plan_for
from units.enums import Role
from units.models import Staff
from units.numbers import percent_text
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, run_service

COUNCIL = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)


class MeetingListView(RoleRequiredMixin, TemplateView):
    allowed_roles = COUNCIL
    template_name = "awards/meeting_list.html"

    def get_context_data(self, **kwargs):
        plan = plan_for(self.request.user, self.kwargs["plan"])
        meetings = CouncilMeeting.objects.for_user(self.request.user).filter(year_plan=plan)
        return {**super().get_context_data(**kwargs), "plan": plan, "meetings": meetings}


class MeetingCreateView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = MeetingForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = plan_for(request.user, kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        staff = (
            Staff.objects.filter(unit__province=self.plan.province, is_active=True)
            .select_related("unit")
            .roster_order()
        )
        return {**super().get_form_kwargs(), "staff": staff}

    def get_context_data(self, **kwargs):
        rule_set = RuleSet.objects.for_year(self.plan.year)
        if rule_set is not None and rule_set.vote_base == VoteBase.MEMBERS_LESS_RECUSED:
            intro = _(
                "Members from a proposing unit or proposed themselves are recused from that line; its approval is "
                "counted on the members less those recused (rule set %(rule_set)s)."
            )
        else:
            intro = _(
                "Members from a proposing unit or proposed themselves are recused from that line; its approval is "
                "counted on the total membership, recused members included (rule set %(rule_set)s)."
            )
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Council meeting, %(year)s") % {"year": self.plan.year},
            "page_intro": intro % {"rule_set": rule_set.name if rule_set else "–"},
            "cancel_url": reverse("awards:meeting_list", kwargs={"plan": self.plan.pk}),
        }

    def form_done(self, form):
        data = form.cleaned_data
        absent = set(data["absent"])
        members = [(staff, staff.position, staff not in absent) for staff in data["members"]]
        meeting = meeting_create(
            year_plan=self.plan,
            actor=self.request.user,
            held_at=data["held_at"],
            members=members,
            location=data["location"],
            chair=data["chair"].full_name if data["chair"] else "",
            secretary=data["secretary"].full_name if data["secretary"] else "",
        )
        return redirect("awards:meeting_detail", pk=meeting.pk)


def meeting_for(user, pk) -> CouncilMeeting:
    return get_object_or_404(
        CouncilMeeting.objects.for_user(user)
        .select_related("year_plan", "province")
        .prefetch_related(Prefetch("members", queryset=MeetingMember.objects.select_related("staff", "staff__unit"))),
        pk=pk,
    )


class MeetingDetailView(RoleRequiredMixin, TemplateView):
    """The agenda with each line's tally; the secretariat enters the count, council members read it."""

    allowed_roles = COUNCIL
    template_name = "awards/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(
            CouncilMeeting.objects.for_user(self.request.user).select_related("year_plan", "province"),
            pk=self.kwargs["pk"],
        )
        role = "secretariat" if self.request.user.is_secretariat else "council"
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            # The page below its heading is rendered from the cache while nothing it shows has changed (its forms'
            # CSRF tokens filled in on every request, ``units.templatetags.fragments``); built only on a miss.
            "cache_key": f"{meeting_version(meeting)}:{role}",
            "table": SimpleLazyObject(lambda: agenda_table(meeting)),
            "tally_form": TallyForm(),
            "open": meeting.state == MeetingState.PLANNED,
        }


def agenda_table(meeting: CouncilMeeting) -> dict:
    """The agenda with each line's tally or outlook, grouped by title, the caps the council chooses within, the
    members and the accepted lines waiting for an agenda."""
    prefetch_related_objects(
        [meeting], Prefetch("members", queryset=MeetingMember.objects.select_related("staff", "staff__unit"))
    )
    agenda = list(
        AgendaItem.objects.filter(meeting=meeting).select_related(
            "line__proposal__unit", "line__staff", "line__title", "line__verdict"
        )
    )
    # Before the vote, whether the recusals leave the threshold within reach; after it, the base it was counted on.
    outlooks = agenda_outlooks(meeting, agenda)
    # Beyond a binding cap the council chooses: the page says how many of how many, and offers "not chosen".
    caps = cap_usages(meeting.province, meeting.year_plan.year, plan=meeting.year_plan)
    choices = [cap for cap in caps.values() if cap.binding and cap.over]
    for item in agenda:
        item.outlook = outlooks.get(item.pk)
        item.base_text = counted_base_text(item, meeting.members_total)
        item.cap = next((cap for cap in choices if cap.title.pk == item.line.title_id), None)
    waiting = ProposalLine.objects.filter(
        proposal__year_plan=meeting.year_plan, state=LineState.ACCEPTED, agenda_item__isnull=True
    ).count()
    return {
        "agenda": agenda,
        "groups": agenda_groups(agenda),
        "cap_choices": choices,
        "members": meeting.members.all(),
        "waiting": waiting,
    }


# A group of at most this many lines is shown open; a longer one is folded to its summary and its group form.
GROUP_OPEN_UP_TO = 5


@dataclass
class AgendaGroup:
    """The agenda items of one title, in agenda order, with what the group's summary says."""

    title: object
    items: list = field(default_factory=list)

    @property
    def pending(self) -> list:
        return [item for item in self.items if not item.counted]

    @property
    def approved(self) -> int:
        return sum(1 for item in self.items if item.approved)

    @property
    def counted(self) -> int:
        return len(self.items) - len(self.pending)

    @property
    def cap(self):
        return next((item.cap for item in self.items if item.cap), None)

    @property
    def folded(self) -> bool:
        return len(self.items) > GROUP_OPEN_UP_TO


def agenda_groups(agenda: list[AgendaItem]) -> list[AgendaGroup]:
    """The agenda grouped by title, the groups in the order their first line comes on the agenda."""
    groups: dict[int, AgendaGroup] = {}
    for item in agenda:
        groups.setdefault(item.line.title_id, AgendaGroup(title=item.line.title)).items.append(item)
    return list(groups.values())


class AgendaAddView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        meeting = meeting_for(request.user, pk)
        lines = (
            ProposalLine.objects.filter(
                proposal__year_plan=meeting.year_plan, state=LineState.ACCEPTED, agenda_item__isnull=True
            )
            .select_related("proposal__unit", "title", "staff")
            .order_by(
                "title__category",
                "title__subject_kind",
                "-title__display_order",
                "proposal__unit__display_order",
                "staff__sort_key",
            )
        )
        run_service(
            request,
            lambda: agenda_add(meeting=meeting, lines=lines, actor=request.user),
            lambda items: _("%(count)s accepted line(s) put on the agenda.") % {"count": len(items)},
        )
        return redirect("awards:meeting_detail", pk=meeting.pk)


class TallyView(SecretariatRequiredMixin, View):
    """One line's own tally (an exception to its group's count). GET: the line alone with its form, reached from a
    folded group, whose rows carry a link instead of a form each (an agenda of 300 lines stays a light page);
    POST: record it and go back to the line on the agenda."""

    def item(self, pk) -> AgendaItem:
        return get_object_or_404(
            AgendaItem.objects.filter(meeting__in=CouncilMeeting.objects.for_user(self.request.user)).select_related(
                "meeting__year_plan",
                "meeting__province",
                "line__proposal__unit",
                "line__staff",
                "line__title",
                "line__verdict",
            ),
            pk=pk,
        )

    def get(self, request, pk):
        item = self.item(pk)
        meeting = item.meeting
        back = reverse("awards:meeting_detail", kwargs={"pk": meeting.pk}) + f"#item-{item.pk}"
        if meeting.state != MeetingState.PLANNED or item.counted:
            return redirect(back)
        item.outlook = agenda_outlooks(meeting, [item]).get(item.pk)
        caps = cap_usages(meeting.province, meeting.year_plan.year, plan=meeting.year_plan)
        cap = caps.get(item.line.title_id)
        item.cap = cap if cap is not None and cap.binding and cap.over else None
        context = {"meeting": meeting, "item": item, "tally_form": TallyForm(), "back": back}
        return render(request, "awards/tally_item.html", context)

    def post(self, request, pk):
        item = self.item(pk)
        form = TallyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter every count as a whole number."))
        else:
            data = dict(form.cleaned_data)
            chosen = not data.pop("not_chosen")
            run_service(
                request,
                lambda: tally_record(item=item, actor=request.user, chosen=chosen, **data),
                _tally_message,
            )
        return redirect(reverse("awards:meeting_detail", kwargs={"pk": item.meeting_id}) + f"#item-{item.pk}")


def _tally_message(item: AgendaItem) -> str:
    outcome = _("approved") if item.approved else _("not approved")
    return _("%(line)s: %(percent)s – %(outcome)s.") % {
        "line": item.line,
        "percent": percent_text(item.approval_percent, None),
        "outcome": outcome,
    }


class GroupTallyView(SecretariatRequiredMixin, View):
    """One tally for every line of a title not counted yet (the lines recorded on their own are the exceptions)."""

    def post(self, request, pk):
        meeting = meeting_for(request.user, pk)
        form = GroupTallyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter every count as a whole number."))
            return redirect("awards:meeting_detail", pk=meeting.pk)
        data = dict(form.cleaned_data)
        title_id, not_chosen = data.pop("title"), set(data.pop("not_chosen_items"))
        items = list(
            AgendaItem.objects.filter(meeting=meeting, line__title_id=title_id).select_related(
                "line__title", "line__staff"
            )
        )
        exceptions = {item.pk: {"chosen": False} for item in items if item.pk in not_chosen}
        run_service(
            request,
            lambda: tally_record_group(
                meeting=meeting, items=items, actor=request.user, counts=data, exceptions=exceptions
            ),
            lambda recorded: (
                _("%(count)s line(s) counted: %(approved)s approved, %(rest)s not approved.")
                % {
                    "count": len(recorded),
                    "approved": sum(1 for item in recorded if item.approved),
                    "rest": sum(1 for item in recorded if not item.approved),
                }
            ),
        )
        return redirect(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk}) + f"#group-{title_id}")


class MeetingCloseConfirmView(SecretariatRequiredMixin, TemplateView):
    """What closing the meeting does, asked once before the meeting is closed (a page, so it works without
    JavaScript)."""

    template_name = "awards/meeting_close.html"

    def get_context_data(self, **kwargs):
        meeting = meeting_for(self.request.user, self.kwargs["pk"])
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            "summary": meeting_close_summary(meeting),
            "open": meeting.state == MeetingState.PLANNED,
        }


class MeetingCloseView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        meeting = meeting_for(request.user, pk)
        run_service(request, lambda: meeting_close(meeting=meeting, actor=request.user), _("The meeting was closed."))
        return redirect("awards:meeting_detail", pk=meeting.pk)


def endorsement_context(user, line: ProposalLine, form: EndorsementForm | None = None) -> dict:
    """The cluster's endorsement shown on a line's page (a unit proposed for a title that needs it), with the
    secretariat's form while the line is open. Empty for other lines."""
    rule = endorsement_rule(line)
    if rule is None:
        return {}
    record = ClusterEndorsement.objects.filter(line=line).first()
    can_record = user.is_secretariat and line.state not in ENDORSEMENT_CLOSED_STATES
    if can_record and form is None:
        if record:
            initial = {
                "units_total": record.units_total,
                "units_agreeing": record.units_agreeing,
                "held_on": record.held_on,
                "note": record.note,
            }
        else:
            initial = {"units_total": cluster_unit_count(line.proposal.unit)}
        form = EndorsementForm(initial=initial)
    percent = endorsement_percent(record) if record else None
    return {
        "endorsement": {
            "required": rule.cluster_endorsement_percent,
            "record": record,
            "percent": percent,
            "met": record is not None and endorsement_met(record, rule.cluster_endorsement_percent),
            "form": form if can_record else None,
        }
    }
