"""The state of a proposal line: one transition function, the secretariat's review, the verdicts."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.eligibility import judge_province
from awards.enums import LineState, Outcome
from awards.models import LineInitiative, ProposalLine, Verdict
from awards.services.notify import notify_line_returned
from units.models import Unit
from units.services import audit_log
from units.text import clean

logger = logging.getLogger(__name__)

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
    schedule_verdicts_refresh(line.proposal.unit.province_id, line.proposal.year_plan.year)
    return line


def verdicts_refresh(province: Unit, year: int, *, only: set[int] | None = None) -> dict[int, Verdict]:
    """Judge the lines of a province and year and store each verdict with the rule set it used (one upsert per
    batch). An override is kept while the result it overrode stays the same."""
    _facts, judgements = judge_province(province, year, only=only)
    previous = {
        line_id: (outcome, reason, by)
        for line_id, outcome, reason, by in Verdict.objects.filter(line_id__in=list(judgements)).values_list(
            "line_id", "outcome", "override_reason", "overridden_by_id"
        )
    }
    now = timezone.now()
    verdicts = []
    for line_id, judgement in judgements.items():
        outcome, reason, by = previous.get(line_id, ("", "", None))
        if outcome != judgement.outcome:
            reason, by = "", None  # a changed result needs a new decision on any override
        verdicts.append(
            Verdict(
                line_id=line_id,
                rule_set=judgement.rule_set,
                outcome=judgement.outcome,
                checks=[check.as_dict() for check in judgement.checks],
                computed_at=now,
                override_reason=reason,
                overridden_by_id=by,
            )
        )
    Verdict.objects.bulk_create(
        verdicts,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["line"],
        update_fields=["rule_set", "outcome", "checks", "computed_at", "override_reason", "overridden_by"],
    )
    return {verdict.line_id: verdict for verdict in verdicts}


def _fresh_verdict(line: ProposalLine) -> Verdict:
    verdicts_refresh(line.proposal.unit.province, line.proposal.year_plan.year, only={line.pk})
    return Verdict.objects.get(line=line)


def schedule_verdicts_refresh(province_id: int, year: int) -> None:
    """After the transaction commits, re-judge the province's lines of the year in the background: one line's
    state changes others' results (shares of members, same-cycle streaks, caps). Scheduled once per transaction."""
    from awards.tasks import refresh_verdicts

    key = (province_id, year)
    connection = transaction.get_connection()
    current = set(connection.savepoint_ids)
    # Many lines change in one block (a decision lists hundreds): one refresh is enough for the block.
    if any(
        getattr(callback, "verdicts_key", None) == key and sids == current
        for sids, callback, *_rest in connection.run_on_commit
    ):
        return

    def enqueue():
        try:
            refresh_verdicts.delay(province_id=province_id, year=year)
        except Exception:  # noqa: BLE001 - the broker being away must not fail the user's action
            logger.warning("Could not enqueue the verdict refresh of %s/%s", province_id, year, exc_info=True)

    enqueue.verdicts_key = key
    transaction.on_commit(enqueue)


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
