"""What a person may be proposed for next, from their award history: the rule set's prerequisite and streak checks
(``awards/eligibility/checks/history.py``, ``HISTORY_TABLE``) run for each individual title, as if the person were
proposed for it in ``year``.

The other criteria (registration, months worked, discipline, initiatives, caps) depend on the year itself and are
checked when the unit proposes; the page says so.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

from awards.eligibility import HISTORY_TABLE, Candidate, Check, Facts, run_checks
from awards.enums import AwardStatus, Outcome
from awards.models import AwardRecord, ProposalLine, RuleSet
from movements.models import Title
from units.models import Staff
from units.phrases import Phrase

MANUAL = "manual"


@dataclass
class Outlook:
    title: Title
    # pass: the history allows it; review: only if this year's title is also granted; fail; manual: criteria that
    # the rules do not encode, for the secretariat to check (never shown as "can be proposed").
    outcome: str
    checks: list[Check]


def person_outlook(staff: Staff, year: int) -> tuple[RuleSet | None, list[Outlook]]:
    rule_set = RuleSet.objects.for_year(year)
    if rule_set is None:
        return None, []
    rules = {
        rule.title_id: rule
        for rule in rule_set.title_rules.select_related("title").filter(title__is_active=True)
        if rule.title.fits(collective=False)
    }
    titles = {title.pk: title for title in Title.objects.all()}
    history = list(AwardRecord.objects.filter(staff=staff, status=AwardStatus.VALID).values_list("title_id", "year"))
    # This year's own lines count as the streak checks count them (settled: held; submitted: pending).
    lines = list(
        ProposalLine.objects.filter(staff=staff, proposal__year_plan__year=year).select_related("proposal", "staff")
    )
    facts = Facts.for_person(staff, year, rule_set=rule_set, rules=rules, titles=titles, history=history, lines=lines)
    outlooks = []
    for title_id, rule in sorted(
        rules.items(), key=lambda item: (titles[item[0]].category, titles[item[0]].display_order)
    ):
        candidate = Candidate(staff_id=staff.pk, title=titles[title_id])
        checks = run_checks(candidate, facts, rule, HISTORY_TABLE)
        outcome = Outcome.PASS
        if any(c.outcome == Outcome.FAIL for c in checks):
            outcome = Outcome.FAIL
            streak_title = rule.streak_title_id
            if rule.streak_includes_current_year and streak_title:
                # Would the year's own title complete the streak? Then it depends on this year's result.
                hoped = facts.assuming_award(staff.pk, streak_title, year)
                again = run_checks(candidate, hoped, rule, HISTORY_TABLE)
                if all(c.outcome != Outcome.FAIL for c in again):
                    outcome = Outcome.REVIEW
        if outcome != Outcome.FAIL and rule.review_note:
            # Criteria the rules do not encode: never "can be proposed", always for the secretariat to check.
            note = (
                Phrase(
                    N_("For the secretariat to check: %(note)s (%(basis)s)"),
                    note=rule.review_note,
                    basis=rule.legal_basis,
                )
                if rule.legal_basis
                else Phrase(N_("For the secretariat to check: %(note)s"), note=rule.review_note)
            )
            checks.append(Check("manual", Outcome.REVIEW, note))
            if outcome == Outcome.PASS:
                outcome = MANUAL
        outlooks.append(Outlook(titles[title_id], outcome, checks))
    return rule_set, outlooks
