"""Checks of a person: the individual standard (months worked, leave, discipline, the plan's disqualifiers) and the
long-service medal."""

import datetime

from django.utils.translation import gettext_noop as N_

from awards.eligibility.base import Check, date_text
from awards.enums import LEAVE_COUNTED_AS_WORK, ConductKind, DisciplineBasis, DisciplineLevel, LeaveType, Outcome
from awards.models import ConductRecord
from units.numbers import number_text
from units.phrases import Joined, Phrase

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
        return Check(
            "work_months",
            Outcome.REVIEW,
            Phrase(N_("No date of joining the procuracy yet; the months worked cannot be counted.")),
        )
    months = months_worked(person.joined_procuracy_on, facts.year)
    if months < minimum:
        return Check(
            "work_months",
            Outcome.FAIL,
            Phrase(
                N_(
                    "Joined the procuracy on %(date)s: %(months)s months of work in %(year)s, under %(minimum)s months."
                ),
                date=date_text(person.joined_procuracy_on),
                months=months,
                year=facts.year,
                minimum=minimum,
            ),
        )
    return Check(
        "work_months",
        Outcome.PASS,
        Phrase(
            N_("%(months)s months of work in %(year)s (at least %(minimum)s)."),
            months=months,
            year=facts.year,
            minimum=minimum,
        ),
    )


def check_leave(line, facts, rule) -> Check | None:
    records = [r for r in facts.conduct.get(line.staff_id, []) if r.kind == ConductKind.LONG_LEAVE]
    counted, not_counted = 0, 0
    descriptions = []
    for record in records:
        days = _overlap_days(record.start_date, record.end_date, facts.year)
        if not days:
            continue
        descriptions.append(
            Phrase(
                N_("%(leave)s %(start)s–%(end)s"),
                leave=Phrase.label(LeaveType(record.leave_type).label),
                start=date_text(record.start_date),
                end=date_text(record.end_date),
            )
        )
        if record.leave_type in LEAVE_COUNTED_AS_WORK:
            counted += days
        else:
            not_counted += days
    if not descriptions:
        return None
    months = round(not_counted / 30.4, 1)
    listed = Joined(descriptions, "; ")
    bar_from, bar_to = facts.rule_set.leave_bar_from_months, facts.rule_set.leave_bar_to_months
    said = {"leave": listed, "months": number_text(months), "bar_from": bar_from, "bar_to": bar_to}
    if not_counted == 0:
        return Check("leave", Outcome.PASS, Phrase(N_("%(leave)s: counted as time at work."), leave=listed))
    if bar_from is not None and months >= bar_from and (bar_to is None or months < bar_to):
        return Check(
            "leave",
            Outcome.FAIL,
            Phrase(
                N_(
                    "%(leave)s: %(months)s months of leave; from %(bar_from)s to under %(bar_to)s months is not "
                    "considered."
                ),
                **said,
            ),
        )
    if bar_to is not None and months >= bar_to:
        return Check(
            "leave",
            Outcome.REVIEW,
            Phrase(
                N_(
                    "%(leave)s: %(months)s months of leave, %(bar_to)s months or more: for the secretariat to consider."
                ),
                **said,
            ),
        )
    return Check(
        "leave",
        Outcome.PASS,
        Phrase(N_("%(leave)s: %(months)s months of leave, not a case that is excluded."), **said),
    )


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


def discipline_text(record: ConductRecord) -> Phrase:
    """The measure, with its decision and the year of the act where known: "“Khiển trách” (12/QĐ ngày 01/02/2026,
    hành vi năm 2025)"."""
    level = Phrase.label(DisciplineLevel(record.discipline_level).label) if record.discipline_level else ""
    decision = [record.decision_number] if record.decision_number else []
    if record.decision_date:
        decision.append(Phrase(N_("of %(date)s"), date=date_text(record.decision_date)))
    details = [Joined(decision, " ")] if decision else []
    if record.act_year:
        details.append(Phrase(N_("act of %(year)s"), year=record.act_year))
    if details:
        return Phrase(N_("“%(level)s” (%(details)s)"), level=level, details=Joined(details, ", "))
    return Phrase(N_("“%(level)s”"), level=level)


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
            Phrase(
                N_("Disciplined %(measure)s, counted for %(year)s; “%(bar)s” or more is not considered."),
                measure=discipline_text(record),
                year=facts.year,
                bar=Phrase.label(DisciplineLevel(bar).label),
            ),
        )
    excused = _excused(facts, line.staff_id)
    if excused:
        record = excused[0]
        return Check(
            "discipline",
            Outcome.PASS,
            Phrase(
                N_(
                    "Discipline %(measure)s was counted when %(act_year)s was judged, not for %(year)s "
                    "(Thông tư 02/2024/TT-VKSTC)."
                ),
                measure=discipline_text(record),
                act_year=record.act_year,
                year=facts.year,
            ),
        )
    return Check("discipline", Outcome.PASS, Phrase(N_("Not disciplined in %(year)s."), year=facts.year))


# (kind, the plan's flag, the bar as a sentence begins with it, the bar within a list)
CONDUCT_BARS = [
    (
        ConductKind.SERIOUS_VIOLATION,
        "bars_serious_violation",
        N_("A serious violation of the sector's rules and regulations"),
        N_("a serious violation of the sector's rules and regulations"),
    ),
    (
        ConductKind.ANNULLED_CASE,
        "bars_annulled_case",
        N_("A case annulled through the procuracy's fault"),
        N_("a case annulled through the procuracy's fault"),
    ),
    (
        ConductKind.SUSPENDED_CASE,
        "bars_suspended_case",
        N_("A case suspended because no crime was committed"),
        N_("a case suspended because no crime was committed"),
    ),
]


def check_conduct(line, facts, rule) -> list[Check]:
    """The plan's own disqualifiers (domain-rules §4.14): found in no national text, they come from the province's
    year plan and are cited from it."""
    plan = facts.plan
    if plan is None:
        return []
    bars = [(kind, label, within) for kind, flag, label, within in CONDUCT_BARS if getattr(plan, flag)]
    if not bars:
        return []
    cite = plan.citation(plan.disqualifier_section)
    records = [r for r in facts.conduct.get(line.staff_id, []) if r.year == facts.year]
    checks = []
    for kind, label, _within in bars:
        hits = [r for r in records if r.kind == kind]
        if hits:
            detail = hits[0].description or hits[0].decision_number
            said = {"bar": Phrase(label), "year": facts.year, "detail": detail, "cite": cite}
            message = (
                Phrase(N_("%(bar)s in %(year)s: %(detail)s (%(cite)s)."), **said)
                if detail
                else Phrase(N_("%(bar)s in %(year)s (%(cite)s)."), **said)
            )
            checks.append(Check(kind, Outcome.FAIL, message))
    if not checks:
        named = Joined((Phrase(within) for _kind, _label, within in bars), ", ")
        checks.append(
            Check(
                "conduct",
                Outcome.PASS,
                Phrase(N_("None in %(year)s: %(bars)s (%(cite)s)."), year=facts.year, bars=named, cite=cite),
            )
        )
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
        return [
            Check("long_service", Outcome.FAIL, Phrase(N_("The commemorative medal is given to individuals only.")))
        ]
    checks = []
    received = [y for t, y in facts.awards_person.get(person.pk, []) if t == line.title_id]
    if received:
        checks.append(
            Check(
                "long_service_once",
                Outcome.FAIL,
                Phrase(N_("Already given in %(year)s; it is given once."), year=received[0]),
            )
        )
    start = person.started_service_on or person.joined_procuracy_on
    if start is None or person.joined_procuracy_on is None:
        checks.append(
            Check(
                "long_service", Outcome.REVIEW, Phrase(N_("No date of starting work or of joining the procuracy yet."))
            )
        )
        return checks
    until = datetime.date(facts.year, 12, 31)
    discipline = _discipline_days(facts.conduct.get(person.pk, []), until)
    service = ((until - start).days + 1 - discipline) / 365.25
    in_procuracy = ((until - person.joined_procuracy_on).days + 1) / 365.25
    need_service, need_procuracy = facts.rule_set.service_years, facts.rule_set.procuracy_years
    said = {
        "start": date_text(start),
        "joined": date_text(person.joined_procuracy_on),
        "service": number_text(service, 1),
        "discipline": discipline,
        "in_procuracy": number_text(in_procuracy, 1),
        "need_service": need_service,
        "need_procuracy": need_procuracy,
    }
    if discipline:
        text = Phrase(
            N_(
                "At work since %(start)s, in the procuracy since %(joined)s: %(service)s years of work (less "
                "%(discipline)s days under discipline), %(in_procuracy)s years in the procuracy (needs "
                "%(need_service)s years, %(need_procuracy)s of them in the procuracy)."
            ),
            **said,
        )
    else:
        text = Phrase(
            N_(
                "At work since %(start)s, in the procuracy since %(joined)s: %(service)s years of work, "
                "%(in_procuracy)s years in the procuracy (needs %(need_service)s years, %(need_procuracy)s of them "
                "in the procuracy)."
            ),
            **said,
        )
    outcome = Outcome.PASS if service >= need_service and in_procuracy >= need_procuracy else Outcome.FAIL
    checks.append(Check("long_service", outcome, text))
    if not received:
        checks.append(Check("long_service_once", Outcome.PASS, Phrase(N_("Not given yet."))))
    return checks
