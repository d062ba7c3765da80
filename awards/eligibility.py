"""The eligibility engine: every proposal line of a province and year checked against the rule set of that year.

Facts are loaded for the whole province in a fixed number of queries (``load_facts``), then each line is judged in
memory (``judge``), so a province of 20,000 staff costs the same number of queries as one of 20. Each check gives
pass / fail / needs-review with a plain Vietnamese explanation naming the data it used; the parameters come from
``RuleSet`` and ``TitleRule`` rows (``awards.models.rules``), never from constants here.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import translation

from awards.enums import (
    LEAVE_COUNTED_AS_WORK,
    AwardStatus,
    ConductKind,
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
    ConductRecord,
    Initiative,
    LineInitiative,
    ProposalLine,
    RuleSet,
    Title,
    TitleRule,
)
from registrations.enums import RegistrationState
from registrations.models import RegistrationLine
from units.models import Staff, Unit

# Lines that count as "proposed in this cycle" for caps, shares and same-year streaks.
LIVE_STATES = {LineState.SUBMITTED, LineState.ACCEPTED, LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED}
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
    registered: dict[tuple[int | None, int], int | None]
    staff: dict[int, Staff]
    members: dict[int, list[int]]
    conduct: dict[int, list[ConductRecord]]
    awards_person: dict[int, list[tuple[int, int]]]
    awards_unit: dict[int, list[tuple[int, int]]]
    lines: list[ProposalLine]
    line_initiatives: dict[int, list]
    initiative_authors: dict[int, set[int]]
    cap_cache: dict = field(default_factory=dict)
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
    registered = {
        (staff_id, unit_id): title_id
        for unit_id, staff_id, title_id in RegistrationLine.objects.filter(
            registration__year_plan__year=year,
            registration__year_plan__province=province,
            registration__state=RegistrationState.SUBMITTED,
        ).values_list("registration__unit_id", "staff_id", "title_id")
    }
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
    for staff_id, unit_id, title_id, award_year in AwardRecord.objects.filter(
        unit__province=province, status=AwardStatus.VALID
    ).values_list("staff_id", "unit_id", "title_id", "year"):
        if staff_id:
            awards_person[staff_id].append((title_id, award_year))
        else:
            awards_unit[unit_id].append((title_id, award_year))
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
    return Facts(
        year,
        rule_set,
        rules,
        titles,
        registered,
        staff,
        members,
        conduct,
        awards_person,
        awards_unit,
        lines,
        line_initiatives,
        authors,
    )


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
    key = (line.staff_id, line.proposal.unit_id)
    if key not in facts.registered:
        return Check(
            "registration",
            Outcome.FAIL,
            f"Không có đăng ký danh hiệu thi đua năm {facts.year} đã gửi cho {line.subject_name} "
            "(Kế hoạch, mục III.2: không xét danh hiệu không đăng ký).",
        )
    registered_id = facts.registered[key]
    if registered_id is None:
        return Check(
            "registration", Outcome.FAIL, f"{line.subject_name} đã đăng ký “không đăng ký danh hiệu” năm {facts.year}."
        )
    registered = facts.titles[registered_id]
    if registered.pk == title.pk or registered.display_order >= title.display_order:
        return Check("registration", Outcome.PASS, f"Đã đăng ký “{registered.name}” năm {facts.year}.")
    return Check(
        "registration", Outcome.FAIL, f"Chỉ đăng ký “{registered.name}” năm {facts.year}, thấp hơn “{title.name}”."
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


def check_discipline(line, facts, rule) -> Check | None:
    bar = facts.rule_set.individual_bar_discipline
    hits = [
        r
        for r in facts.conduct.get(line.staff_id, [])
        if r.kind == ConductKind.DISCIPLINE and r.year == facts.year and (r.discipline_level or 0) >= bar
    ]
    if hits:
        record = max(hits, key=lambda r: r.discipline_level)
        return Check(
            "discipline",
            Outcome.FAIL,
            f"Bị kỷ luật “{record.get_discipline_level_display()}”"
            f"{' (' + record.decision_number + ')' if record.decision_number else ''} trong năm {facts.year}; "
            f"từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    return Check("discipline", Outcome.PASS, f"Không bị kỷ luật trong năm {facts.year}.")


CONDUCT_BARS = [
    (ConductKind.SERIOUS_VIOLATION, "bar_serious_violation", "Vi phạm nghiêm trọng quy chế, quy định của ngành"),
    (ConductKind.ANNULLED_CASE, "bar_annulled_case", "Có án bị hủy có trách nhiệm của Viện kiểm sát"),
    (ConductKind.SUSPENDED_CASE, "bar_suspended_case", "Có án phải đình chỉ điều tra vì không phạm tội"),
]


def check_conduct(line, facts, rule) -> list[Check]:
    records = [r for r in facts.conduct.get(line.staff_id, []) if r.year == facts.year]
    checks = []
    for kind, flag, label in CONDUCT_BARS:
        if not getattr(facts.rule_set, flag):
            continue
        hits = [r for r in records if r.kind == kind]
        if hits:
            detail = hits[0].description or hits[0].decision_number
            checks.append(
                Check(
                    kind,
                    Outcome.FAIL,
                    f"{label} năm {facts.year}{': ' + detail if detail else ''} (Kế hoạch, mục II.2.9).",
                )
            )
    if not checks:
        checks.append(
            Check(
                "conduct",
                Outcome.PASS,
                f"Không có vi phạm, án bị hủy hoặc đình chỉ do trách nhiệm của Viện kiểm sát năm {facts.year}.",
            )
        )
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
    window = max(rule.streak_window, rule.streak_count)
    last = facts.year if rule.streak_includes_current_year else facts.year - 1
    years = list(range(last - window + 1, last + 1))
    held = {y for title_id, y in _history(line, facts) if title_id == needed.pk}
    pending = False
    if rule.streak_includes_current_year and facts.year not in held:
        state = _same_cycle(line, facts, needed.pk)
        if state == "settled":
            held.add(facts.year)
        elif state == "pending":
            held.add(facts.year)
            pending = True
    got = [y for y in years if y in held]
    consecutive = window == rule.streak_count
    kind = "liên tục" if consecutive else f"trong {window} năm"
    summary = f"“{needed.name}” các năm {', '.join(map(str, got)) or '(không có)'}"
    if len(got) < rule.streak_count:
        missing = [y for y in years if y not in held]
        return Check(
            "streak",
            Outcome.FAIL,
            f"Cần {rule.streak_count} lần “{needed.name}” {kind} ({years[0]}–{years[-1]}); có {summary}; "
            f"thiếu năm {', '.join(map(str, missing))}.",
        )
    if pending:
        return Check(
            "streak",
            Outcome.REVIEW,
            f"{summary}; danh hiệu năm {facts.year} đang được đề nghị cùng đợt, chưa được chấp nhận.",
        )
    return Check("streak", Outcome.PASS, f"Đủ {rule.streak_count} lần {kind}: {summary}.")


def check_initiatives(line, facts, rule) -> Check | None:
    if not rule.initiative_level:
        return None
    required = LEVEL_RANK[rule.initiative_level]
    level_label = RecognitionLevel(rule.initiative_level).label
    linked = facts.line_initiatives.get(line.pk, [])
    good = [
        i
        for i in linked
        if LEVEL_RANK[i.recognition_level] >= required
        and (line.staff_id is None or line.staff_id in facts.initiative_authors.get(i.pk, set()))
    ]
    if len(good) >= rule.initiatives_required:
        names = "; ".join(f"“{i.title}” ({i.decision_number})" for i in good)
        return Check("initiative", Outcome.PASS, f"Sáng kiến: {names}.")
    return Check(
        "initiative",
        Outcome.FAIL,
        f"Cần {rule.initiatives_required} sáng kiến của chính người được đề nghị, được công nhận từ "
        f"“{level_label}” trở lên, chưa dùng cho lần khen thưởng khác; có {len(good)}.",
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


def check_member_share(line, facts, rule) -> Check | None:
    if rule.member_share_percent is None or line.staff_id is not None:
        return None
    ldtt = next(t for t in facts.titles.values() if t.code == "LDTT")
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
        f"{len(settled)}/{len(members)} cán bộ đạt “Lao động tiên tiến” trở lên "
        f"({len(settled) * 100 / len(members):.1f}%; cần {sign} {threshold}%)"
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
        for record in facts.conduct.get(staff_id, [])
        if record.kind == ConductKind.DISCIPLINE and record.year == facts.year and (record.discipline_level or 0) >= bar
    ]
    if hits:
        name, record = hits[0]
        return Check(
            "collective_discipline",
            Outcome.FAIL,
            f"Cán bộ {name} bị kỷ luật “{record.get_discipline_level_display()}” năm {facts.year}; "
            f"tập thể có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    return Check(
        "collective_discipline",
        Outcome.PASS,
        f"Không có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên năm {facts.year}.",
    )


@dataclass
class CapUsage:
    title: Title
    used: int
    allowed: int
    base: int
    base_title: Title
    percent: int


def cap_usage(facts: Facts, title_id: int) -> CapUsage | None:
    """Live lines of a capped title against max(minimum, floor(percent × subjects reaching the base title))."""
    if title_id in facts.cap_cache:
        return facts.cap_cache[title_id]
    rule = facts.rules.get(title_id)
    usage = None
    if rule and rule.cap_percent is not None and rule.cap_base_title_id:
        title, base_title = facts.titles[title_id], facts.titles[rule.cap_base_title_id]
        live = [line for line in facts.lines if line.state in LIVE_STATES]
        used = sum(1 for line in live if line.title_id == title_id)
        base_subjects = {
            (line.staff_id, line.proposal.unit_id if line.staff_id is None else None)
            for line in live
            if line.title.category == base_title.category
            and line.title.subject_kind == base_title.subject_kind
            and line.title.display_order >= base_title.display_order
        }
        base = len(base_subjects)
        allowed = max(rule.cap_minimum, math.floor(base * rule.cap_percent / 100))
        usage = CapUsage(title, used, allowed, base, base_title, rule.cap_percent)
    facts.cap_cache[title_id] = usage
    return usage


def check_cap(line, facts, rule) -> Check | None:
    usage = cap_usage(facts, line.title_id)
    if usage is None:
        return None
    text = (
        f"Toàn tỉnh đề nghị {usage.used}/{usage.allowed} “{usage.title.name}” được phép "
        f"({usage.percent}% của {usage.base} “{usage.base_title.name}” trở lên)"
    )
    if usage.used <= usage.allowed:
        return Check("cap", Outcome.PASS, text + ".")
    return Check("cap", Outcome.REVIEW, text + f"; vượt {usage.used - usage.allowed}, Hội đồng phải lựa chọn.")


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
    return [usage for title_id in facts.rules if (usage := cap_usage(facts, title_id))]
