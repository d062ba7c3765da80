"""The state of a proposal line: one transition function, the secretariat's review, the verdicts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.eligibility import judge_province
from awards.enums import LineState, Outcome
from awards.models import LineInitiative, ProposalLine, Verdict
from awards.services.notify import notify_line_returned
from units.models import Unit
from units.services import audit_log
from units.text import clean

ALLOWED_TRANSITIONS = {
    (LineState.DRAFT, LineState.SUBMITTED),
    (LineState.RETURNED, LineState.SUBMITTED),
    (LineState.SUBMITTED, LineState.ACCEPTED),
    (LineState.SUBMITTED, LineState.RETURNED),
    (LineState.SUBMITTED, LineState.REJECTED),
    (LineState.ACCEPTED, LineState.RETURNED),
    (LineState.ACCEPTED, LineState.APPROVED),
    (LineState.ACCEPTED, LineState.NOT_APPROVED),
    (LineState.APPROVED, LineState.DECIDED),
    (LineState.APPROVED, LineState.FORWARDED),
    (LineState.FORWARDED, LineState.DECIDED),
}
# A line that ends without an award frees the initiatives it relied on (kept, released, for history).
RELEASING_STATES = {LineState.REJECTED, LineState.NOT_APPROVED}


def line_transition(*, line: ProposalLine, to_state: str, actor, reason: str = "") -> ProposalLine:
    """The only place a line's state changes: checks the table, saves, audits."""
    from_state = line.state
    if (from_state, to_state) not in ALLOWED_TRANSITIONS:
        raise ValidationError(
            _("A line that is “%(from)s” cannot become “%(to)s”.")
            % {"from": LineState(from_state).label, "to": LineState(to_state).label}
        )
    line.state = to_state
    fields = ["state", "updated_at"]
    if reason:
        line.review_note = reason
        fields.append("review_note")
    line.save(update_fields=fields)
    if to_state in RELEASING_STATES:
        LineInitiative.objects.filter(line=line).update(released=True)
    audit_log(
        actor=actor,
        action=f"proposal_line.{to_state}",
        target=line,
        unit=line.proposal.unit,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )
    return line


def verdicts_refresh(province: Unit, year: int, *, only: set[int] | None = None) -> dict[int, Verdict]:
    """Judge the lines of a province and year and store each verdict with the rule set it used."""
    _facts, judgements = judge_province(province, year, only=only)
    existing = {v.line_id: v for v in Verdict.objects.filter(line_id__in=list(judgements))}
    to_create, to_update = [], []
    for line_id, judgement in judgements.items():
        verdict = existing.get(line_id) or Verdict(line_id=line_id)
        checks = [check.as_dict() for check in judgement.checks]
        if verdict.pk and verdict.outcome != judgement.outcome:
            # A changed result needs a new decision on any override.
            verdict.override_reason, verdict.overridden_by = "", None
        verdict.rule_set, verdict.outcome, verdict.checks = judgement.rule_set, judgement.outcome, checks
        (to_update if verdict.pk else to_create).append(verdict)
    Verdict.objects.bulk_create(to_create)
    Verdict.objects.bulk_update(
        to_update, ["rule_set", "outcome", "checks", "override_reason", "overridden_by", "computed_at"]
    )
    return {v.line_id: v for v in [*to_create, *to_update]}


def _fresh_verdict(line: ProposalLine) -> Verdict:
    return verdicts_refresh(line.proposal.unit.province, line.proposal.year_plan.year, only={line.pk})[line.pk]


@transaction.atomic
def review_override(*, line: ProposalLine, actor, reason: str) -> Verdict:
    """Accept the risk of the needs-review checks, in writing."""
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Write why the needs-review checks are overridden."))
    verdict = _fresh_verdict(line)
    if verdict.outcome != Outcome.REVIEW:
        raise ValidationError(_("Only a verdict that needs review can be overridden."))
    verdict.override_reason, verdict.overridden_by = reason, actor
    verdict.save(update_fields=["override_reason", "overridden_by"])
    audit_log(actor=actor, action="proposal_line.override", target=line, unit=line.proposal.unit, reason=reason)
    return verdict


@transaction.atomic
def review_accept(*, line: ProposalLine, actor, note: str = "") -> ProposalLine:
    line = (
        ProposalLine.objects.select_for_update().select_related("proposal__unit", "proposal__year_plan").get(pk=line.pk)
    )
    verdict = _fresh_verdict(line)
    if verdict.outcome == Outcome.FAIL:
        raise ValidationError(_("The line does not meet the criteria; return it to the unit or reject it."))
    if verdict.outcome == Outcome.REVIEW and not verdict.override_reason:
        raise ValidationError(_("Some checks need review: override them with a written reason before accepting."))
    return line_transition(line=line, to_state=LineState.ACCEPTED, actor=actor, reason=clean(note))


@transaction.atomic
def review_return(*, line: ProposalLine, actor, reason: str) -> ProposalLine:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for returning the line."))
    line = line_transition(line=line, to_state=LineState.RETURNED, actor=actor, reason=reason)
    notify_line_returned(line)
    return line


@transaction.atomic
def review_reject(*, line: ProposalLine, actor, reason: str) -> ProposalLine:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for rejecting the line."))
    line = line_transition(line=line, to_state=LineState.REJECTED, actor=actor, reason=reason)
    notify_line_returned(line)
    return line
