"""The council meeting: members and attendance, the agenda of accepted lines, the secret-ballot tally; the
cluster's endorsement of a unit proposed for a title that needs one."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.caps import cap_usages
from awards.enums import LineState, MeetingState, VoteBase
from awards.models import (
    AgendaItem,
    ClusterEndorsement,
    CouncilMeeting,
    MeetingMember,
    ProposalLine,
    RuleSet,
    TitleRule,
)
from awards.selectors import endorsement_rule
from awards.services.lines import gate, gate_refusals, line_transition, schedule_verdicts_refresh
from movements.models import Title, YearPlan
from units.models import Staff
from units.numbers import percent_text
from units.services import audit_log
from units.text import clean
from units.workflow import transition


@transaction.atomic
def meeting_create(
    *,
    year_plan: YearPlan,
    actor,
    held_at: datetime.datetime,
    members: list[tuple[Staff, str, bool]],
    location: str = "",
    chair: str = "",
    secretary: str = "",
) -> CouncilMeeting:
    """``members``: (staff, role in the council, present) for every member of the council."""
    if not members:
        raise ValidationError(_("List the council's members."))
    if any(staff.unit.province_id != year_plan.province_id for staff, _role, _present in members):
        raise ValidationError(_("Council members must be staff of the province."))
    meeting = CouncilMeeting.objects.create(
        province=year_plan.province,
        year_plan=year_plan,
        held_at=held_at,
        location=location.strip(),
        chair=chair.strip(),
        secretary=secretary.strip(),
        members_total=len(members),
        members_present=sum(1 for _s, _r, present in members if present),
    )
    MeetingMember.objects.bulk_create(
        MeetingMember(meeting=meeting, staff=staff, role=role, present=present) for staff, role, present in members
    )
    audit_log(
        actor=actor,
        action="meeting.create",
        target=meeting,
        unit=year_plan.province,
        data={"members": meeting.members_total, "present": meeting.members_present},
    )
    return meeting


def _open(meeting: CouncilMeeting) -> None:
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError(_("The meeting is closed."))


@transaction.atomic
def agenda_add(*, meeting: CouncilMeeting, lines, actor) -> list[AgendaItem]:
    """Put accepted lines of the meeting's province and year to the vote."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    _open(meeting)
    lines = list(lines)
    start = meeting.agenda.count()
    items = []
    gate(lines, stage="agenda")
    for offset, line in enumerate(lines):
        if line.state != LineState.ACCEPTED:
            raise ValidationError(_("Only accepted lines go on the agenda: %(line)s.") % {"line": line})
        if line.proposal.unit.province_id != meeting.province_id or line.proposal.year_plan_id != meeting.year_plan_id:
            raise ValidationError(_("%(line)s belongs to another province or year.") % {"line": line})
        if AgendaItem.objects.filter(line=line).exists():
            raise ValidationError(_("%(line)s is already on an agenda.") % {"line": line})
        items.append(AgendaItem(meeting=meeting, line=line, position=start + offset + 1))
    AgendaItem.objects.bulk_create(items)
    audit_log(
        actor=actor,
        action="meeting.agenda_add",
        target=meeting,
        unit=meeting.province,
        data={"lines": [line.pk for line in lines]},
    )
    return items


@transaction.atomic
def agenda_add_title(*, meeting: CouncilMeeting, title: Title, actor) -> tuple[list[AgendaItem], list[str]]:
    """Put every accepted line of ``title`` that is on no agenda yet on the meeting's agenda at once (the review
    list's bulk action). Each line still passes the gate: the lines it refuses stay accepted and off the agenda,
    and why each was refused is returned with the items put on the agenda."""
    lines = list(
        ProposalLine.objects.filter(
            proposal__year_plan=meeting.year_plan, state=LineState.ACCEPTED, title=title, agenda_item__isnull=True
        )
        .select_related("proposal__unit", "proposal__year_plan", "title", "staff")
        .order_by("proposal__unit__display_order", "proposal__unit__sort_key", "staff__sort_key", "pk")
    )
    if not lines:
        raise ValidationError(_("No accepted line of “%(title)s” is waiting for the council.") % {"title": title.name})
    refusals = gate_refusals(lines, stage="agenda")
    passing = lines
    if refusals:
        # Rare: find which lines the gate refuses, one by one, so that the others still go to the vote.
        passing = [line for line in lines if not gate_refusals([line], stage="agenda")]
    items = agenda_add(meeting=meeting, lines=passing, actor=actor) if passing else []
    return items, refusals


def recused_members(meeting: CouncilMeeting, line: ProposalLine) -> list[MeetingMember]:
    """A member from the proposing unit, or the person proposed, does not vote on the line."""
    return [
        member
        for member in meeting.members.all()
        if member.staff.unit_id == line.proposal.unit_id or member.staff_id == line.staff_id
    ]


def _threshold(rule: TitleRule | None, rule_set: RuleSet) -> int:
    return rule.vote_threshold if rule and rule.vote_threshold is not None else rule_set.default_vote_threshold


def vote_threshold(line: ProposalLine) -> tuple[int, RuleSet]:
    rule_set = RuleSet.objects.for_year(line.proposal.year_plan.year)
    rule = rule_set.title_rules.filter(title=line.title).first()
    return _threshold(rule, rule_set), rule_set


def vote_base_count(base: str, members_total: int, recused: int) -> int:
    """The denominator of the approval: the whole council (NĐ 91/2017 Art. 45(8) "tổng số thành viên Hội đồng",
    the default) or, if the rule set says so, the council less the members recused from the line."""
    return members_total - recused if base == VoteBase.MEMBERS_LESS_RECUSED else members_total


def vote_base_text(base: str, count: int, recused: int) -> str:
    """What the approval of a line was counted on, as the meeting page and the minutes say it."""
    if base == VoteBase.MEMBERS_LESS_RECUSED and recused:
        return _("counted on %(count)s members (less %(recused)s member(s) recused)") % {
            "count": count,
            "recused": recused,
        }
    return _("counted on all %(count)s members of the council") % {"count": count}


def counted_base_text(item: AgendaItem, members_total: int) -> str:
    """``vote_base_text`` of a counted item; a tally stored before the base was recorded was counted on the members
    less those recused."""
    if item.approval_percent is None:
        return ""
    if item.vote_base:
        return vote_base_text(item.vote_base, item.vote_base_count, item.recused)
    return vote_base_text(VoteBase.MEMBERS_LESS_RECUSED, members_total - item.recused, item.recused)


def share_percent(part: int, whole: int) -> Decimal:
    """A share for reading, to one decimal rounded down (so 79,99 % never reads as 80 %), without a trailing ",0"."""
    if whole <= 0:
        return Decimal(0)
    value = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def approval(yes: int, written_yes: int, base: int) -> Decimal:
    """Votes in favour (present, and in writing from absent members) as a percentage of the vote base
    (``vote_base_count``)."""
    if base <= 0:
        return Decimal(0)
    return (Decimal(yes + written_yes) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class VoteOutlook:
    """Before the vote: the most a line can reach when every member who may vote on it (present, or in writing)
    votes yes."""

    threshold: int
    base: str
    base_count: int
    recused: int
    voters: int

    @property
    def reachable(self) -> bool:
        return approval(self.voters, 0, self.base_count) >= self.threshold

    @property
    def max_percent(self) -> Decimal:
        return share_percent(self.voters, self.base_count)

    @property
    def base_text(self) -> str:
        return vote_base_text(self.base, self.base_count, self.recused)

    @property
    def warning(self) -> str:
        if self.reachable:
            return ""
        return _("Cannot reach %(threshold)s: at most %(voters)s/%(base)s members may vote (%(percent)s)") % {
            "threshold": percent_text(self.threshold, None),
            "voters": self.voters,
            "base": self.base_count,
            "percent": percent_text(self.max_percent, None),
        }


def _outlook(meeting: CouncilMeeting, line: ProposalLine, rule_set: RuleSet, rule: TitleRule | None) -> VoteOutlook:
    recused = len(recused_members(meeting, line))
    base = rule_set.vote_base or VoteBase.MEMBERS
    return VoteOutlook(
        threshold=_threshold(rule, rule_set),
        base=base,
        base_count=vote_base_count(base, meeting.members_total, recused),
        recused=recused,
        voters=meeting.members_total - recused,
    )


def agenda_outlooks(meeting: CouncilMeeting, items: list[AgendaItem]) -> dict[int, VoteOutlook]:
    """Each agenda item's ``VoteOutlook`` in two queries whatever the length of the agenda (the meeting's members
    prefetched, the items' lines with their proposal and title loaded)."""
    rule_set = RuleSet.objects.for_year(meeting.year_plan.year) if items else None
    if rule_set is None:
        return {}
    rules = {rule.title_id: rule for rule in rule_set.title_rules.all()}
    return {item.pk: _outlook(meeting, item.line, rule_set, rules.get(item.line.title_id)) for item in items}


@transaction.atomic
def tally_record(
    *,
    item: AgendaItem,
    actor,
    yes: int,
    no: int,
    blank: int,
    written_yes: int = 0,
    written_no: int = 0,
    chosen: bool = True,
) -> AgendaItem:
    """Record a line's secret-ballot tally. A line that reaches its threshold is approved only if it still meets
    the criteria now (judged again here) and, for a title with a binding cap, if a place is left within the cap:
    beyond the cap the council chooses, and the lines it does not choose are recorded with ``chosen=False``."""
    item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting", "line__proposal__year_plan", "line__title")
        .get(pk=item.pk)
    )
    meeting, line = item.meeting, item.line
    _open(meeting)
    if item.approved is not None:
        raise ValidationError(_("The tally of this line has already been recorded."))
    recused = recused_members(meeting, line)
    recused_present = sum(1 for member in recused if member.present)
    recused_absent = len(recused) - recused_present
    voters_present = meeting.members_present - recused_present
    voters_absent = (meeting.members_total - meeting.members_present) - recused_absent
    if min(yes, no, blank, written_yes, written_no) < 0:
        raise ValidationError(_("Vote counts cannot be negative."))
    if yes + no + blank > voters_present:
        raise ValidationError(
            _("%(count)s ballots counted but only %(voters)s members present may vote on this line.")
            % {"count": yes + no + blank, "voters": voters_present}
        )
    if written_yes + written_no > voters_absent:
        raise ValidationError(
            _("%(count)s written opinions but only %(voters)s absent members may vote on this line.")
            % {"count": written_yes + written_no, "voters": voters_absent}
        )
    threshold, rule_set = vote_threshold(line)
    base = rule_set.vote_base or VoteBase.MEMBERS
    base_count = vote_base_count(base, meeting.members_total, len(recused))
    percent = approval(yes, written_yes, base_count)
    item.votes_yes, item.votes_no, item.votes_blank = yes, no, blank
    item.written_yes, item.written_no = written_yes, written_no
    item.recused = len(recused)
    item.recused_names = ", ".join(member.staff.full_name for member in recused)
    item.vote_base, item.vote_base_count = base, base_count
    item.threshold, item.approval_percent = threshold, percent
    item.approved = percent >= threshold and chosen
    reason = f"{percent_text(percent, None)} / {percent_text(threshold, None)}"
    if percent >= threshold and not chosen:
        reason += " – " + _("not chosen by the council within the cap")
    if item.approved:
        gate([line], stage="tally")
        _check_cap_place(line)
    item.save()
    line_transition(
        line=line,
        to_state=LineState.APPROVED if item.approved else LineState.NOT_APPROVED,
        actor=actor,
        reason=reason,
    )
    return item


TALLY_COUNTS = ("yes", "no", "blank", "written_yes", "written_no")


@transaction.atomic
def tally_record_group(
    *, meeting: CouncilMeeting, items: list[AgendaItem], actor, counts: dict, exceptions: dict | None = None
) -> list[AgendaItem]:
    """Record one tally for every item of a group of the agenda not counted yet (the lines of one title), except
    the items in ``exceptions`` (item id: their own counts and ``chosen``). Each item goes through
    ``tally_record`` (vote base, recusals, caps, the gate) in one transaction: if any item is refused nothing is
    recorded, and every refusal is listed."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    _open(meeting)
    exceptions = exceptions or {}
    if any(item.meeting_id != meeting.pk for item in items):
        raise ValidationError(_("Every line of the group must be on this meeting's agenda."))
    # Read again under the meeting's lock: a line counted on its own meanwhile is an exception, not counted twice.
    pending = list(
        AgendaItem.objects.filter(meeting=meeting, pk__in=[item.pk for item in items], approved__isnull=True)
        .select_related("line__title", "line__staff")
        .order_by("position", "pk")
    )
    if not pending:
        raise ValidationError(_("Every line of this group has already been counted."))
    recorded, refusals = [], []
    for item in pending:
        values = {**counts, **exceptions.get(item.pk, {})}
        try:
            with transaction.atomic():
                recorded.append(tally_record(item=item, actor=actor, **values))
        except ValidationError as error:
            refusals += [f"{item.line.subject_name} – {item.line.title.name}: {text}" for text in error.messages]
    if refusals:
        raise ValidationError(refusals)
    audit_log(
        actor=actor,
        action="meeting.tally_group",
        target=meeting,
        unit=meeting.province,
        data={
            "items": [item.pk for item in recorded],
            "counts": counts,
            "exceptions": {str(pk): values for pk, values in exceptions.items()},
        },
    )
    return recorded


@dataclass(frozen=True)
class CloseSummary:
    """What closing a meeting does: the outcome of its agenda, and the lines still to count (closing is refused)."""

    approved: int
    not_approved: int
    not_chosen: int
    uncounted: int

    @property
    def total(self) -> int:
        return self.approved + self.not_approved + self.not_chosen + self.uncounted


def meeting_close_summary(meeting: CouncilMeeting) -> CloseSummary:
    """Counted in one query: approved, not approved (below the threshold), not chosen within a cap (reached the
    threshold but not approved), and not counted yet."""
    rows = AgendaItem.objects.filter(meeting=meeting).values_list("approved", "approval_percent", "threshold")
    approved = not_approved = not_chosen = uncounted = 0
    for is_approved, percent, threshold in rows:
        if is_approved is None:
            uncounted += 1
        elif is_approved:
            approved += 1
        elif percent is not None and threshold is not None and percent >= threshold:
            not_chosen += 1
        else:
            not_approved += 1
    return CloseSummary(approved, not_approved, not_chosen, uncounted)


def _check_cap_place(line: ProposalLine) -> None:
    """Refuse to approve a line of a title whose binding cap is already taken by approved lines and award records
    of the year (every source counts)."""
    usage = cap_usages(line.proposal.unit.province, line.proposal.year_plan.year).get(line.title_id)
    if usage is None or not usage.binding or usage.chosen < usage.allowed:
        return
    raise ValidationError(
        _(
            "%(sentence)s. %(chosen)s places of %(allowed)s are already taken: the council chooses %(allowed)s "
            "of %(used)s; record this line as not chosen, or first reconsider one already approved."
        )
        % {"sentence": usage.sentence(), "chosen": usage.chosen, "allowed": usage.allowed, "used": usage.used}
    )


@transaction.atomic
def meeting_close(*, meeting: CouncilMeeting, actor) -> CouncilMeeting:
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    _open(meeting)
    if meeting.agenda.filter(approved__isnull=True).exists():
        raise ValidationError(_("Record the tally of every line on the agenda before closing the meeting."))
    transition(meeting, MeetingState.CLOSED, actor=actor, unit=meeting.province, action="meeting.close")
    return meeting


# --- The cluster's endorsement (suy tôn của cụm, khối thi đua) -------------------------------------------------

# A line in one of these states has been settled: its endorsement is part of the record and no longer changes.
ENDORSEMENT_CLOSED_STATES = {LineState.DECIDED, LineState.FORWARDED, LineState.REJECTED, LineState.NOT_APPROVED}


def endorsement_percent(endorsement: ClusterEndorsement) -> Decimal:
    """The share of the cluster's units that agree, as ``share_percent`` writes it."""
    return share_percent(endorsement.units_agreeing, endorsement.units_total)


def endorsement_met(endorsement: ClusterEndorsement, required_percent: int) -> bool:
    return endorsement.units_agreeing * 100 >= required_percent * endorsement.units_total


@transaction.atomic
def endorsement_record(
    *,
    line: ProposalLine,
    actor,
    units_total: int,
    units_agreeing: int,
    held_on: datetime.date | None,
    note: str = "",
) -> ClusterEndorsement:
    """Record (or correct) the cluster's vote on a unit proposed for a title whose rule asks for one (Cờ thi đua
    ngành: at least 80 % of the cluster's units, TT 01/2019/TT-VKSTC Art. 20). Entered by the secretariat."""
    line = (
        ProposalLine.objects.select_for_update(of=("self",))
        .select_related("proposal__unit", "proposal__year_plan", "title")
        .get(pk=line.pk)
    )
    unit = line.proposal.unit
    if not (actor.is_secretariat and (actor.is_admin or actor.province_id == unit.province_id)):
        raise PermissionDenied
    if not line.is_collective:
        raise ValidationError(_("The cluster's endorsement is recorded for a unit, not for a person."))
    rule = endorsement_rule(line)
    if rule is None:
        raise ValidationError(
            _("“%(title)s” needs no endorsement by the cluster in %(year)s.")
            % {"title": line.title.name, "year": line.proposal.year_plan.year}
        )
    if line.state in ENDORSEMENT_CLOSED_STATES:
        raise ValidationError(
            _("The line is “%(state)s”: its cluster's endorsement can no longer be changed.")
            % {"state": LineState(line.state).label}
        )
    if held_on is None:
        raise ValidationError(_("Give the date of the cluster's meeting."))
    if units_total is None or units_total <= 0:
        raise ValidationError(_("The cluster has at least one unit."))
    if units_agreeing is None or not 0 <= units_agreeing <= units_total:
        raise ValidationError(
            _("Between 0 and %(total)s units can agree, not %(agreeing)s.")
            % {"total": units_total, "agreeing": units_agreeing}
        )
    previous = ClusterEndorsement.objects.filter(line=line).first()
    before = (
        {
            "units_total": previous.units_total,
            "units_agreeing": previous.units_agreeing,
            "held_on": str(previous.held_on),
        }
        if previous
        else None
    )
    endorsement, _created = ClusterEndorsement.objects.update_or_create(
        line=line,
        defaults={
            "units_total": units_total,
            "units_agreeing": units_agreeing,
            "held_on": held_on,
            "note": clean(note),
            "recorded_by": actor if actor.is_authenticated else None,
        },
    )
    audit_log(
        actor=actor,
        action="proposal_line.endorsement",
        target=line,
        unit=unit,
        reason=endorsement.note,
        data={
            "before": before,
            "after": {"units_total": units_total, "units_agreeing": units_agreeing, "held_on": str(held_on)},
            "required_percent": rule.cluster_endorsement_percent,
        },
    )
    schedule_verdicts_refresh(unit.province_id, line.proposal.year_plan.year)
    return endorsement
