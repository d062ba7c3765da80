"""Running the checks: ``TABLE`` says, in order, when each check applies to a line; ``judge`` runs those that apply
and sums them up; ``judge_province`` loads the facts once and judges every line of a province and year."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_noop as N_

from awards.caps import CapUsage
from awards.eligibility.base import Check
from awards.eligibility.checks.collective import (
    check_collective_discipline,
    check_endorsement,
    check_member_share,
    check_member_title,
)
from awards.eligibility.checks.common import check_cap, check_initiatives, check_manual, check_registration
from awards.eligibility.checks.history import check_prerequisite, check_streak
from awards.eligibility.checks.person import (
    check_conduct,
    check_discipline,
    check_leave,
    check_long_service,
    check_work_months,
)
from awards.eligibility.facts import Facts, load_facts
from awards.enums import Outcome
from awards.models import ProposalLine, RuleSet
from movements.enums import TitleCategory
from units.models import Unit
from units.phrases import Phrase

CheckResult = Check | list[Check] | None
Applies = Callable[[object, object], bool]  # (line, rule) -> does the check apply?


@dataclass
class Judgement:
    outcome: str
    checks: list[Check]
    rule_set: RuleSet


# --- When each check applies (the line and its title rule) --------------------------------------------------------


def _always(line, rule) -> bool:
    return True


def _registered_title(line, rule) -> bool:
    return rule.requires_registration and line.title.category == TitleCategory.TITLE


def _person_standard(line, rule) -> bool:
    return bool(line.staff_id) and rule.applies_individual_standard


def _long_service(line, rule) -> bool:
    return rule.is_long_service_medal


def _has_prerequisite(line, rule) -> bool:
    return bool(rule.prerequisite_title_id)


def _has_streak(line, rule) -> bool:
    return bool(rule.streak_title_id and rule.streak_count)


def _needs_initiatives(line, rule) -> bool:
    return bool(rule.initiative_level)


def _collective(line) -> bool:
    return line.staff_id is None


def _member_share(line, rule) -> bool:
    return _collective(line) and rule.member_share_percent is not None


def _member_title(line, rule) -> bool:
    return _collective(line) and bool(rule.requires_member_title_id)


def _members_judged(line, rule) -> bool:
    """A collective title that asks something of the members also bars members' discipline."""
    return _member_share(line, rule) or _member_title(line, rule)


def _endorsement(line, rule) -> bool:
    return _collective(line) and rule.cluster_endorsement_percent is not None


def _review_note(line, rule) -> bool:
    return bool(rule.review_note)


# The history checks, also run alone for the person page (``awards.outlook``).
HISTORY_TABLE: list[tuple[Applies, Callable[..., CheckResult]]] = [
    (_has_prerequisite, check_prerequisite),
    (_has_streak, check_streak),
]

# Every check, in the order the verdict lists them.
TABLE: list[tuple[Applies, Callable[..., CheckResult]]] = [
    (_registered_title, check_registration),
    (_person_standard, check_work_months),
    (_person_standard, check_leave),
    (_person_standard, check_discipline),
    (_person_standard, check_conduct),
    (_long_service, check_long_service),
    *HISTORY_TABLE,
    (_needs_initiatives, check_initiatives),
    (_member_share, check_member_share),
    (_member_title, check_member_title),
    (_members_judged, check_collective_discipline),
    (_endorsement, check_endorsement),
    (_always, check_cap),
    (_review_note, check_manual),
]


def run_checks(line, facts: Facts, rule, table=TABLE) -> list[Check]:
    """The checks of ``table`` that apply to ``line`` (a proposal line, or a ``Candidate`` for the history checks),
    in order."""
    checks: list[Check] = []
    for applies, check in table:
        if not applies(line, rule):
            continue
        result = check(line, facts, rule)
        if result is None:
            continue
        checks.extend(result if isinstance(result, list) else [result])
    return checks


def overall(checks: list[Check]) -> str:
    outcomes = {check.outcome for check in checks}
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL
    if Outcome.REVIEW in outcomes:
        return Outcome.REVIEW
    return Outcome.PASS


def judge(line: ProposalLine, facts: Facts) -> Judgement:
    with translation.override("vi"):
        rule = facts.rules.get(line.title_id)
        if rule is None:
            check = Check(
                "rule",
                Outcome.REVIEW,
                Phrase(
                    N_("The rule set “%(rule_set)s” has no rule for “%(title)s”."),
                    rule_set=facts.rule_set.name,
                    title=line.title.name,
                ),
            )
            return Judgement(Outcome.REVIEW, [check], facts.rule_set)
        checks = run_checks(line, facts, rule)
        return Judgement(overall(checks), checks, facts.rule_set)


def judge_province(province: Unit, year: int, *, only: set[int] | None = None) -> tuple[Facts, dict[int, Judgement]]:
    """Judge every line of a province and year (or ``only`` those ids) with set-based loading."""
    facts = load_facts(province, year)
    results = {line.pk: judge(line, facts) for line in facts.lines if only is None or line.pk in only}
    return facts, results


def caps_for(facts: Facts) -> list[CapUsage]:
    return list(facts.caps.values())
