"""Checks of any subject, person or collective: registration, initiatives, the cap and the rule's own note."""

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from awards.caps import CapUsage
from awards.eligibility.base import Check, date_text
from awards.enums import Outcome, RecognitionLevel
from units.phrases import Joined, Phrase

LEVEL_RANK = {
    RecognitionLevel.NONE: 0,
    RecognitionLevel.UNIT: 1,
    RecognitionLevel.PROVINCE: 2,
    RecognitionLevel.SECTOR: 3,
}


def check_registration(line, facts, rule) -> Check | None:
    """The rule itself (which registration covers which title) is ``awards.eligibility.registration``; the plan
    may do without it (``YearPlan.registration_required``)."""
    title = line.title
    plan = facts.plan
    if plan is not None and not plan.registration_required:
        return None
    cite = plan.citation(plan.registration_section) if plan is not None else rule.legal_basis or facts.rule_set.name
    registered = facts.registered.get((line.staff_id, line.proposal.unit_id))
    if registered is None:
        return Check(
            "registration",
            Outcome.FAIL,
            Phrase(
                N_(
                    "No emulation title registration of %(year)s was sent for %(subject)s (%(cite)s: a title not "
                    "registered is not considered)."
                ),
                year=facts.year,
                subject=line.subject_name,
                cite=cite,
            ),
        )
    if registered.title is None:
        return Check(
            "registration",
            Outcome.FAIL,
            Phrase(N_("%(subject)s registered “no title” for %(year)s."), subject=line.subject_name, year=facts.year),
        )
    added = registered.supplementary_at
    said = {"title": registered.title.name, "year": facts.year, "proposed": title.name}
    if added:
        said["date"] = date_text(timezone.localtime(added).date())
        if registered.covers(title):
            message = Phrase(
                N_(
                    "Registered later, on %(date)s (joined the unit after the unit sent its registration), for "
                    "“%(title)s” of %(year)s."
                ),
                **said,
            )
            return Check("registration", Outcome.PASS, message)
        message = Phrase(
            N_(
                "Only registered later, on %(date)s (joined the unit after the unit sent its registration), for "
                "“%(title)s” of %(year)s, lower than “%(proposed)s”."
            ),
            **said,
        )
        return Check("registration", Outcome.FAIL, message)
    if registered.covers(title):
        return Check("registration", Outcome.PASS, Phrase(N_("Registered for “%(title)s” of %(year)s."), **said))
    return Check(
        "registration",
        Outcome.FAIL,
        Phrase(N_("Only registered for “%(title)s” of %(year)s, lower than “%(proposed)s”."), **said),
    )


def check_initiatives(line, facts, rule) -> Check | None:
    required = LEVEL_RANK[rule.initiative_level]
    level_label = Phrase.label(RecognitionLevel(rule.initiative_level).label)
    linked = facts.line_initiatives.get(line.pk, [])
    cutoff = facts.initiative_cutoff
    good, late = [], []
    for i in linked:
        if LEVEL_RANK[i.recognition_level] < required:
            continue
        if line.staff_id is not None and line.staff_id not in facts.initiative_authors.get(i.pk, set()):
            continue
        if i.year > facts.year or (cutoff and i.decision_date and i.decision_date > cutoff):
            late.append(i)
            continue
        good.append(i)
    if len(good) >= rule.initiatives_required:
        names = Joined((f"“{i.title}” ({i.decision_number}, {date_text(i.decision_date)})" for i in good), "; ")
        return Check("initiative", Outcome.PASS, Phrase(N_("Initiatives: %(names)s."), names=names))
    late_text = Joined(
        (
            Phrase(
                N_(
                    " “%(title)s” was recognised on %(date)s (year %(year)s), after %(cutoff)s: not counted for "
                    "%(judged)s."
                ),
                title=i.title,
                date=date_text(i.decision_date),
                year=i.year,
                cutoff=facts.initiative_cutoff_reason,
                judged=facts.year,
            )
            for i in late
        ),
        "",
    )
    return Check(
        "initiative",
        Outcome.FAIL,
        Phrase(
            N_(
                "Needs %(count)s initiative(s) of the person proposed, recognised at “%(level)s” or higher and not "
                "used for another award; has %(good)s.%(late)s"
            ),
            count=rule.initiatives_required,
            level=level_label,
            good=len(good),
            late=late_text,
        ),
    )


def cap_usage(facts, title_id: int) -> CapUsage | None:
    return facts.caps.get(title_id)


def check_cap(line, facts, rule) -> Check | None:
    """A cap is not a fault of the line: beyond it the council chooses which lines to approve ("chọn 33 trong
    34"), and the tally and the decision refuse more than the cap allows. The cap is counted in ``awards.caps``."""
    usage = cap_usage(facts, line.title_id)
    if usage is None:
        return None
    text = usage.sentence()
    if usage.used <= usage.allowed:
        return Check("cap", Outcome.PASS, Phrase(N_("%(text)s."), text=text))
    if not usage.binding:
        return Check(
            "cap",
            Outcome.REVIEW,
            Phrase(N_("%(text)s; over the advisory share, for the council to weigh."), text=text),
        )
    return Check(
        "cap",
        Outcome.REVIEW,
        Phrase(
            N_("%(text)s; the council chooses %(allowed)s of %(used)s and may not approve more than %(allowed)s."),
            text=text,
            allowed=usage.allowed,
            used=usage.used,
        ),
    )


def check_manual(line, facts, rule) -> Check:
    """What the rule says the system cannot verify (``TitleRule.review_note``): always for a person to check."""
    return Check("manual", Outcome.REVIEW, rule.review_note)
