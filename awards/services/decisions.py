"""Decisions: what the provincial head confers, what is forwarded up, what a higher level decided; the award
records they create, and revocation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from awards.caps import cap_usages
from awards.enums import AwardStatus, DecisionKind, DecisionState, LineState, MeetingState
from awards.models import AgendaItem, AwardRecord, CouncilMeeting, Decision, DecisionLine, ProposalLine
from awards.services.lines import gate, line_transition, mark_for_judgement
from awards.services.notify import notify_lines_decided
from movements.models import YearPlan
from units.notifications import lazy_text, notify, unit_officers
from units.services import audit_log
from units.text import clean
from units.workflow import transition

# Which approved lines each kind of document may list.
LINE_STATES_FOR = {
    DecisionKind.DECISION: LineState.APPROVED,
    DecisionKind.FORWARDING: LineState.APPROVED,
    DecisionKind.EXTERNAL: LineState.FORWARDED,
}


def _check_lines(kind: str, year_plan: YearPlan, lines) -> None:
    if not lines:
        raise ValidationError(_("Choose the lines the document lists."))
    for line in lines:
        if line.state != LINE_STATES_FOR[kind] or line.proposal.year_plan_id != year_plan.pk:
            raise ValidationError(_("%(line)s cannot be listed in this document.") % {"line": line})
        provincial = line.title.conferred_in_province
        if kind == DecisionKind.DECISION and not provincial:
            raise ValidationError(
                _("The provincial head cannot confer “%(title)s”: forward it.") % {"title": line.title.name}
            )
        if kind == DecisionKind.FORWARDING and provincial:
            raise ValidationError(
                _("“%(title)s” is conferred by the provincial head: list it in a decision.")
                % {"title": line.title.name}
            )


@transaction.atomic
def decision_create(
    *,
    year_plan: YearPlan,
    kind: str,
    lines,
    actor,
    subject: str = "",
    issuer: str = "",
    signer_title: str = "",
    signer_name: str = "",
) -> Decision:
    lines = list(lines)
    _check_lines(kind, year_plan, lines)
    if kind != DecisionKind.EXTERNAL:
        gate(lines, stage="decision")
    decision = Decision.objects.create(
        province=year_plan.province,
        year_plan=year_plan,
        kind=kind,
        subject=clean(subject),
        issuer=clean(issuer) or (year_plan.header_agency if kind != DecisionKind.EXTERNAL else ""),
        signer_title=clean(signer_title) or year_plan.signer_title,
        signer_name=clean(signer_name) or year_plan.signer_name,
    )
    DecisionLine.objects.bulk_create(DecisionLine(decision=decision, line=line) for line in lines)
    audit_log(
        actor=actor,
        action="decision.create",
        target=decision,
        unit=year_plan.province,
        data={"kind": kind, "lines": len(lines)},
    )
    return decision


@transaction.atomic
def decision_issue(*, decision: Decision, actor, number: str, issued_on: datetime.date) -> Decision:
    """Issue (or record) the document: a decision creates the award records; a submission marks the lines as
    forwarded. The lines' units are told."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("The document has already been issued."))
    number = clean(number)
    if not number or issued_on is None:
        raise ValidationError(_("Give the number and the date."))
    if (
        Decision.objects.filter(province=decision.province, number=number, state=DecisionState.ISSUED)
        .exclude(pk=decision.pk)
        .exists()
    ):
        raise ValidationError(_("The number %(number)s is already used.") % {"number": number})
    lines = list(
        ProposalLine.objects.filter(decision_lines__decision=decision)
        .select_related("proposal__unit", "proposal__year_plan", "title", "staff")
        .select_for_update(of=("self",))
    )
    _check_lines(decision.kind, decision.year_plan, lines)
    if decision.kind != DecisionKind.EXTERNAL:
        # The facts may have changed since the council voted: every line is judged again, and the caps counted.
        gate(lines, stage="decision")
        _check_caps(decision, lines)
    transition(
        decision,
        DecisionState.ISSUED,
        actor=actor,
        unit=decision.province,
        action="decision.issue",
        fields={"number": number, "issued_on": issued_on},
    )
    if decision.kind == DecisionKind.FORWARDING:
        for line in lines:
            line_transition(line=line, to_state=LineState.FORWARDED, actor=actor, reason=number)
    else:
        AwardRecord.objects.bulk_create(
            AwardRecord(
                unit=line.proposal.unit,
                staff=line.staff,
                title=line.title,
                year=line.proposal.year_plan.year,
                level=line.title.conferring_level,
                decision=decision,
                decision_number=number,
                decision_date=issued_on,
                line=line,
                recorded_by=actor,
                # The position when the award is conferred (plan II.2.9: the share to people working directly).
                was_leader=line.staff.is_leader if line.staff_id else None,
            )
            for line in lines
        )
        mark_for_judgement(decision.province_id)  # bulk_create sends no signal
        for line in lines:
            line_transition(line=line, to_state=LineState.DECIDED, actor=actor, reason=number)
    _close_meetings(lines, actor, number)
    notify_lines_decided(decision, lines)
    _notify_decided(decision, lines)
    return decision


def _close_meetings(lines, actor, number: str) -> None:
    """A decision is issued after the council's meeting: a meeting that voted on its lines, with every line on its
    agenda counted, is over, so it is closed now if the secretariat had not closed it (else it would still read
    "Chưa kết thúc" beside its decision). A meeting with lines not yet counted stays open."""
    meetings = (
        CouncilMeeting.objects.select_for_update(of=("self",))
        .filter(state=MeetingState.PLANNED, pk__in=AgendaItem.objects.filter(line__in=lines).values("meeting"))
        .exclude(pk__in=AgendaItem.objects.filter(approved__isnull=True).values("meeting"))
        .select_related("province")
    )
    for meeting in meetings:
        transition(
            meeting, MeetingState.CLOSED, actor=actor, unit=meeting.province, action="meeting.close", reason=number
        )


def _notify_decided(decision: Decision, lines) -> None:
    """Each unit's officers see the decision in the bell (its e-mail is ``lines_decided``), linking to their
    proposals of the year."""
    by_unit = {}
    for line in lines:
        by_unit.setdefault(line.proposal.unit, []).append(line)
    if decision.kind == DecisionKind.FORWARDING:
        message = _lazy(
            "Submission %(number)s of %(date)s forwards %(count)s proposals of your unit to the higher level."
        )
    else:
        message = _lazy("Decision %(number)s of %(date)s was issued: %(count)s awards for your unit.")
    for unit, unit_lines in by_unit.items():
        notify(
            unit_officers(unit),
            key=f"decision:{decision.pk}:unit:{unit.pk}",
            text=lazy_text(
                message,
                {"number": decision.number, "date": decision.issued_on.strftime("%d/%m/%Y"), "count": len(unit_lines)},
            ),
            url=reverse("awards:proposal_list", kwargs={"plan": decision.year_plan_id}),
            email=False,
            unit=unit,
        )


def _check_caps(decision: Decision, lines) -> None:
    """Refuse a decision that would award a title beyond its binding cap for the province and year, counting the
    awards already valid that year from every source (decisions, the past-award import, units' own decisions)."""
    year = decision.year_plan.year
    usages = cap_usages(decision.province, year, plan=decision.year_plan)
    problems = []
    for title_id in {line.title_id for line in lines}:
        usage = usages.get(title_id)
        if usage is None or not usage.binding:
            continue
        subjects = {
            ("staff", staff_id) if staff_id else ("unit", unit_id)
            for staff_id, unit_id in AwardRecord.objects.filter(
                unit__province=decision.province, year=year, title_id=title_id, status=AwardStatus.VALID
            ).values_list("staff_id", "unit_id")
        }
        subjects |= {
            ("staff", line.staff_id) if line.staff_id else ("unit", line.proposal.unit_id)
            for line in lines
            if line.title_id == title_id
        }
        if len(subjects) > usage.allowed:
            problems.append(
                _("“%(title)s”: %(count)s awards for %(year)s with this decision, %(allowed)s allowed (%(sentence)s).")
                % {
                    "title": usage.title.name,
                    "count": len(subjects),
                    "year": year,
                    "allowed": usage.allowed,
                    "sentence": usage.sentence(),
                }
            )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def award_revoke(*, award: AwardRecord, actor, revoked_by: str, revoked_on: datetime.date, reason: str) -> AwardRecord:
    """Law 2022 chapter VII: the award stays in the history, marked revoked, with the revoking decision."""
    award = AwardRecord.objects.select_for_update().get(pk=award.pk)
    if award.status == AwardStatus.REVOKED:
        raise ValidationError(_("The award has already been revoked."))
    revoked_by, reason = clean(revoked_by), clean(reason)
    if not revoked_by or not reason or revoked_on is None:
        raise ValidationError(_("Give the revoking decision, its date and the reason."))
    award.status, award.revoked_by, award.revoked_on, award.revocation_reason = (
        AwardStatus.REVOKED,
        revoked_by,
        revoked_on,
        reason,
    )
    award.save(update_fields=["status", "revoked_by", "revoked_on", "revocation_reason", "updated_at"])
    audit_log(
        actor=actor,
        action="award.revoke",
        target=award,
        unit=award.unit,
        from_state=AwardStatus.VALID,
        to_state=AwardStatus.REVOKED,
        reason=reason,
        data={"decision": revoked_by},
    )
    return award


@transaction.atomic
def award_history_record(
    *,
    title,
    year: int,
    decision_number: str,
    decision_date: datetime.date,
    actor,
    staff=None,
    unit=None,
    level: str = "",
    was_leader: bool | None = None,
) -> AwardRecord:
    """Record a past award from before the system (plan II.2.3: the existing emulation data goes into the
    software), so that streaks and "received before" checks work from the first year of use.

    A person's award is kept with ``unit``, their unit at the time, when given (people move between units);
    ``level`` defaults to the title's conferring level; ``was_leader``, whether the person held a leading
    position then, is left empty when the list does not say (a collective's always is)."""
    if staff is None and unit is None:
        raise ValidationError(_("An award goes to a person or to a unit."))
    if not title.fits(collective=staff is None):
        raise ValidationError(_("“%(title)s” does not fit this subject.") % {"title": title.name})
    decision_number = clean(decision_number)
    if not decision_number or decision_date is None:
        raise ValidationError(_("Give the number and the date."))
    record = AwardRecord.objects.create(
        unit=unit or staff.unit,
        staff=staff,
        title=title,
        year=year,
        level=level or title.conferring_level,
        decision_number=decision_number,
        decision_date=decision_date,
        recorded_by=actor,
        was_leader=was_leader if staff is not None else None,
    )
    audit_log(
        actor=actor,
        action="award.record_past",
        target=record,
        unit=record.unit,
        data={"title": title.name, "year": year, "decision": decision_number},
    )
    return record
