"""Checks of a collective (a unit's own line): the share of its members reaching the first individual title, a
member holding a given title, members' discipline, and the cluster's endorsement (Cờ thi đua ngành)."""

from awards.eligibility.base import Check, date_text, percent_text
from awards.eligibility.checks.person import discipline_text, disciplines
from awards.eligibility.facts import SETTLED_STATES
from awards.enums import DisciplineLevel, LineState, Outcome
from movements.enums import SubjectKind, TitleCategory
from movements.models import Title


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
        return Check("member_share", Outcome.REVIEW, "Đơn vị chưa có danh sách cán bộ.")
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, min_rank_title=base)
    threshold = rule.member_share_percent

    def meets(count):
        share = count * 100 / len(members)
        return share > threshold if rule.member_share_strict else share >= threshold

    sign = ">" if rule.member_share_strict else "≥"
    text = (
        f"{len(settled)}/{len(members)} cán bộ đạt “{base.name}” trở lên "
        f"({percent_text(len(settled) * 100 / len(members))}%; cần {sign} {threshold}%)"
    )
    if meets(len(settled)):
        return Check("member_share", Outcome.PASS, text + ".")
    if meets(len(settled) + len(pending)):
        return Check(
            "member_share", Outcome.REVIEW, text + f"; đủ nếu {len(pending)} đề nghị đang chờ xét được chấp nhận."
        )
    return Check("member_share", Outcome.FAIL, text + ".")


def check_member_title(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.requires_member_title_id]
    settled, pending = _individual_title_holders(line.proposal.unit_id, facts, exact_title_id=needed.pk)
    if settled:
        return Check("member_title", Outcome.PASS, f"{len(settled)} cán bộ đạt “{needed.name}”.")
    if pending:
        return Check("member_title", Outcome.REVIEW, f"“{needed.name}” của đơn vị đang chờ xét ({len(pending)}).")
    return Check("member_title", Outcome.FAIL, f"Đơn vị không có cán bộ đạt “{needed.name}” năm {facts.year}.")


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
            f"Cán bộ {name} bị kỷ luật {discipline_text(record)}, tính cho năm {facts.year}; "
            f"tập thể có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    return Check(
        "collective_discipline",
        Outcome.PASS,
        f"Không có thành viên bị kỷ luật từ “{DisciplineLevel(bar).label}” trở lên năm {facts.year}.",
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
            f"Chưa có kết quả suy tôn của cụm, khối thi đua: cần ít nhất {percent}% đơn vị của cụm, khối đồng ý "
            f"({rule.legal_basis}).",
        )
    share = endorsement.units_agreeing * 100 / endorsement.units_total
    text = (
        f"Cụm, khối thi đua họp ngày {date_text(endorsement.held_on)}: {endorsement.units_agreeing}/"
        f"{endorsement.units_total} đơn vị đồng ý ({percent_text(share)}%; cần ít nhất {percent}%)"
    )
    return Check("endorsement", Outcome.PASS if share >= percent else Outcome.FAIL, text + ".")
