"""The council meeting: members and attendance, the agenda of accepted lines, the secret-ballot tally."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import LineState, MeetingState
from awards.models import AgendaItem, CouncilMeeting, MeetingMember, ProposalLine, RuleSet
from awards.services.lines import line_transition
from movements.models import YearPlan
from units.models import Staff
from units.services import audit_log


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


def recused_members(meeting: CouncilMeeting, line: ProposalLine) -> list[MeetingMember]:
    """A member from the proposing unit, or the person proposed, does not vote on the line."""
    return [
        member
        for member in meeting.members.all()
        if member.staff.unit_id == line.proposal.unit_id or member.staff_id == line.staff_id
    ]


def vote_threshold(line: ProposalLine) -> tuple[int, RuleSet]:
    rule_set = RuleSet.objects.for_year(line.proposal.year_plan.year)
    rule = rule_set.title_rules.filter(title=line.title).first()
    threshold = rule.vote_threshold if rule and rule.vote_threshold is not None else rule_set.default_vote_threshold
    return threshold, rule_set


def approval(yes: int, written_yes: int, base: int) -> Decimal:
    """Votes in favour as a percentage of the members entitled to vote (the total membership less recusals,
    present or not: domain-rules §3.2 "tính trên tổng số thành viên")."""
    if base <= 0:
        return Decimal(0)
    return (Decimal(yes + written_yes) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def tally_record(
    *, item: AgendaItem, actor, yes: int, no: int, blank: int, written_yes: int = 0, written_no: int = 0
) -> AgendaItem:
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
    threshold, _rule_set = vote_threshold(line)
    base = meeting.members_total - len(recused)
    percent = approval(yes, written_yes, base)
    item.votes_yes, item.votes_no, item.votes_blank = yes, no, blank
    item.written_yes, item.written_no = written_yes, written_no
    item.recused = len(recused)
    item.recused_names = ", ".join(member.staff.full_name for member in recused)
    item.threshold, item.approval_percent = threshold, percent
    item.approved = percent >= threshold
    item.save()
    line_transition(
        line=line,
        to_state=LineState.APPROVED if item.approved else LineState.NOT_APPROVED,
        actor=actor,
        reason=f"{percent}% / {threshold}%",
    )
    return item


@transaction.atomic
def meeting_close(*, meeting: CouncilMeeting, actor) -> CouncilMeeting:
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    _open(meeting)
    if meeting.agenda.filter(approved__isnull=True).exists():
        raise ValidationError(_("Record the tally of every line on the agenda before closing the meeting."))
    meeting.state = MeetingState.CLOSED
    meeting.save(update_fields=["state", "updated_at"])
    audit_log(
        actor=actor,
        action="meeting.close",
        target=meeting,
        unit=meeting.province,
        from_state=MeetingState.PLANNED,
        to_state=MeetingState.CLOSED,
    )
    return meeting
