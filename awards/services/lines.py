"""The state of a proposal line: one transition function, the secretariat's review, the verdicts."""

import itertools
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from awards.eligibility import explanation, judge_province
from awards.enums import LineState, Outcome
from awards.models import LineInitiative, ProposalLine, Verdict
from awards.services.notify import notify_line_returned
from units.models import Unit
from units.notifications import lazy_text, notify, unit_officers
from units.services import audit_log
from units.text import clean
from units.workflow import transition

logger = logging.getLogger(__name__)

# A line that ends without an award frees the initiatives it relied on (kept, released, for history).
RELEASING_STATES = {LineState.REJECTED, LineState.NOT_APPROVED}


def line_transition(*, line: ProposalLine, to_state: str, actor, reason: str = "") -> ProposalLine:
    """A line's state change (``units.workflow.transition``, the table on the model): the reason becomes the
    line's note; a line that ends without an award frees its initiatives; the verdicts are judged again."""
    transition(
        line,
        to_state,
        actor=actor,
        reason=reason,
        unit=line.proposal.unit,
        fields={"review_note": reason} if reason else None,
    )
    if to_state in RELEASING_STATES:
        LineInitiative.objects.filter(line=line).update(released=True)
    schedule_verdicts_refresh(line.proposal.unit.province_id, line.proposal.year_plan.year)
    return line


# Checks that no written override clears: beyond a cap the council chooses; the tally and decision count it.
NOT_OVERRIDDEN = {"cap"}


def _review_checks(checks) -> list[dict]:
    """The needs-review checks an override has to cover, as {code, message}."""
    return [
        {"code": c["code"], "message": c["message"]}
        for c in checks
        if c["outcome"] == Outcome.REVIEW and c["code"] not in NOT_OVERRIDDEN
    ]


def override_covers(verdict: Verdict, checks=None) -> bool:
    """An override counts only for the facts it was written about: every needs-review check of the current
    judgement must read as it did when the override was made (a later change of its facts voids it)."""
    wanted = _review_checks(verdict.checks if checks is None else checks)
    if not wanted:
        return True
    if not verdict.override_reason:
        return False
    return all(check in verdict.override_checks for check in wanted)


def verdicts_refresh(province: Unit, year: int, *, only: set[int] | None = None) -> dict[int, Verdict]:
    """Judge the lines of a province and year and store each verdict with the rule set it used (one upsert per
    batch). An override is kept while the facts it covered read the same."""
    _facts, judgements = judge_province(province, year, only=only)
    previous = {
        verdict.line_id: verdict
        for verdict in Verdict.objects.filter(line_id__in=list(judgements)).only(
            "line_id", "override_reason", "overridden_by_id", "overridden_at", "override_checks"
        )
    }
    now = timezone.now()
    verdicts = []
    for line_id, judgement in judgements.items():
        checks = [check.as_dict() for check in judgement.checks]
        old = previous.get(line_id)
        reason, by, at, covered = "", None, None, []
        if old is not None and old.override_reason and override_covers(old, checks):
            reason, by, at, covered = old.override_reason, old.overridden_by_id, old.overridden_at, old.override_checks
        verdicts.append(
            Verdict(
                line_id=line_id,
                rule_set=judgement.rule_set,
                outcome=judgement.outcome,
                checks=checks,
                computed_at=now,
                override_reason=reason,
                overridden_by_id=by,
                overridden_at=at,
                override_checks=covered,
                stale=False,
                stale_since=None,
            )
        )
    Verdict.objects.bulk_create(
        verdicts,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["line"],
        update_fields=[
            "rule_set",
            "outcome",
            "checks",
            "computed_at",
            "override_reason",
            "overridden_by",
            "overridden_at",
            "override_checks",
            "stale",
            "stale_since",
        ],
    )
    return {verdict.line_id: verdict for verdict in verdicts}


def _fresh_verdict(line: ProposalLine) -> Verdict:
    verdicts_refresh(line.proposal.unit.province, line.proposal.year_plan.year, only={line.pk})
    return Verdict.objects.get(line=line)


def gate_refusals(lines, *, stage: str) -> list[str]:
    """Judge ``lines`` again from the facts as they are now, inside the caller's transaction, store their verdicts
    and return why each line that may not pass the gate is refused (empty: all may pass). A line passes when its
    verdict does not fail and every needs-review check is covered by an override written after its facts last
    changed; a cap is counted by the tally and the decision, not here."""
    lines = list(lines)
    refusals = []
    by_year: dict[tuple, list[ProposalLine]] = {}
    for line in lines:
        by_year.setdefault((line.proposal.unit.province_id, line.proposal.year_plan.year), []).append(line)
    for (_province_id, year), group in by_year.items():
        verdicts = verdicts_refresh(group[0].proposal.unit.province, year, only={line.pk for line in group})
        for line in group:
            verdict = verdicts[line.pk]
            failing = [c for c in verdict.checks if c["outcome"] == Outcome.FAIL]
            who = f"{line.subject_name} – {line.title.name}"
            if failing:
                refusals.append(
                    _("%(who)s: does not meet the criteria (%(reason)s); %(what)s.")
                    % {"who": who, "reason": explanation(failing[0]), "what": GATE_ADVICE[stage]}
                )
            elif not override_covers(verdict):
                open_checks = "; ".join(
                    explanation(c)
                    for c in verdict.checks
                    if c["outcome"] == Outcome.REVIEW and c["code"] not in NOT_OVERRIDDEN
                )
                refusals.append(
                    _("%(who)s: needs review (%(reason)s); override it in writing first.")
                    % {"who": who, "reason": open_checks}
                )
    return refusals


GATE_ADVICE = {
    "accept": _lazy("return it to the unit or reject it"),
    "agenda": _lazy("return it to the unit or reject it instead of putting it to the vote"),
    "tally": _lazy("reject the line instead of approving it"),
    "decision": _lazy("take it out of the document and reject the line"),
}


def gate(lines, *, stage: str) -> None:
    refusals = gate_refusals(lines, stage=stage)
    if refusals:
        raise ValidationError(refusals)


_ORDER = itertools.count(1)


def schedule_verdicts_refresh(province_id: int, year: int) -> None:
    """After the transaction commits, re-judge the province's lines of the year in the background: one line's
    state changes others' results (shares of members, same-cycle streaks, caps). Scheduled once per transaction."""
    from awards.tasks import refresh_verdicts  # here: awards.tasks imports this module

    key = (province_id, year)
    connection = transaction.get_connection()
    current = set(connection.savepoint_ids)
    # Many lines change in one block (a decision lists hundreds): one refresh is enough for the block.
    if any(
        getattr(callback, "verdicts_key", None) == key and sids == current
        for sids, callback, *_rest in connection.run_on_commit
    ):
        return

    # Blocks nested in one transaction (a seed, a test, a service calling services) each leave a callback; they all
    # run after the one commit, so the first enqueues and the others, registered before it ran, have nothing new.
    # Kept per connection: one connection runs one transaction at a time.
    registered = next(_ORDER)

    def enqueue():
        enqueued = connection.__dict__.setdefault("verdicts_enqueued", {})
        if enqueued.get(key, 0) > registered:
            return
        enqueued[key] = next(_ORDER)
        try:
            refresh_verdicts.delay(province_id=province_id, year=year)
        except Exception:  # noqa: BLE001 - the broker being away must not fail the user's action
            logger.warning("Could not enqueue the verdict refresh of %s/%s", province_id, year, exc_info=True)

    enqueue.verdicts_key = key
    transaction.on_commit(enqueue)


# Lines whose verdict can still matter: not yet decided, rejected or refused.
OPEN_STATES = {
    LineState.DRAFT,
    LineState.SUBMITTED,
    LineState.RETURNED,
    LineState.ACCEPTED,
    LineState.APPROVED,
    LineState.FORWARDED,
}


def mark_for_judgement(province_id: int | None) -> None:
    """A fact that eligibility reads changed (a conduct record, an award record, an initiative, a person's dates, a
    registration, a rule): mark the open lines of the province (of every province for a rule change) for
    judgement in the caller's transaction, and judge them again after it commits. Once per transaction and
    province, so an import of thousands of rows costs one update."""
    key = ("judge", province_id)
    verdicts = Verdict.objects.filter(line__state__in=OPEN_STATES, stale=False)
    if province_id is not None:
        verdicts = verdicts.filter(line__proposal__unit__province_id=province_id)
    verdicts.update(stale=True, stale_since=timezone.now())  # rows already marked are skipped
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(callback, "judgement_key", None) == key for _sids, callback, *_rest in connection.run_on_commit
    ):
        return

    def judge_again():
        lines = ProposalLine.objects.filter(state__in=OPEN_STATES)
        if province_id is not None:
            lines = lines.filter(proposal__unit__province_id=province_id)
        pairs = lines.order_by().values_list("proposal__unit__province_id", "proposal__year_plan__year").distinct()
        for province, year in pairs:
            schedule_verdicts_refresh(province, year)

    judge_again.judgement_key = key
    transaction.on_commit(judge_again)


@transaction.atomic
def review_override(*, line: ProposalLine, actor, reason: str) -> Verdict:
    """Accept the risk of the needs-review checks, in writing. The override covers these checks as they read now;
    if their facts change later, it no longer counts."""
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Write why the needs-review checks are overridden."))
    verdict = _fresh_verdict(line)
    covered = _review_checks(verdict.checks)
    if verdict.outcome != Outcome.REVIEW or not covered:
        raise ValidationError(_("Only a verdict that needs review can be overridden."))
    verdict.override_reason, verdict.overridden_by = reason, actor
    verdict.overridden_at, verdict.override_checks = timezone.now(), covered
    verdict.save(update_fields=["override_reason", "overridden_by", "overridden_at", "override_checks"])
    audit_log(
        actor=actor,
        action="proposal_line.override",
        target=line,
        unit=line.proposal.unit,
        reason=reason,
        data={"checks": [c["message"] for c in covered]},
    )
    return verdict


LINE_NOTICES = {
    LineState.ACCEPTED: _lazy("The proposal of %(subject)s for “%(title)s” was accepted by the council secretariat."),
    LineState.RETURNED: _lazy("The proposal of %(subject)s for “%(title)s” was returned for correction: %(reason)s"),
    LineState.REJECTED: _lazy("The proposal of %(subject)s for “%(title)s” was rejected: %(reason)s"),
}


def _notify_line(line: ProposalLine, *, email: bool) -> None:
    """The unit's officers see the review in the bell; ``email`` only where no e-mail of its own exists
    (returned and rejected lines have ``line_reviewed``)."""
    unit = line.proposal.unit
    notify(
        unit_officers(unit),
        key=f"line:{line.pk}:{line.state}:{line.updated_at.isoformat()}",
        text=lazy_text(
            LINE_NOTICES[line.state],
            {"subject": line.subject_name, "title": line.title.name, "reason": line.review_note},
        ),
        url=reverse("awards:proposal_detail", kwargs={"pk": line.proposal_id}),
        email=email,
        unit=unit,
    )


@transaction.atomic
def review_accept(*, line: ProposalLine, actor, note: str = "") -> ProposalLine:
    line = (
        ProposalLine.objects.select_for_update(of=("self",))
        .select_related("proposal__unit", "proposal__year_plan", "title", "staff")
        .get(pk=line.pk)
    )
    gate([line], stage="accept")
    line = line_transition(line=line, to_state=LineState.ACCEPTED, actor=actor, reason=clean(note))
    _notify_line(line, email=True)
    return line


@transaction.atomic
def review_return(*, line: ProposalLine, actor, reason: str) -> ProposalLine:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for returning the line."))
    line = line_transition(line=line, to_state=LineState.RETURNED, actor=actor, reason=reason)
    notify_line_returned(line)
    _notify_line(line, email=False)
    return line


@transaction.atomic
def review_reject(*, line: ProposalLine, actor, reason: str) -> ProposalLine:
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Give the reason for rejecting the line."))
    line = line_transition(line=line, to_state=LineState.REJECTED, actor=actor, reason=reason)
    notify_line_returned(line)
    _notify_line(line, email=False)
    return line
