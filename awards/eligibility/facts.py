"""The facts the checks read, loaded for a whole province and year in a fixed number of queries (``load_facts``),
so that judging 20,000 lines costs as many queries as judging 20. The person page builds a smaller set for one
person (``Facts.for_person``)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from awards.caps import CapUsage, caps_from_rows
from awards.eligibility.base import date_text
from awards.eligibility.registration import Registered, registrations_of
from awards.enums import AwardStatus, LineState
from awards.models import (
    AwardRecord,
    ClusterEndorsement,
    ConductRecord,
    CouncilMeeting,
    Initiative,
    LineInitiative,
    ProposalLine,
    RuleSet,
    TitleRule,
)
from movements.models import Title, YearPlan
from units.models import Staff, Unit
from units.phrases import Phrase

# Lines whose title is as good as obtained for the judged year (decided in the same cycle).
SETTLED_STATES = {LineState.ACCEPTED, LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED}


@dataclass(kw_only=True)
class Facts:
    """Everything the checks read, for one province and one year."""

    year: int
    rule_set: RuleSet
    rules: dict[int, TitleRule]
    titles: dict[int, Title]
    # Each subject's line in a submitted registration, by (staff id or None, unit id).
    registered: dict[tuple[int | None, int], Registered] = field(default_factory=dict)
    staff: dict[int, Staff] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)
    conduct: dict[int, list[ConductRecord]] = field(default_factory=dict)
    awards_person: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    awards_unit: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    lines: list[ProposalLine] = field(default_factory=list)
    line_initiatives: dict[int, list] = field(default_factory=dict)
    initiative_authors: dict[int, set[int]] = field(default_factory=dict)
    # The province's year plan (its own provisions: registration, disqualifiers, stricter caps), if any.
    plan: YearPlan | None = None
    caps: dict[int, CapUsage] = field(default_factory=dict)
    endorsements: dict[int, ClusterEndorsement] = field(default_factory=dict)
    # An initiative supports the year's titles only if recognised by the day the council judged the year.
    initiative_cutoff: datetime.date | None = None
    initiative_cutoff_reason: Phrase | str = ""
    by_subject: dict = field(init=False, default_factory=dict)
    by_unit_people: dict = field(init=False, default_factory=dict)

    def __post_init__(self):
        # Indexes so that each check looks only at the lines it needs (the judgement stays linear).
        by_subject: dict[tuple, list[ProposalLine]] = defaultdict(list)
        by_unit_people: dict[int, list[ProposalLine]] = defaultdict(list)
        for line in self.lines:
            by_subject[subject_key(line)].append(line)
            if line.staff_id:
                by_unit_people[line.staff.unit_id].append(line)
        self.by_subject, self.by_unit_people = by_subject, by_unit_people

    @classmethod
    def for_person(
        cls,
        staff: Staff,
        year: int,
        *,
        rule_set: RuleSet,
        rules: dict[int, TitleRule],
        titles: dict[int, Title],
        history: list[tuple[int, int]],
        lines: list[ProposalLine],
    ) -> "Facts":
        """The facts of one person's page: their valid awards (``history``: (title id, year)) and their lines of
        ``year`` (with ``proposal`` and ``staff``), enough for the history checks (``checks/history.py``)."""
        return cls(
            year=year,
            rule_set=rule_set,
            rules=rules,
            titles=titles,
            staff={staff.pk: staff},
            awards_person={staff.pk: list(history)},
            lines=lines,
        )

    def assuming_award(self, staff_id: int, title_id: int, year: int) -> "Facts":
        """The same facts as if the person had also received ``title_id`` in ``year``."""
        history = [*self.awards_person.get(staff_id, []), (title_id, year)]
        return replace(self, awards_person={**self.awards_person, staff_id: history})


@dataclass(frozen=True)
class Candidate:
    """A person considered for a title without a proposal line (the person page): what the history checks read of
    a line."""

    staff_id: int
    title: Title
    pk: None = None

    @property
    def title_id(self) -> int:
        return self.title.pk


def subject_key(line) -> tuple:
    """A person, or a unit for its collective lines."""
    return ("staff", line.staff_id) if line.staff_id else ("unit", line.proposal.unit_id)


def load_facts(province: Unit, year: int, *, rule_set: RuleSet | None = None) -> Facts:
    rule_set = rule_set or RuleSet.objects.for_year(year)
    if rule_set is None:
        raise ValueError(f"No rule set judges the year {year}")
    rules = {rule.title_id: rule for rule in rule_set.title_rules.all()}
    titles = {title.pk: title for title in Title.objects.all()}
    plan = YearPlan.objects.filter(province=province, year=year).first()
    registered = registrations_of(province, year, titles)
    staff = {
        person.pk: person
        for person in Staff.objects.filter(unit__province=province).only(
            "id", "unit_id", "full_name", "is_active", "joined_procuracy_on", "started_service_on"
        )
    }
    members: dict[int, list[int]] = defaultdict(list)
    for person in staff.values():
        if person.is_active:
            members[person.unit_id].append(person.pk)
    conduct: dict[int, list[ConductRecord]] = defaultdict(list)
    for record in ConductRecord.objects.filter(staff__unit__province=province):
        conduct[record.staff_id].append(record)
    awards_person: dict[int, list[tuple[int, int]]] = defaultdict(list)
    awards_unit: dict[int, list[tuple[int, int]]] = defaultdict(list)
    award_rows = []
    for staff_id, unit_id, title_id, award_year in AwardRecord.objects.filter(
        unit__province=province, status=AwardStatus.VALID
    ).values_list("staff_id", "unit_id", "title_id", "year"):
        if staff_id:
            awards_person[staff_id].append((title_id, award_year))
        else:
            awards_unit[unit_id].append((title_id, award_year))
        if award_year == year:
            award_rows.append((title_id, staff_id, unit_id))
    lines = list(
        ProposalLine.objects.filter(proposal__unit__province=province, proposal__year_plan__year=year).select_related(
            "proposal", "proposal__unit", "staff", "title"
        )
    )
    line_initiatives: dict[int, list] = defaultdict(list)
    initiative_ids = set()
    for link in LineInitiative.objects.filter(line__in=[line.pk for line in lines], released=False).select_related(
        "initiative"
    ):
        line_initiatives[link.line_id].append(link.initiative)
        initiative_ids.add(link.initiative_id)
    authors: dict[int, set[int]] = defaultdict(set)
    through = Initiative.authors.through
    for initiative_id, staff_id in through.objects.filter(initiative_id__in=initiative_ids).values_list(
        "initiative_id", "staff_id"
    ):
        authors[initiative_id].add(staff_id)
    caps = caps_from_rows(
        rule_set,
        plan,
        titles,
        [(line.title_id, line.staff_id, line.proposal.unit_id, line.state) for line in lines],
        award_rows,
    )
    endorsements = {
        e.line_id: e
        for e in ClusterEndorsement.objects.filter(
            line__proposal__unit__province=province, line__proposal__year_plan__year=year
        )
    }
    cutoff, cutoff_reason = initiative_cutoff(plan, year)
    return Facts(
        year=year,
        rule_set=rule_set,
        rules=rules,
        titles=titles,
        registered=registered,
        staff=staff,
        members=members,
        conduct=conduct,
        awards_person=awards_person,
        awards_unit=awards_unit,
        lines=lines,
        line_initiatives=line_initiatives,
        initiative_authors=authors,
        plan=plan,
        caps=caps,
        endorsements=endorsements,
        initiative_cutoff=cutoff,
        initiative_cutoff_reason=cutoff_reason,
    )


def initiative_cutoff(plan: YearPlan | None, year: int) -> tuple[datetime.date, Phrase]:
    """The last day on which an initiative's recognition still counts for ``year``: the day the council first met
    on the year (its dossier must hold the recognition: NĐ 91/2017 Điều 50, Luật TĐKT 2022 Điều 84(1)); before any
    meeting, the end of the following year (the year-end review of ``year`` closes by then)."""
    meeting = (
        CouncilMeeting.objects.filter(year_plan=plan).order_by("held_at").values_list("held_at", flat=True).first()
        if plan is not None
        else None
    )
    if meeting is not None:
        day = timezone.localtime(meeting).date()
        return day, Phrase(N_("the day the council met on %(year)s (%(date)s)"), year=year, date=date_text(day))
    day = datetime.date(year + 1, 12, 31)
    return day, Phrase(N_("the end of %(next)s, when the review of %(year)s is over"), next=year + 1, year=year)
