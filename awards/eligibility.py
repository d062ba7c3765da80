"""The eligibility engine: every proposal line of a province and year checked against the rule set of that year.

Facts are loaded for the whole province in a fixed number of queries (``load_facts``), then each line is judged in
memory (``judge``), so a province of 20,000 staff costs the same number of queries as one of 20. Each check gives
pass / fail / needs-review with a plain Vietnamese explanation naming the data it used; the parameters come from
``RuleSet`` and ``TitleRule`` rows (``awards.models.rules``), never from constants here.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone, translation

from awards.caps import CapUsage, cap_rules, compute_caps
from awards.enums import (
    LEAVE_COUNTED_AS_WORK,
    AwardStatus,
    ConductKind,
    DisciplineBasis,
    DisciplineLevel,
    LineState,
    Outcome,
    ProposalKind,
    RecognitionLevel,
    SubjectKind,
    TitleCategory,
)
from awards.models import (
    AwardRecord,
    ClusterEndorsement,
    ConductRecord,
    CouncilMeeting,
    Initiative,
    LineInitiative,
    ProposalLine,
    RuleSet,
    Title,
    TitleRule,
)
from movements.models import YearPlan
from registrations.enums import RegistrationState
from registrations.models import RegistrationLine
from units.models import Staff, Unit

# Lines whose title is as good as obtained for the judged year (decided in the same cycle).
SETTLED_STATES = {LineState.ACCEPTED, LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED}
LEVEL_RANK = {
    RecognitionLevel.NONE: 0,
    RecognitionLevel.UNIT: 1,
    RecognitionLevel.PROVINCE: 2,
    RecognitionLevel.SECTOR: 3,
}
DISCIPLINE_DEFAULT_MONTHS = 12  # a disciplinary measure without an end date weighs for a year


@dataclass
class Check:
    code: str
    outcome: str
    message: str

    def as_dict(self):
        return {"code": self.code, "outcome": self.outcome, "message": self.message}


@dataclass
class Judgement:
    outcome: str
    checks: list[Check]
    rule_set: RuleSet


@dataclass
class Facts:
    """Everything the checks read, for one province and one year."""

    year: int
    rule_set: RuleSet
    rules: dict[int, TitleRule]
    titles: dict[int, Title]
    registered: dict[tuple[int | None, int], int | None] = field(default_factory=dict)
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
    # When each supplementary registration line was added, by (staff, unit).
    supplementary: dict[tuple[int | None, int], datetime.datetime] = field(default_factory=dict)
    caps: dict[int, CapUsage] = field(default_factory=dict)
    endorsements: dict[int, ClusterEndorsement] = field(default_factory=dict)
    # An initiative supports the year's titles only if recognised by the day the council judged the year.
    initiative_cutoff: datetime.date | None = None
    initiative_cutoff_reason: str = ""
    by_subject: dict = field(default_factory=dict)
    by_unit_people: dict = field(default_factory=dict)

    def __post_init__(self):
        # Indexes so that each check looks only at the lines it needs (the judgement stays linear).
        by_subject: dict[tuple, list[ProposalLine]] = defaultdict(list)
        by_unit_people: dict[int, list[ProposalLine]] = defaultdict(list)
        for line in self.lines:
            by_subject[subject_key(line)].append(line)
            if line.staff_id:
                by_unit_people[line.staff.unit_id].append(line)
        self.by_subject, self.by_unit_people = by_subject, by_unit_people


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
    registered, supplementary = {}, {}
    for unit_id, staff_id, title_id, added in RegistrationLine.objects.filter(
        registration__year_plan__year=year,
        registration__year_plan__province=province,
        registration__state=RegistrationState.SUBMITTED,
    ).values_list("registration__unit_id", "staff_id", "title_id", "supplementary_at"):
        registered[(staff_id, unit_id)] = title_id
        if added:
            supplementary[(staff_id, unit_id)] = added
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
    caps = compute_caps(
        cap_rules(rule_set, plan, titles),
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
        supplementary=supplementary,
        caps=caps,
        endorsements=endorsements,
        initiative_cutoff=cutoff,
        initiative_cutoff_reason=cutoff_reason,
    )


def initiative_cutoff(plan: YearPlan | None, year: int) -> tuple[datetime.date, str]:
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
        return day, f"ngày Hội đồng họp xét năm {year} ({_d(day)})"
    day = datetime.date(year + 1, 12, 31)
    return day, f"hết năm {year + 1}, khi việc xét năm {year} đã kết thúc"


def _overall(checks: list[Check]) -> str:
    outcomes = {check.outcome for check in checks}
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL
    if Outcome.REVIEW in outcomes:
        return Outcome.REVIEW
    return Outcome.PASS


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"


def months_worked(joined: datetime.date, year: int) -> int:
    """Whole months of work in ``year`` for someone who joined on ``joined``."""
    if joined <= datetime.date(year, 1, 1):
        return 12
    if joined.year > year:
        return 0
    return (12 - joined.month) + (1 if joined.day == 1 else 0)


def _overlap_days(start, end, year) -> int:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start, end = max(start, first), min(end or last, last)
    return max(0, (end - start).days + 1)


# --- Checks -------------------------------------------------------------------------------------------------------


def check_registration(line, facts, rule) -> Check | None:
    title = line.title
    if not rule.requires_registration or title.category != TitleCategory.TITLE:
        return None
    plan = facts.plan
    if plan is not None and not plan.registration_required:
        return None
    cite = plan.citation(plan.registration_section) if plan is not None else rule.legal_basis or facts.rule_set.name
    key = (line.staff_id, line.proposal.unit_id)
    if key not in facts.registered:
        return Check(
            "registration",
            Outcome.FAIL,
            f"Không có đăng ký danh hiệu thi đua năm {facts.year} đã gửi cho {line.subject_name} "
            f"({cite}: không xét danh hiệu không đăng ký).",
        )
    registered_id = facts.registered[key]
    if registered_id is None:
        return Check(
            "registration", Outcome.FAIL, f"{line.subject_name} đã đăng ký “không đăng ký danh hiệu” năm {facts.year}."
        )
    registered = facts.titles[registered_id]
    added = facts.supplementary.get(key)
    how = (
        f"đăng ký bổ sung ngày {_d(timezone.localtime(added).date())} (vào đơn vị sau khi đơn vị gửi đăng ký)"
        if added
        else "đã đăng ký"
    )
    if registered.pk == title.pk or registered.display_order >= title.display_order:
        return Check("registration", Outcome.PASS, f"{how[0].upper()}{how[1:]} “{registered.name}” năm {facts.year}.")
    return Check(
        "registration", Outcome.FAIL, f"Chỉ {how} “{registered.name}” năm {facts.year}, thấp hơn “{title.name}”."
    )


def check_work_months(line, facts, rule) -> Check | None:
    person = facts.staff.get(line.staff_id)
    if person is None:
        return None
    minimum = facts.rule_set.min_months_worked
    if person.joined_procuracy_on is None:
        return Check("work_months", Outcome.REVIEW, "Chưa có ngày vào ngành; không tính được số tháng công tác.")
    months = months_worked(person.joined_procuracy_on, facts.year)
    if months < minimum:
        return Check(
            "work_months",
            Outcome.FAIL,
            f"Vào ngành ngày {_d(person.joined_procuracy_on)}: {months} tháng công tác trong năm "
            f"{facts.year}, dưới {minimum} tháng.",
        )
    return Check("work_months", Outcome.PASS, f"{months} tháng công tác trong năm {facts.year} (tối thiểu {minimum}).")


def check_leave(line, facts, rule) -> Check | None:
    records = [r for r in facts.conduct.get(line.staff_id, []) if r.kind == ConductKind.LONG_LEAVE]
    counted, not_counted = 0, 0
    descriptions = []
    for record in records:
        days = _overlap_days(record.start_date, record.end_date, facts.year)
        if not days:
            continue
        descriptions.append(f"{record.get_leave_type_display()} {_d(record.start_date)}–{_d(record.end_date)}")
        if record.leave_type in LEAVE_COUNTED_AS_WORK:
            counted += days
        else:
            not_counted += days
    if not descriptions:
        return None
    months = round(not_counted / 30.4, 1)
    listed = "; ".join(descriptions)
    bar_from, bar_to = facts.rule_set.leave_bar_from_months, facts.rule_set.leave_bar_to_months
    if not_counted == 0:
        return Check("leave", Outcome.PASS, f"{listed}: được tính là thời gian công tác.")
    if bar_from is not None and months >= bar_from and (bar_to is None or months < bar_to):
        return Check(
            "leave",
            Outcome.FAIL,
            f"{listed}: nghỉ {months} tháng, trong khoảng {bar_from} đến dưới {bar_to} tháng không được xét.",
        )
    if bar_to is not None and months >= bar_to:
        return Check(
            "leave",
            Outcome.REVIEW,
            f"{listed}: nghỉ {months} tháng, từ {bar_to} tháng trở lên: cần Thường trực xem xét.",
        )
    return Check("leave", Outcome.PASS, f"{listed}: nghỉ {months} tháng, không thuộc trường hợp loại trừ.")


def discipline_years(record: ConductRecord, basis: str) -> set[int]:
    """The years a disciplinary measure bars. The measure counts in the year of its decision (its date, else the
    record's year); under TT 02/2024/TT-VKSTC an act of an earlier year that was already counted against that year
    bars that year only (domain-rules §4.1)."""
    decided = record.decision_date.year if record.decision_date else record.year
    if (
        basis == DisciplineBasis.ACT_YEAR_IF_COUNTED
        and record.act_year
        and record.act_year < decided
        and record.counted_in_act_year
    ):
        return {record.act_year}
    return {decided}


def _disciplines(facts, staff_id, bar: int) -> list[ConductRecord]:
    basis = facts.rule_set.discipline_basis
    return [
        r
        for r in facts.conduct.get(staff_id, [])
        if r.kind == ConductKind.DISCIPLINE
        and (r.discipline_level or 0) >= bar
        and facts.year in discipline_years(r, basis)
    ]


def _discipline_text(record: ConductRecord) -> str:
    parts = [record.decision_number, f"ngày {_d(record.decision_date)}" if record.decision_date else ""]
    detail = " ".join(p for p in parts if p)
    act = f", hành vi năm {record.act_year}" if record.act_year else ""
    return f"“{record.get_discipline_level_display()}”" + (f" ({detail}{act})" if detail or act else "")


def _excused(facts, staff_id) -> list[ConductRecord]:
    """Disciplinary measures decided in the judged year that do not bar it (already counted against the act's
    year)."""
    basis = facts.rule_set.discipline_basis
    return [
        r
        for r in facts.conduct.get(staff_id, [])
        if r.kind == ConductKind.DISCIPLINE
        and (r.decision_date.year if r.decision_date else r.year) == facts.year
        and facts.year not in discipline_years(r, basis)
    ]


def check_discipline(line, facts, rule) -> Check | None:
    bar = facts.rule_set.individual_bar_discipline
    hits = _disciplines(facts, line.staff_id, bar)
    if hits:
        record = max(hits, key=lambda r: r.discipline_level)
        return Check(
            "discipline",
            Outcome.FAIL,
            f"Bị kỷ luật {_discipline_text(record)}, tính cho năm {facts.year}; "
            f"từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    excused = _excused(facts, line.staff_id)
    if excused:
        record = excused[0]
        return Check(
            "discipline",
            Outcome.PASS,
            f"Kỷ luật {_discipline_text(record)} đã được tính khi xét năm {record.act_year}, không tính cho năm "
            f"{facts.year} (Thông tư 02/2024/TT-VKSTC).",
        )
    return Check("discipline", Outcome.PASS, f"Không bị kỷ luật trong năm {facts.year}.")


CONDUCT_BARS = [
    (ConductKind.SERIOUS_VIOLATION, "bars_serious_violation", "Vi phạm nghiêm trọng quy chế, quy định của ngành"),
    (ConductKind.ANNULLED_CASE, "bars_annulled_case", "Có án bị hủy có trách nhiệm của Viện kiểm sát"),
    (ConductKind.SUSPENDED_CASE, "bars_suspended_case", "Có án phải đình chỉ điều tra vì không phạm tội"),
]


def check_conduct(line, facts, rule) -> list[Check]:
    """The plan's own disqualifiers (domain-rules §4.14): found in no national text, they come from the province's
    year plan and are cited from it."""
    plan = facts.plan
    if plan is None:
        return []
    bars = [(kind, label) for kind, flag, label in CONDUCT_BARS if getattr(plan, flag)]
    if not bars:
        return []
    cite = plan.citation(plan.disqualifier_section)
    records = [r for r in facts.conduct.get(line.staff_id, []) if r.year == facts.year]
    checks = []
    for kind, label in bars:
        hits = [r for r in records if r.kind == kind]
        if hits:
            detail = hits[0].description or hits[0].decision_number
            checks.append(
                Check(kind, Outcome.FAIL, f"{label} năm {facts.year}{': ' + detail if detail else ''} ({cite}).")
            )
    if not checks:
        named = ", ".join(label.lower() for _kind, label in bars)
        checks.append(Check("conduct", Outcome.PASS, f"Năm {facts.year} không có: {named} ({cite})."))
    return checks


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


def check_prerequisite(line, facts, rule) -> Check | None:
    if not rule.prerequisite_title_id:
        return None
    needed = facts.titles[rule.prerequisite_title_id]
    years = sorted({y for title_id, y in _history(line, facts) if title_id == needed.pk and y < facts.year})
    if years:
        return Check("prerequisite", Outcome.PASS, f"Đã có “{needed.name}” năm {', '.join(map(str, years))}.")
    return Check("prerequisite", Outcome.FAIL, f"Chưa có “{needed.name}” trước năm {facts.year}.")


def check_streak(line, facts, rule) -> Check | None:
    if not rule.streak_title_id or not rule.streak_count:
        return None
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
                restart = f" (đã được tặng “{line.title.name}” năm {after}; chuỗi mới tính từ năm {after + 1})"
    got = [y for y in years if y in held]
    if step > 1:
        kind = f"liên tục ({step} năm một lần)"
    else:
        kind = "liên tục" if window == rule.streak_count else f"trong {window} năm"
    summary = f"“{needed.name}” các năm {', '.join(map(str, got)) or '(không có)'}"
    single = rule.streak_count == 1 and len(years) == 1
    if single and not got:
        return Check("streak", Outcome.FAIL, f"Cần có “{needed.name}” năm {years[0]}{restart}: chưa có.")
    if len(got) < rule.streak_count:
        missing = [y for y in years if y not in held]
        span = f"{years[0]}–{years[-1]}" if years else "không còn năm nào chưa được tính"
        return Check(
            "streak",
            Outcome.FAIL,
            f"Cần {rule.streak_count} lần “{needed.name}” {kind} ({span}){restart}; có {summary}"
            + (f"; thiếu năm {', '.join(map(str, missing))}." if missing else "."),
        )
    if pending:
        return Check(
            "streak",
            Outcome.REVIEW,
            f"{summary}; danh hiệu năm {facts.year} đang được đề nghị cùng đợt, chưa được chấp nhận.",
        )
    if single:
        return Check("streak", Outcome.PASS, f"Có “{needed.name}” năm {years[0]}.")
    return Check("streak", Outcome.PASS, f"Đủ {rule.streak_count} lần {kind}: {summary}{restart}.")


def check_initiatives(line, facts, rule) -> Check | None:
    if not rule.initiative_level:
        return None
    required = LEVEL_RANK[rule.initiative_level]
    level_label = RecognitionLevel(rule.initiative_level).label
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
        names = "; ".join(f"“{i.title}” ({i.decision_number}, {_d(i.decision_date)})" for i in good)
        return Check("initiative", Outcome.PASS, f"Sáng kiến: {names}.")
    late_text = "".join(
        f" “{i.title}” được công nhận ngày {_d(i.decision_date)} (năm {i.year}), sau {facts.initiative_cutoff_reason}:"
        f" không tính cho năm {facts.year}."
        for i in late
    )
    return Check(
        "initiative",
        Outcome.FAIL,
        f"Cần {rule.initiatives_required} sáng kiến của chính người được đề nghị, được công nhận từ "
        f"“{level_label}” trở lên, chưa dùng cho lần khen thưởng khác; có {len(good)}.{late_text}",
    )


def _individual_title_holders(
    unit_id: int, facts: Facts, *, min_rank_title: Title | None = None, exact_title_id: int | None = None
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


def _lowest_individual_title(facts) -> Title:
    """The first individual emulation title (Lao động tiên tiến): the share of members reaching it or higher."""
    return min(
        (
            t
            for t in facts.titles.values()
            if t.category == TitleCategory.TITLE and t.subject_kind == SubjectKind.INDIVIDUAL
        ),
        key=lambda t: t.display_order,
    )


def check_member_share(line, facts, rule) -> Check | None:
    if rule.member_share_percent is None or line.staff_id is not None:
        return None
    ldtt = _lowest_individual_title(facts)
    members = facts.members.get(line.proposal.unit_id, [])
    if not members:
        return Check("member_share", Outcome.REVIEW, "Đơn vị chưa có danh sách cán bộ.")
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, min_rank_title=ldtt)
    threshold = rule.member_share_percent

    def meets(count):
        share = count * 100 / len(members)
        return share > threshold if rule.member_share_strict else share >= threshold

    sign = ">" if rule.member_share_strict else "≥"
    text = (
        f"{len(settled)}/{len(members)} cán bộ đạt “{ldtt.name}” trở lên "
        f"({_percent(len(settled) * 100 / len(members))}%; cần {sign} {threshold}%)"
    )
    if meets(len(settled)):
        return Check("member_share", Outcome.PASS, text + ".")
    if meets(len(settled) + len(pending)):
        return Check(
            "member_share", Outcome.REVIEW, text + f"; đủ nếu {len(pending)} đề nghị đang chờ xét được chấp nhận."
        )
    return Check("member_share", Outcome.FAIL, text + ".")


def check_member_title(line, facts, rule) -> Check | None:
    if not rule.requires_member_title_id or line.staff_id is not None:
        return None
    needed = facts.titles[rule.requires_member_title_id]
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, exact_title_id=needed.pk)
    if settled:
        return Check("member_title", Outcome.PASS, f"{len(settled)} cán bộ đạt “{needed.name}”.")
    if pending:
        return Check("member_title", Outcome.REVIEW, f"“{needed.name}” của đơn vị đang chờ xét ({len(pending)}).")
    return Check("member_title", Outcome.FAIL, f"Đơn vị không có cán bộ đạt “{needed.name}” năm {facts.year}.")


def check_collective_discipline(line, facts, rule) -> Check | None:
    if line.staff_id is not None:
        return None
    bar = facts.rule_set.collective_bar_discipline
    hits = [
        (facts.staff[staff_id].full_name, record)
        for staff_id in facts.members.get(line.proposal.unit_id, [])
        for record in _disciplines(facts, staff_id, bar)
    ]
    if hits:
        name, record = hits[0]
        return Check(
            "collective_discipline",
            Outcome.FAIL,
            f"Cán bộ {name} bị kỷ luật {_discipline_text(record)}, tính cho năm {facts.year}; "
            f"tập thể có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    return Check(
        "collective_discipline",
        Outcome.PASS,
        f"Không có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên năm {facts.year}.",
    )


def cap_usage(facts: Facts, title_id: int) -> CapUsage | None:
    return facts.caps.get(title_id)


def check_cap(line, facts, rule) -> Check | None:
    """A cap is not a fault of the line: beyond it the council chooses which lines to approve ("chọn 33 trong
    34"), and the tally and the decision refuse more than the cap allows (``awards.caps``)."""
    usage = cap_usage(facts, line.title_id)
    if usage is None:
        return None
    text = usage.sentence()
    if usage.used <= usage.allowed:
        return Check("cap", Outcome.PASS, text + ".")
    if not usage.binding:
        return Check("cap", Outcome.REVIEW, text + "; vượt tỷ lệ tham khảo, Hội đồng cân nhắc.")
    return Check(
        "cap",
        Outcome.REVIEW,
        text + f"; Hội đồng chọn {usage.allowed} trong {usage.used}, không được thông qua quá {usage.allowed}.",
    )


def check_endorsement(line, facts, rule) -> Check | None:
    """Cờ thi đua ngành: the share of the cluster's (cụm, khối) units that agree, not the provincial council's
    ballot (TT 01/2019/TT-VKSTC Điều 20)."""
    percent = rule.cluster_endorsement_percent
    if percent is None or line.staff_id is not None:
        return None
    endorsement = facts.endorsements.get(line.pk)
    if endorsement is None:
        return Check(
            "endorsement",
            Outcome.FAIL,
            f"Chưa có kết quả suy tôn của cụm, khối thi đua: cần ít nhất {percent}% đơn vị của cụm, khối đồng ý "
            f"({rule.legal_basis}).",
        )
    share = endorsement.units_agreeing * 100 / endorsement.units_total
    text = (
        f"Cụm, khối thi đua họp ngày {_d(endorsement.held_on)}: {endorsement.units_agreeing}/"
        f"{endorsement.units_total} đơn vị đồng ý ({_percent(share)}%; cần ít nhất {percent}%)"
    )
    return Check("endorsement", Outcome.PASS if share >= percent else Outcome.FAIL, text + ".")


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _discipline_days(records, until: datetime.date) -> int:
    days = 0
    for record in records:
        if record.kind != ConductKind.DISCIPLINE:
            continue
        start = record.start_date or record.decision_date
        if start is None or start > until:
            continue
        end = record.end_date or (start + datetime.timedelta(days=DISCIPLINE_DEFAULT_MONTHS * 30))
        days += (min(end, until) - start).days + 1
    return days


def check_long_service(line, facts, rule) -> list[Check]:
    if not rule.is_long_service_medal:
        return []
    person = facts.staff.get(line.staff_id)
    if person is None:
        return [Check("long_service", Outcome.FAIL, "Kỷ niệm chương chỉ tặng cá nhân.")]
    checks = []
    received = [y for t, y in facts.awards_person.get(person.pk, []) if t == line.title_id]
    if received:
        checks.append(Check("long_service_once", Outcome.FAIL, f"Đã được tặng năm {received[0]}; chỉ tặng một lần."))
    start = person.started_service_on or person.joined_procuracy_on
    if start is None or person.joined_procuracy_on is None:
        checks.append(Check("long_service", Outcome.REVIEW, "Chưa có ngày vào công tác, vào ngành."))
        return checks
    until = datetime.date(facts.year, 12, 31)
    discipline = _discipline_days(facts.conduct.get(person.pk, []), until)
    service = ((until - start).days + 1 - discipline) / 365.25
    in_procuracy = ((until - person.joined_procuracy_on).days + 1) / 365.25
    need_service, need_procuracy = facts.rule_set.service_years, facts.rule_set.procuracy_years
    text = (
        f"Công tác từ {_d(start)}, vào ngành {_d(person.joined_procuracy_on)}: {service:.1f} năm công tác"
        f"{f' (trừ {discipline} ngày bị kỷ luật)' if discipline else ''}, {in_procuracy:.1f} năm trong ngành "
        f"(cần {need_service} năm, trong đó {need_procuracy} năm trong ngành)"
    )
    outcome = Outcome.PASS if service >= need_service and in_procuracy >= need_procuracy else Outcome.FAIL
    checks.append(Check("long_service", outcome, text + "."))
    if not received:
        checks.append(Check("long_service_once", Outcome.PASS, "Chưa được tặng."))
    return checks


def judge(line: ProposalLine, facts: Facts) -> Judgement:
    with translation.override("vi"):
        rule = facts.rules.get(line.title_id)
        if rule is None:
            check = Check(
                "rule", Outcome.REVIEW, f"Bộ quy tắc “{facts.rule_set.name}” không có quy định cho “{line.title.name}”."
            )
            return Judgement(Outcome.REVIEW, [check], facts.rule_set)
        checks: list[Check] = []

        def add(result):
            if result is None:
                return
            checks.extend(result if isinstance(result, list) else [result])

        if line.proposal.kind == ProposalKind.YEAR_END or line.title.category == TitleCategory.TITLE:
            add(check_registration(line, facts, rule))
        if line.staff_id and rule.applies_individual_standard:
            add(check_work_months(line, facts, rule))
            add(check_leave(line, facts, rule))
            add(check_discipline(line, facts, rule))
            add(check_conduct(line, facts, rule))
        add(check_long_service(line, facts, rule))
        add(check_prerequisite(line, facts, rule))
        add(check_streak(line, facts, rule))
        add(check_initiatives(line, facts, rule))
        add(check_member_share(line, facts, rule))
        add(check_member_title(line, facts, rule))
        if rule.member_share_percent is not None or rule.requires_member_title_id:
            add(check_collective_discipline(line, facts, rule))
        add(check_endorsement(line, facts, rule))
        add(check_cap(line, facts, rule))
        if rule.review_note:
            add(Check("manual", Outcome.REVIEW, rule.review_note))
        return Judgement(_overall(checks), checks, facts.rule_set)


def judge_province(province: Unit, year: int, *, only: set[int] | None = None) -> tuple[Facts, dict[int, Judgement]]:
    """Judge every line of a province and year (or ``only`` those ids) with set-based loading."""
    facts = load_facts(province, year)
    results = {line.pk: judge(line, facts) for line in facts.lines if only is None or line.pk in only}
    return facts, results


def caps_for(facts: Facts) -> list[CapUsage]:
    return list(facts.caps.values())
