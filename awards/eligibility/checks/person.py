"""Checks of a person: the individual standard (months worked, leave, discipline, the plan's disqualifiers) and the
long-service medal."""

import datetime

from awards.eligibility.base import Check, date_text
from awards.enums import LEAVE_COUNTED_AS_WORK, ConductKind, DisciplineBasis, DisciplineLevel, Outcome
from awards.models import ConductRecord

DISCIPLINE_DEFAULT_MONTHS = 12  # a disciplinary measure without an end date weighs for a year


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
            f"Vào ngành ngày {date_text(person.joined_procuracy_on)}: {months} tháng công tác trong năm "
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
        descriptions.append(
            f"{record.get_leave_type_display()} {date_text(record.start_date)}–{date_text(record.end_date)}"
        )
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


def disciplines(facts, staff_id, bar: int) -> list[ConductRecord]:
    """A person's disciplinary measures of at least ``bar`` that count against the judged year."""
    basis = facts.rule_set.discipline_basis
    return [
        r
        for r in facts.conduct.get(staff_id, [])
        if r.kind == ConductKind.DISCIPLINE
        and (r.discipline_level or 0) >= bar
        and facts.year in discipline_years(r, basis)
    ]


def discipline_text(record: ConductRecord) -> str:
    parts = [record.decision_number, f"ngày {date_text(record.decision_date)}" if record.decision_date else ""]
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
    hits = disciplines(facts, line.staff_id, bar)
    if hits:
        record = max(hits, key=lambda r: r.discipline_level)
        return Check(
            "discipline",
            Outcome.FAIL,
            f"Bị kỷ luật {discipline_text(record)}, tính cho năm {facts.year}; "
            f"từ “{DisciplineLevel(bar).label}” trở lên không được xét.",
        )
    excused = _excused(facts, line.staff_id)
    if excused:
        record = excused[0]
        return Check(
            "discipline",
            Outcome.PASS,
            f"Kỷ luật {discipline_text(record)} đã được tính khi xét năm {record.act_year}, không tính cho năm "
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
        f"Công tác từ {date_text(start)}, vào ngành {date_text(person.joined_procuracy_on)}: {service:.1f} năm công "
        f"tác{f' (trừ {discipline} ngày bị kỷ luật)' if discipline else ''}, {in_procuracy:.1f} năm trong ngành "
        f"(cần {need_service} năm, trong đó {need_procuracy} năm trong ngành)"
    )
    outcome = Outcome.PASS if service >= need_service and in_procuracy >= need_procuracy else Outcome.FAIL
    checks.append(Check("long_service", outcome, text + "."))
    if not received:
        checks.append(Check("long_service_once", Outcome.PASS, "Chưa được tặng."))
    return checks
