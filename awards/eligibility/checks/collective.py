"""Checks of a collective (a unit's own line): the share of its members reaching the first individual title, a
member holding a given title, members' discipline, and the cluster's endorsement (Cờ thi đua ngành)."""

from django.utils.translation import gettext_noop as N_

from awards.eligibility.base import Check, date_text
from awards.eligibility.checks.person import discipline_text, disciplines
from awards.eligibility.facts import SETTLED_STATES
from awards.enums import DisciplineLevel, LineState, Outcome
from movements.enums import SubjectKind, TitleCategory
from movements.models import Title
from units.numbers import percent_text
from units.phrases import Phrase


def _individual_title_holders(
    unit_id: int, facts, *, min_rank_title: Title | None = None, exact_title_id: int | None = None
) -> tuple[set[int], set[int]]:
    """Members of a unit holding (settled) or proposed for (pending) an individual emulation title of the judged
    year: either at least ``min_rank_title``'s rank or exactly ``exact_title_id``."""

    def fits(title: Title) -> bool:
        if exact_title_id is not None:
            return title.pk == exact_title_id
        return (
            title.category == TitleCategory.TITLE
            and title.subject_kind == SubjectKind.INDIVIDUAL
            and title.display_order >= min_rank_title.display_order
        )

    members = set(facts.members.get(unit_id, []))
    settled, pending = set(), set()
    for staff_id in members:
        if any(y == facts.year and fits(facts.titles[t]) for t, y in facts.awards_person.get(staff_id, [])):
            settled.add(staff_id)
    for other in facts.by_unit_people.get(unit_id, []):
        if other.staff_id in members and fits(other.title):
            if other.state in SETTLED_STATES:
                settled.add(other.staff_id)
            elif other.state == LineState.SUBMITTED:
                pending.add(other.staff_id)
    return settled, pending - settled


def member_share_title(facts, rule) -> Title:
    """The title whose holders make up ``rule.member_share_percent``: the rule's ``member_share_title`` (Lao động
    tiên tiến in every rule set loaded, awards/migrations/0010), or for a rule that names none the first individual
    emulation title of the catalogue."""
    if rule.member_share_title_id in facts.titles:
        return facts.titles[rule.member_share_title_id]
    return min(
        (
            t
            for t in facts.titles.values()
            if t.category == TitleCategory.TITLE and t.subject_kind == SubjectKind.INDIVIDUAL
        ),
        key=lambda t: t.display_order,
    )


def check_member_share(line, facts, rule) -> Check | None:
    base = member_share_title(facts, rule)
    members = facts.members.get(line.proposal.unit_id, [])
    if not members:
        return Check("member_share", Outcome.REVIEW, Phrase(N_("The unit has no staff list yet.")))
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, min_rank_title=base)
    threshold = rule.member_share_percent

    def meets(count):
        share = count * 100 / len(members)
        return share > threshold if rule.member_share_strict else share >= threshold

    text = Phrase(
        N_("%(count)s/%(members)s staff hold “%(title)s” or higher (%(share)s; needs %(sign)s %(threshold)s)"),
        count=len(settled),
        members=len(members),
        title=base.name,
        share=percent_text(len(settled) * 100 / len(members)),
        sign=">" if rule.member_share_strict else "≥",
        threshold=percent_text(threshold, None),
    )
    if meets(len(settled)):
        return Check("member_share", Outcome.PASS, Phrase(N_("%(text)s."), text=text))
    if meets(len(settled) + len(pending)):
        return Check(
            "member_share",
            Outcome.REVIEW,
            Phrase(
                N_("%(text)s; enough if %(pending)s proposals waiting for review are accepted."),
                text=text,
                pending=len(pending),
            ),
        )
    return Check("member_share", Outcome.FAIL, Phrase(N_("%(text)s."), text=text))


def check_member_title(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.requires_member_title_id]
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, exact_title_id=needed.pk)
    if settled:
        return Check(
            "member_title",
            Outcome.PASS,
            Phrase(N_("%(count)s staff hold “%(title)s”."), count=len(settled), title=needed.name),
        )
    if pending:
        return Check(
            "member_title",
            Outcome.REVIEW,
            Phrase(
                N_("The unit's “%(title)s” is waiting for review (%(count)s)."), title=needed.name, count=len(pending)
            ),
        )
    return Check(
        "member_title",
        Outcome.FAIL,
        Phrase(N_("No staff of the unit holds “%(title)s” in %(year)s."), title=needed.name, year=facts.year),
    )


def check_collective_discipline(line, facts, rule) -> Check | None:
    bar = facts.rule_set.collective_bar_discipline
    hits = [
        (facts.staff[staff_id].full_name, record)
        for staff_id in facts.members.get(line.proposal.unit_id, [])
        for record in disciplines(facts, staff_id, bar)
    ]
    if hits:
        name, record = hits[0]
        return Check(
            "collective_discipline",
            Outcome.FAIL,
            Phrase(
                N_(
                    "%(name)s was disciplined %(measure)s, counted for %(year)s; a collective with a member "
                    "disciplined “%(bar)s” or more is not considered."
                ),
                name=name,
                measure=discipline_text(record),
                year=facts.year,
                bar=Phrase.label(DisciplineLevel(bar).label),
            ),
        )
    return Check(
        "collective_discipline",
        Outcome.PASS,
        Phrase(
            N_("No member disciplined “%(bar)s” or more in %(year)s."),
            bar=Phrase.label(DisciplineLevel(bar).label),
            year=facts.year,
        ),
    )


def check_endorsement(line, facts, rule) -> Check | None:
    """Cờ thi đua ngành: the share of the cluster's (cụm, khối) units that agree, not the provincial council's
    ballot (TT 01/2019/TT-VKSTC Điều 20)."""
    percent = rule.cluster_endorsement_percent
    endorsement = facts.endorsements.get(line.pk)
    if endorsement is None:
        return Check(
            "endorsement",
            Outcome.FAIL,
            Phrase(
                N_(
                    "No endorsement by the emulation cluster yet: at least %(percent)s of the cluster's units must "
                    "agree (%(basis)s)."
                ),
                percent=percent_text(percent, None),
                basis=rule.legal_basis,
            ),
        )
    share = endorsement.units_agreeing * 100 / endorsement.units_total
    text = Phrase(
        N_(
            "The emulation cluster met on %(date)s: %(agreeing)s/%(total)s units agree (%(share)s; needs at "
            "least %(percent)s)."
        ),
        date=date_text(endorsement.held_on),
        agreeing=endorsement.units_agreeing,
        total=endorsement.units_total,
        share=percent_text(share),
        percent=percent_text(percent, None),
    )
    return Check("endorsement", Outcome.PASS if share >= percent else Outcome.FAIL, text)
