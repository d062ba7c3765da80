"""Caps on a title across a province and year ("không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến"):
one definition, read by the eligibility checks (``awards.eligibility``: ``load_facts`` counts them with
``caps_from_rows``, ``check_cap`` words them), the review pages, the council's tally and the decision. The figures
themselves are data: ``TitleRule.cap_*`` and ``PlanCap`` (``awards/models/rules.py``).

A cap counts subjects (a person, or a unit for a collective title), from every source: the year's live proposal
lines and the valid award records of the year, however they were recorded (a decision in the system, the past-award
import, a unit's own decision). The rule set gives the national cap, binding or advisory with its source; a
province's year plan may set a stricter one (``PlanCap``), which is binding.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

from awards.enums import AwardStatus, LineState
from awards.models import AwardRecord, PlanCap, ProposalLine, RuleSet
from movements.models import Title, YearPlan
from units.numbers import percent_text
from units.phrases import Joined, Phrase

# Lines that count as "proposed in this cycle".
LIVE_STATES = {LineState.SUBMITTED, LineState.ACCEPTED, LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED}
# Lines the council has approved (or beyond): they take a place within the cap.
CHOSEN_STATES = {LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED}


@dataclass(frozen=True)
class CapRule:
    title: Title
    percent: int
    base_title: Title
    minimum: int
    binding: bool
    source: str
    note: str = ""


@dataclass
class CapUsage:
    title: Title
    used: int
    allowed: int
    base: int
    base_title: Title
    percent: int
    binding: bool = True
    source: str = ""
    note: str = ""
    chosen: int = 0
    # The rule's floor ("không ít hơn 1"), and how many of ``used`` are a unit's lines not sent yet (a preview).
    minimum: int = 0
    pending: int = 0

    @property
    def over(self) -> int:
        return max(0, self.used - self.allowed)

    @property
    def full(self) -> bool:
        return self.chosen >= self.allowed

    def sentence(self) -> Phrase | Joined:
        """The cap in words, numbers written the Vietnamese way: "Tỉnh được đề nghị tối đa 33 “Chiến sĩ thi đua cơ
        sở” (15 % của 226 “Lao động tiên tiến” trở lên); đã đề nghị 34". Where the floor gives the places, it says
        so ("15 % của 5 … là 0, nhưng không ít hơn 1"); where unsent lines are counted, it says how many. A
        ``Phrase``: said in the reader's language (``str()`` it for the active one)."""
        share = math.floor(self.base * self.percent / 100)
        said = {
            "allowed": self.allowed,
            "title": self.title.name,
            "percent": percent_text(self.percent, None),
            "base": self.base,
            "base_title": self.base_title.name,
            "share": share,
            "minimum": self.minimum,
            "used": self.used,
            "pending": self.pending,
            "note": self.note,
        }
        floor = Phrase(N_(", that is %(share)s, but no fewer than %(minimum)s"), **said) if self.allowed > share else ""
        source = Phrase(N_("; %(source)s"), source=self.source) if self.source else ""
        parts = [
            Phrase(
                N_(
                    "The province may propose at most %(allowed)s “%(title)s” (%(percent)s of %(base)s holding "
                    "“%(base_title)s” or higher%(floor)s%(source)s); %(used)s proposed"
                ),
                floor=floor,
                source=source,
                **said,
            )
        ]
        if self.pending:
            parts.append(Phrase(N_(" (including %(pending)s lines of units not sent yet)"), **said))
        if not self.binding:
            if self.note:
                parts.append(Phrase(N_(" (an advisory share, not binding: %(note)s)"), **said))
            else:
                parts.append(Phrase(N_(" (an advisory share, not binding)")))
        return Joined(parts, "") if len(parts) > 1 else parts[0]


def cap_rules(rule_set, plan=None, titles: dict | None = None) -> dict[int, CapRule]:
    """The caps in force for a year: the rule set's, made stricter by the plan's own where it sets one."""
    titles = titles or {title.pk: title for title in Title.objects.all()}
    caps: dict[int, list[CapRule]] = {}
    if rule_set is not None:
        for rule in rule_set.title_rules.all():
            if rule.cap_percent is None or not rule.cap_base_title_id:
                continue
            caps.setdefault(rule.title_id, []).append(
                CapRule(
                    titles[rule.title_id],
                    rule.cap_percent,
                    titles[rule.cap_base_title_id],
                    rule.cap_minimum,
                    rule.cap_binding,
                    rule.legal_basis,
                    rule.cap_note,
                )
            )
    if plan is not None:
        for cap in PlanCap.objects.filter(year_plan=plan):
            caps.setdefault(cap.title_id, []).append(
                CapRule(
                    titles[cap.title_id],
                    cap.cap_percent,
                    titles[cap.cap_base_title_id],
                    cap.cap_minimum,
                    True,
                    plan.citation(cap.section),
                )
            )
    return caps


def _ranks_at_least(title: Title, base: Title) -> bool:
    return (
        title.category == base.category
        and title.subject_kind == base.subject_kind
        and title.display_order >= base.display_order
    )


def compute_caps(rules: dict[int, list[CapRule]], titles: dict, line_rows, award_rows) -> dict[int, CapUsage]:
    """``line_rows``: (title_id, staff_id, unit_id, state) of the year's lines; ``award_rows``: (title_id, staff_id,
    unit_id) of the year's valid award records. Each title's tightest cap wins."""
    holders: dict[int, set] = {}
    live: dict[int, set] = {}
    chosen: dict[int, set] = {}
    for title_id, staff_id, unit_id, state in line_rows:
        if state not in LIVE_STATES:
            continue
        subject = ("staff", staff_id) if staff_id else ("unit", unit_id)
        live.setdefault(title_id, set()).add(subject)
        if state in CHOSEN_STATES:
            chosen.setdefault(title_id, set()).add(subject)
    for title_id, staff_id, unit_id in award_rows:
        subject = ("staff", staff_id) if staff_id else ("unit", unit_id)
        holders.setdefault(title_id, set()).add(subject)
    usages = {}
    for title_id, candidates in rules.items():
        best = None
        for rule in candidates:
            base = set()
            for other_id, subjects in [*live.items(), *holders.items()]:
                if _ranks_at_least(titles[other_id], rule.base_title):
                    base |= subjects
            used = live.get(title_id, set()) | holders.get(title_id, set())
            taken = chosen.get(title_id, set()) | holders.get(title_id, set())
            allowed = max(rule.minimum, math.floor(len(base) * rule.percent / 100))
            usage = CapUsage(
                rule.title,
                len(used),
                allowed,
                len(base),
                rule.base_title,
                rule.percent,
                rule.binding,
                rule.source,
                rule.note,
                len(taken),
                minimum=rule.minimum,
            )
            # The binding cap with the fewest places wins; an advisory one only when nothing binds.
            if best is None or (usage.binding, -usage.allowed) > (best.binding, -best.allowed):
                best = usage
        usages[title_id] = best
    return usages


def caps_from_rows(rule_set, plan, titles: dict, line_rows, award_rows) -> dict[int, CapUsage]:
    """The caps in force for a year (``cap_rules``) counted over rows already loaded (``compute_caps``): the one
    entry point for callers that hold the year's lines, such as the eligibility engine (``load_facts``)."""
    return compute_caps(cap_rules(rule_set, plan, titles), titles, line_rows, award_rows)


def cap_usages(province, year: int, *, rule_set=None, plan=None) -> dict[int, CapUsage]:
    """The caps of a province and year from the database, in four queries whatever its size."""
    rule_set = rule_set or RuleSet.objects.for_year(year)
    plan = plan or YearPlan.objects.filter(province=province, year=year).first()
    titles = {title.pk: title for title in Title.objects.all()}
    rules = cap_rules(rule_set, plan, titles)
    if not rules:
        return {}
    line_rows = ProposalLine.objects.filter(
        proposal__unit__province=province, proposal__year_plan__year=year
    ).values_list("title_id", "staff_id", "proposal__unit_id", "state")
    award_rows = AwardRecord.objects.filter(unit__province=province, year=year, status=AwardStatus.VALID).values_list(
        "title_id", "staff_id", "unit_id"
    )
    return compute_caps(rules, titles, line_rows, award_rows)
