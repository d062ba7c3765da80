"""Reads of the awards app, each a fixed number of queries."""

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from awards.caps import CapUsage, cap_usages, caps_from_rows
from awards.eligibility import judge, load_facts
from awards.enums import DecisionKind, DecisionState, FindingState, InspectionState, LineState
from awards.models import (
    AgendaItem,
    AwardRecord,
    ConductRecord,
    CouncilMeeting,
    Decision,
    Finding,
    Initiative,
    Inspection,
    InspectionPlan,
    LineInitiative,
    MeetingMember,
    PlanCap,
    Proposal,
    ProposalLine,
    RuleSet,
    TitleRule,
    Verdict,
)
from movements.enums import TitleCategory
from movements.models import ExemplaryIndividual, Title, YearPlan
from units.attachments import attachments_by_owner
from units.cache import data_version_of
from units.enums import Role
from units.models import AuditEntry, Staff, Unit, User
from units.text import search_key


def initiative_list(user, *, query: str = "", year: int | None = None) -> QuerySet[Initiative]:
    initiatives = (
        Initiative.objects.for_user(user)
        .select_related("unit")
        .prefetch_related(Prefetch("authors", queryset=Staff.objects.order_by("sort_key")))
    )
    if query:
        initiatives = initiatives.filter(search_key__contains=search_key(query))
    if year:
        initiatives = initiatives.filter(year=year)
    return initiatives.order_by("-year", "title", "pk")


def conduct_list(user, *, year: int | None = None, staff: Staff | None = None) -> QuerySet[ConductRecord]:
    records = ConductRecord.objects.for_user(user).select_related("staff", "staff__unit")
    if year:
        records = records.filter(year=year)
    if staff:
        records = records.filter(staff=staff)
    return records.order_by("-year", "staff__unit__display_order", "staff__sort_key", "kind", "pk")


# --- Proposals, review, council, decisions, history ------------------------------------------------------------


def proposals_for(user, year_plan) -> QuerySet[Proposal]:
    return (
        Proposal.objects.for_user(user)
        .filter(year_plan=year_plan)
        .select_related("unit", "movement", "year_plan")
        .annotate(
            line_count=Count("lines", distinct=True),
            open_count=Count("lines", filter=Q(lines__state__in=["draft", "returned"]), distinct=True),
        )
        .order_by("unit__display_order", "unit__sort_key", "kind", "pk")
    )


def lines_with_details(lines: QuerySet[ProposalLine]) -> list[ProposalLine]:
    """Lines with their subject, title, verdict, live initiatives and attachments, in a fixed number of queries."""
    lines = list(
        lines.select_related(
            "proposal__unit", "proposal__year_plan", "staff", "title", "verdict", "verdict__rule_set", "agenda_item"
        ).prefetch_related(
            Prefetch(
                "initiative_links",
                queryset=LineInitiative.objects.filter(released=False).select_related("initiative"),
                to_attr="live_links",
            ),
        )
    )
    files = attachments_by_owner(ProposalLine, [line.pk for line in lines])
    for line in lines:
        # The completed achievement report (awards.services.achievement) is shown apart from the other files.
        own = files.get(line.pk, [])
        line.files = [a for a in own if a.purpose != "achievement-report"]
        reports = [a for a in own if a.purpose == "achievement-report"]
        line.achievement_report = reports[-1] if reports else None
    return lines


def secretariat_opinions(lines) -> dict[int, str]:
    """Each line's opinion of the secretariat: the note it was put before the council with (the ``accepted``
    entry of its history; a decision later writes its number over ``review_note``), in one query."""
    opinions: dict[int, str] = {}
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProposalLine),
        object_id__in=[line.pk for line in lines],
        action=f"{ProposalLine.AUDIT_NAME}.{LineState.ACCEPTED}",
    ).order_by("created_at", "id")
    for object_id, reason in entries.values_list("object_id", "reason"):
        opinions[object_id] = reason  # the latest acceptance
    return opinions


def review_lines(year_plan, *, state: str = "", title_id: int | None = None, unit_id: int | None = None):
    lines = ProposalLine.objects.filter(proposal__year_plan=year_plan).exclude(state=LineState.DRAFT)
    if state:
        lines = lines.filter(state=state)
    if title_id:
        lines = lines.filter(title_id=title_id)
    if unit_id:
        lines = lines.filter(proposal__unit_id=unit_id)
    return lines.order_by(
        "title__category",
        "title__subject_kind",
        "-title__display_order",
        "proposal__unit__display_order",
        "staff__sort_key",
        "pk",
    )


def award_history(
    user,
    *,
    query: str = "",
    year: int | None = None,
    title_id: int | None = None,
    unit_id: int | None = None,
    decision: str = "",
    staff_id: int | None = None,
):
    records = AwardRecord.objects.for_user(user).select_related("unit", "staff", "title", "decision")
    if query:
        key = search_key(query)
        records = records.filter(Q(staff__search_key__contains=key) | Q(unit__name__icontains=query))
    if year:
        records = records.filter(year=year)
    if title_id:
        records = records.filter(title_id=title_id)
    if unit_id:
        records = records.filter(unit_id=unit_id)
    if staff_id:
        records = records.filter(staff_id=staff_id)
    if decision:
        records = records.filter(decision_number__icontains=decision.strip())
    return records.order_by(
        "-year", "title__category", "-title__display_order", "unit__display_order", "staff__sort_key", "pk"
    )


def cap_summary(province, year: int):
    """The caps of the year (the rule set's, made stricter by the plan's), used/allowed across the province, counted
    from the year's lines and award records alike (``awards.caps``, the one place a cap is computed). Returns (rule
    set, caps)."""
    rule_set = RuleSet.objects.for_year(year)
    if rule_set is None:
        return None, []
    return rule_set, list(cap_usages(province, year, rule_set=rule_set).values())


# The lines a unit is still drafting (the proposal service's ``EDITABLE_STATES``): sent at the next submission.
DRAFTING_STATES = (LineState.DRAFT, LineState.RETURNED)


@dataclass
class DraftPreview:
    """What the eligibility engine says of a proposal's unsent lines, judged now and stored nowhere: ``verdicts``
    (unsaved ``Verdict`` rows, by line id) and the caps counted as if the lines were sent (``CapUsage.pending``)."""

    rule_set: RuleSet | None
    caps: list[CapUsage]
    verdicts: dict[int, Verdict]


def draft_preview(proposal: Proposal) -> DraftPreview:
    """Judge the draft and returned lines of ``proposal`` with the province's facts (``awards.eligibility``, the
    engine that judges sent lines), as if they were sent now: they count towards the caps. Read-only, nothing is
    stored; a fixed number of queries whatever the number of lines (``load_facts`` and the cap rules)."""
    year = proposal.year_plan.year
    rule_set = RuleSet.objects.for_year(year)
    if rule_set is None:
        return DraftPreview(None, [], {})
    facts = load_facts(proposal.unit.province, year, rule_set=rule_set)
    drafts = [line for line in facts.lines if line.proposal_id == proposal.pk and line.state in DRAFTING_STATES]
    if not drafts:
        return DraftPreview(rule_set, list(facts.caps.values()), {})
    sending = {line.pk for line in drafts}
    line_rows = [
        (line.title_id, line.staff_id, line.proposal.unit_id, LineState.SUBMITTED if line.pk in sending else line.state)
        for line in facts.lines
    ]
    award_rows = [
        (title_id, staff_id, None)
        for staff_id, awards in facts.awards_person.items()
        for title_id, award_year in awards
        if award_year == year
    ] + [
        (title_id, None, unit_id)
        for unit_id, awards in facts.awards_unit.items()
        for title_id, award_year in awards
        if award_year == year
    ]
    caps = caps_from_rows(rule_set, facts.plan, facts.titles, line_rows, award_rows)
    for title_id, usage in caps.items():
        before = facts.caps.get(title_id)
        usage.pending = usage.used - (before.used if before else 0)
    facts = replace(facts, caps=caps)
    verdicts = {}
    for line in drafts:
        judgement = judge(line, facts)
        verdicts[line.pk] = Verdict(
            line_id=line.pk,
            rule_set=judgement.rule_set,
            outcome=judgement.outcome,
            checks=[check.as_dict() for check in judgement.checks],
        )
    return DraftPreview(rule_set, list(caps.values()), verdicts)


def secretariat_recipients(province) -> list[User]:
    """Who is e-mailed when a unit sends a proposal: the province's active secretariat with an address (as
    ``awards.services.notify`` sends it)."""
    return list(
        User.objects.filter(province=province, role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .order_by("last_name", "first_name", "username")
    )


def titles_count(lines) -> list[tuple[str, int]]:
    """(title name, number of lines) in the order the lines come."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.title.name] = counts.get(line.title.name, 0) + 1
    return list(counts.items())


@dataclass
class IssuePreview:
    """What issuing a decision will do: award records per title (a decision, a higher level's), or lines forwarded
    (a submission), and the units told with their number of lines."""

    records: int
    forwarded: int
    titles: list[tuple[str, int]]
    units: list[tuple[Unit, int]]
    number_taken: bool


def issue_preview(decision: Decision, lines, number: str) -> IssuePreview:
    """``lines``: the decision's lines with ``proposal__unit`` and ``title``; one query more (the number's use)."""
    lines = list(lines)
    units: dict[int, list] = {}
    for line in lines:
        units.setdefault(line.proposal.unit_id, [line.proposal.unit, 0])[1] += 1
    forwarding = decision.kind == DecisionKind.FORWARDING
    taken = (
        Decision.objects.filter(province=decision.province, number=number.strip(), state=DecisionState.ISSUED)
        .exclude(pk=decision.pk)
        .exists()
    )
    return IssuePreview(
        records=0 if forwarding else len(lines),
        forwarded=len(lines) if forwarding else 0,
        titles=titles_count(lines),
        units=sorted(
            ((unit, count) for unit, count in units.values()), key=lambda pair: (pair[0].display_order, pair[0].name)
        ),
        number_taken=taken,
    )


def review_version(year_plan) -> str:
    """Changes whenever anything the review list shows changes (cache key of its table, caps and filters), in one
    query (``units.cache.data_version_of``): the plan's lines with, for each, the latest change of the line, its
    verdict (judged again moves ``computed_at``, marked to judge again ``stale_since``) and its person; the titles
    and the province's units (the table's names and the filters' choices); what the caps are counted from (the
    province's award records of the year, the plan and its caps, the rule sets). Starts with the plan's pk."""
    plan_id, province_id, year = year_plan.pk, year_plan.province_id, year_plan.year

    def build():
        line = "updated_at"
        line_changed = Greatest(
            line,
            Coalesce("verdict__computed_at", line),
            Coalesce("verdict__stale_since", line),
            Coalesce("staff__updated_at", line),
        )
        return YearPlan.objects.filter(pk=plan_id), [
            (ProposalLine.objects.filter(proposal__year_plan_id=plan_id), line_changed),
            (Title.objects.all(), "updated_at"),
            (Unit.objects.filter(province_id=province_id), "updated_at"),
            (AwardRecord.objects.filter(unit__province_id=province_id, year=year), "updated_at"),
            (YearPlan.objects.filter(pk=plan_id), "updated_at"),
            (PlanCap.objects.filter(year_plan_id=plan_id), "pk"),
            (RuleSet.objects.all(), "updated_at"),
            (TitleRule.objects.all(), "pk"),
        ]

    return data_version_of(("review", plan_id, province_id, year), build)


def meeting_version(meeting) -> str:
    """What the meeting page's cached agenda is keyed on, in one query (``units.cache.data_version_of``): the
    meeting; its agenda items with, for each, the latest change of its line (a tally moves the line's state), the
    line's verdict (judged again moves ``computed_at``, marked to judge again ``stale_since``) and its person (a
    name); the members and their people (recusals follow their units); the plan's lines and the
    province's award records of the year, the rule sets, the plan's caps and the titles (the caps are counted from
    them); the province's units (their names). Starts with the meeting's pk."""
    plan_id, province_id, year = meeting.year_plan_id, meeting.province_id, meeting.year_plan.year

    def build():
        line = "line__updated_at"
        # The latest change of an item's line, its verdict and its person (Coalesce: SQLite's GREATEST is NULL
        # when any argument is).
        item_changed = Greatest(
            line,
            Coalesce("line__verdict__computed_at", line),
            Coalesce("line__verdict__stale_since", line),
            Coalesce("line__staff__updated_at", line),
        )
        agenda = AgendaItem.objects.filter(meeting_id=meeting.pk)
        members = MeetingMember.objects.filter(meeting_id=meeting.pk)
        return CouncilMeeting.objects.filter(pk=meeting.pk), [
            (CouncilMeeting.objects.filter(pk=meeting.pk), "updated_at"),
            (agenda, item_changed),
            (members, F("staff__updated_at")),
            (ProposalLine.objects.filter(proposal__year_plan_id=plan_id), "updated_at"),
            (AwardRecord.objects.filter(unit__province_id=province_id, year=year), "updated_at"),
            (YearPlan.objects.filter(pk=plan_id), "updated_at"),
            (PlanCap.objects.filter(year_plan_id=plan_id), "pk"),
            (RuleSet.objects.all(), "updated_at"),
            (TitleRule.objects.all(), "pk"),
            (Title.objects.all(), "updated_at"),
            (Unit.objects.filter(province_id=province_id), "updated_at"),
        ]

    return data_version_of(("meeting", meeting.pk, plan_id, province_id, year), build)


def honour_roll(user, year: int) -> dict:
    """The exemplary individuals the council selected in ``year``, and the people and collectives given a title
    above the first one of their kind (e.g. above Lao động tiên tiến / Tập thể lao động tiên tiến) for that year."""
    # Selected examples are for the whole province to learn from: officers see other units' too.
    examples = (
        ExemplaryIndividual.objects.all()
        if user.is_admin
        else ExemplaryIndividual.objects.filter(unit__province_id=user.province_id)
    )
    examples = (
        examples.filter(year_plan__year=year, selected_for_province=True)
        .select_related("staff", "unit")
        .order_by("unit__display_order", "staff__sort_key")
    )
    first_of_kind = {}
    for title in Title.objects.filter(category=TitleCategory.TITLE).order_by("display_order"):
        first_of_kind.setdefault(title.subject_kind, title.pk)
    records = (
        AwardRecord.objects.for_user(user)
        .valid()
        .filter(year=year, title__category=TitleCategory.TITLE)
        .exclude(title_id__in=first_of_kind.values())
        .select_related("staff", "unit", "title")
        .order_by("-title__display_order", "unit__display_order", "staff__sort_key", "pk")
    )
    people, collectives = [], []
    for record in records:
        (people if record.staff_id else collectives).append(record)
    return {"examples": examples, "people": people, "collectives": collectives}


def endorsement_rule(line: ProposalLine):
    """The title rule of the line's year that asks for the cluster's endorsement (``cluster_endorsement_percent``),
    or None when the line's title needs none or the line is a person's."""
    if not line.is_collective:
        return None
    rule_set = RuleSet.objects.for_year(line.proposal.year_plan.year)
    if rule_set is None:
        return None
    return rule_set.title_rules.filter(title_id=line.title_id, cluster_endorsement_percent__isnull=False).first()


def cluster_unit_count(unit) -> int | None:
    """The active units of the unit's emulation cluster (``Unit.cluster``), or None when it belongs to none."""
    if not unit.cluster_id:
        return None
    return Unit.objects.filter(cluster_id=unit.cluster_id, is_active=True).count()


# --- The council's inspections (plan II.2.8, III.4) ---


def inspection_list(user, *, year: int | None = None, today=None) -> QuerySet[Inspection]:
    """The inspections the user may see, with each one's counts of findings, open and overdue ones (one query)."""
    today = today or timezone.localdate()
    open_q = ~Q(findings__state=FindingState.CLOSED)
    inspections = (
        Inspection.objects.for_user(user)
        .select_related("unit", "plan__year_plan", "leader")
        .annotate(
            findings_count=Count("findings", distinct=True),
            open_count=Count("findings", filter=open_q, distinct=True),
            overdue_count=Count(
                "findings",
                filter=open_q & Q(findings__due_date__lt=today, state=InspectionState.ISSUED),
                distinct=True,
            ),
        )
    )
    if year:
        inspections = inspections.filter(plan__year_plan__year=year)
    return inspections.order_by("-plan__year_plan__year", "scheduled_on", "pk")


def inspection_plans(user) -> QuerySet[InspectionPlan]:
    return InspectionPlan.objects.for_user(user).select_related("year_plan").annotate(units=Count("inspections"))


@dataclass
class FindingRow:
    finding: Finding
    files: list
    overdue: bool


def inspection_findings(inspection: Inspection, *, today=None) -> list[FindingRow]:
    """The record's findings with their evidence files (two queries)."""
    today = today or timezone.localdate()
    findings = list(inspection.findings.select_related("answered_by").order_by("position", "pk"))
    files = attachments_by_owner(Finding, [finding.pk for finding in findings])
    return [
        FindingRow(
            finding,
            files.get(finding.pk, []),
            inspection.state == InspectionState.ISSUED and finding.is_overdue(today),
        )
        for finding in findings
    ]


def overdue_findings(province_id: int, *, today=None, year: int | None = None) -> list[Finding]:
    """The province's findings still not fixed after their date, oldest date first (one query)."""
    today = today or timezone.localdate()
    findings = Finding.objects.overdue(today).filter(inspection__unit__province_id=province_id)
    if year:
        findings = findings.filter(inspection__plan__year_plan__year=year)
    return list(findings.select_related("inspection__unit").order_by("due_date", "inspection__unit__display_order"))


def inspections_version_parts(province_id: int) -> list:
    """The (queryset, field) parts of ``units.cache.data_version`` for a page that shows a province's inspections."""
    return [
        (Inspection.objects.filter(unit__province_id=province_id), "updated_at"),
        (Finding.objects.filter(inspection__unit__province_id=province_id), "updated_at"),
    ]
