"""What a person may be proposed for next, from their award history: the rule set's prerequisite and streak checks
(``awards.eligibility``) run for each individual title, as if a line were proposed for ``year``.

The other criteria (registration, months worked, discipline, initiatives, caps) depend on the year itself and are
checked when the unit proposes; the page says so.
"""

from dataclasses import dataclass, replace
from types import SimpleNamespace

from awards.eligibility import Check, Facts, check_prerequisite, check_streak
from awards.enums import AwardStatus, LineState, Outcome, ProposalKind
from awards.models import AwardRecord, ProposalLine, RuleSet, Title
from units.models import Staff

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
    facts = Facts(
        year=year,
        rule_set=rule_set,
        rules=rules,
        titles=titles,
        staff={staff.pk: staff},
        awards_person={staff.pk: history},
        lines=lines,
    )
    line = SimpleNamespace(
        pk=None,
        staff_id=staff.pk,
        staff=staff,
        state=LineState.DRAFT,
        proposal=SimpleNamespace(unit_id=staff.unit_id, kind=ProposalKind.YEAR_END),
    )
    outlooks = []
    for title_id, rule in sorted(
        rules.items(), key=lambda item: (titles[item[0]].category, titles[item[0]].display_order)
    ):
        line.title_id, line.title = title_id, titles[title_id]
        checks = [c for c in (check_prerequisite(line, facts, rule), check_streak(line, facts, rule)) if c]
        outcome = Outcome.PASS
        if any(c.outcome == Outcome.FAIL for c in checks):
            outcome = Outcome.FAIL
            streak_title = rule.streak_title_id
            if rule.streak_includes_current_year and streak_title:
                # Would the year's own title complete the streak? Then it depends on this year's result.
                hoped = replace(facts, awards_person={staff.pk: [*history, (streak_title, year)]})
                again = [c for c in (check_prerequisite(line, hoped, rule), check_streak(line, hoped, rule)) if c]
                if all(c.outcome != Outcome.FAIL for c in again):
                    outcome = Outcome.REVIEW
        if outcome != Outcome.FAIL and rule.review_note:
            # Criteria the rules do not encode: never "can be proposed", always for the secretariat to check.
            basis = f" ({rule.legal_basis})" if rule.legal_basis else ""
            checks.append(Check("manual", Outcome.REVIEW, f"Cần Thường trực kiểm tra: {rule.review_note}{basis}"))
            if outcome == Outcome.PASS:
                outcome = MANUAL
        outlooks.append(Outlook(titles[title_id], outcome, checks))
    return rule_set, outlooks
