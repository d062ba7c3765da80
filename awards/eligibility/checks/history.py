"""Checks of a subject's award history (a person's or a unit's): the title needed before, and the streak of titles.
The person page runs these two alone (``awards.outlook``), on a ``Candidate`` instead of a line."""

from django.utils.translation import gettext_noop as N_

from awards.eligibility.base import Check
from awards.eligibility.facts import SETTLED_STATES, subject_key
from awards.enums import LineState, Outcome
from units.phrases import Phrase


def _history(line, facts) -> list[tuple[int, int]]:
    if line.staff_id:
        return facts.awards_person.get(line.staff_id, [])
    return facts.awards_unit.get(line.proposal.unit_id, [])


def _same_cycle(line, facts, title_id: int) -> str | None:
    """The state of another line of the judged year giving the same subject ``title_id``, if any."""
    best = None
    for other in facts.by_subject.get(subject_key(line), []):
        if other.pk == line.pk or other.title_id != title_id:
            continue
        if other.state in SETTLED_STATES:
            return "settled"
        if other.state == LineState.SUBMITTED:
            best = "pending"
    return best


def years_text(years) -> Phrase:
    """Years as a sentence says them: "năm 2027", "các năm 2025, 2026", "chưa có năm nào"."""
    years = sorted(years)
    if not years:
        return Phrase(N_("in no year yet"))
    if len(years) == 1:
        return Phrase(N_("in the year %(year)s"), year=years[0])
    return Phrase(N_("in the years %(years)s"), years=", ".join(map(str, years)))


def held_text(title, years) -> Phrase:
    """What a subject holds: "đã có “Lao động tiên tiến” các năm 2025, 2026", "chưa có năm nào đạt “…”"."""
    if not years:
        return Phrase(N_("no year with “%(title)s” yet"), title=title.name)
    return Phrase(N_("has “%(title)s” %(years)s"), title=title.name, years=years_text(years))


def check_prerequisite(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.prerequisite_title_id]
    years = sorted({y for title_id, y in _history(line, facts) if title_id == needed.pk and y < facts.year})
    if years:
        return Check(
            "prerequisite",
            Outcome.PASS,
            Phrase(N_("Has “%(title)s” %(years)s."), title=needed.name, years=years_text(years)),
        )
    return Check(
        "prerequisite",
        Outcome.FAIL,
        Phrase(N_("No “%(title)s” before %(year)s."), title=needed.name, year=facts.year),
    )


def check_streak(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.streak_title_id]
    step = max(rule.streak_step, 1)
    last = facts.year if rule.streak_includes_current_year else facts.year - 1
    if step > 1:
        # Titles that each cover a cycle (a Chiến sĩ thi đua ngành covers three years): consecutive cycles.
        years = sorted(last - step * i for i in range(rule.streak_count))
        window = None
    else:
        window = max(rule.streak_window, rule.streak_count)
        years = list(range(last - window + 1, last + 1))
    history = _history(line, facts)
    held = {y for title_id, y in history if title_id == needed.pk}
    pending = False
    if rule.streak_includes_current_year and facts.year not in held:
        state = _same_cycle(line, facts, needed.pk)
        if state == "settled":
            held.add(facts.year)
        elif state == "pending":
            held.add(facts.year)
            pending = True
    restart = ""
    if rule.streak_after_last_award:
        # A year already rewarded by this title is not counted again: a new chain starts after it.
        rewarded = [y for title_id, y in history if title_id == line.title_id and y < facts.year]
        if rewarded:
            after = max(rewarded)
            years_before = len(years)
            years = [y for y in years if y > after]
            if len(years) < years_before:
                restart = Phrase(
                    N_(" (was given “%(title)s” in %(year)s; a new chain counts from %(next)s)"),
                    title=line.title.name,
                    year=after,
                    next=after + 1,
                )
    got = [y for y in years if y in held]
    if step > 1:
        kind = Phrase(N_("in a row (once every %(step)s years)"), step=step)
    elif window == rule.streak_count:
        kind = Phrase(N_("in a row"))
    else:
        kind = Phrase(N_("within %(window)s years"), window=window)
    summary = held_text(needed, got)
    single = rule.streak_count == 1 and len(years) == 1
    said = {"count": rule.streak_count, "title": needed.name, "kind": kind, "restart": restart, "held": summary}
    if single and not got:
        return Check(
            "streak",
            Outcome.FAIL,
            Phrase(N_("Needs “%(title)s” in %(year)s%(restart)s: not yet."), year=years[0], **said),
        )
    if len(got) < rule.streak_count:
        missing = [y for y in years if y not in held]
        span = f"{years[0]}–{years[-1]}" if years else Phrase(N_("no year left that was not counted"))
        if missing:
            message = Phrase(
                N_("Needs %(count)s × “%(title)s” %(kind)s (%(span)s)%(restart)s; %(held)s; missing %(missing)s."),
                span=span,
                missing=years_text(missing),
                **said,
            )
        else:
            message = Phrase(
                N_("Needs %(count)s × “%(title)s” %(kind)s (%(span)s)%(restart)s; %(held)s."), span=span, **said
            )
        return Check("streak", Outcome.FAIL, message)
    if pending:
        return Check(
            "streak",
            Outcome.REVIEW,
            Phrase(
                N_("%(held)s; the title of %(year)s is proposed in the same round and not accepted yet."),
                year=facts.year,
                **said,
            ),
        )
    if single:
        return Check("streak", Outcome.PASS, Phrase(N_("Has “%(title)s” in %(year)s."), year=years[0], **said))
    return Check("streak", Outcome.PASS, Phrase(N_("%(count)s times %(kind)s, enough: %(held)s%(restart)s."), **said))
