"""Building the award cycle through the services."""

import datetime

from awards.services.decisions import award_history_record
from awards.services.lines import verdicts_refresh
from awards.services.proposals import line_add, proposal_create, proposal_submit
from registrations.services import LineInput, registration_submit
from tests import factories as f
from tests.factories import local_dt


def register(unit, plan, choices: dict, collective: str = "TTLDTT"):
    """Submit a registration: ``choices`` maps staff to a title code (None: not registering)."""
    lines = [LineInput(None, f.title(collective).pk)]
    for person in unit.staff.filter(is_active=True):
        code = choices.get(person, "LDTT")
        lines.append(LineInput(person.pk, f.title(code).pk) if code else LineInput(person.pk, None, "Nghỉ dài ngày"))
    officer = unit.officers.first() or f.make_officer(unit)
    return registration_submit(unit=unit, year_plan=plan, actor=officer, lines=lines, now=local_dt(plan.year, 1, 10))


def award(subject, code: str, year: int, *, unit=None):
    """A past award in the history, recorded through the service."""
    return award_history_record(
        title=f.title(code),
        year=year,
        staff=None if unit is not None else subject,
        unit=unit,
        decision_number=f"{year % 100:02d}/QĐ-VKS",
        decision_date=datetime.date(year + 1, 1, 10),
        actor=None,
    )


def propose(unit, plan, items, *, kind="year_end", submit=True, actor=None):
    """``items``: (staff or None, title code, initiatives). Returns the lines."""
    actor = actor or unit.officers.first() or f.make_officer(unit)
    from awards.models import Proposal

    proposal = Proposal.objects.filter(unit=unit, year_plan=plan, kind=kind).first() or proposal_create(
        unit=unit, year_plan=plan, kind=kind, actor=actor
    )
    lines = [
        line_add(
            proposal=proposal,
            actor=actor,
            title=f.title(code),
            staff=staff,
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            initiatives=initiatives or [],
        )
        for staff, code, initiatives in items
    ]
    if submit:
        proposal_submit(proposal=proposal, actor=actor, now=local_dt(plan.year, 11, 20))
    for line in lines:
        line.refresh_from_db()
    return lines


def verdict(line):
    line.refresh_from_db()
    verdicts_refresh(line.proposal.unit.province, line.proposal.year_plan.year)
    from awards.models import Verdict

    return Verdict.objects.get(line=line)


def outcome_of(line, code):
    return next(check for check in verdict(line).checks if check["code"] == code)


def accept_all(lines, secretary, reason="Thường trực đã kiểm tra hồ sơ"):
    """Accept lines through the review service, people before collectives (a collective's share counts its
    members' accepted lines), overriding needs-review checks in writing as the secretariat would."""
    from awards.enums import Outcome
    from awards.services.lines import review_accept, review_override

    for line in sorted(lines, key=lambda line: line.staff_id is None):
        checks = verdict(line).checks
        if any(c["outcome"] == Outcome.REVIEW and c["code"] != "cap" for c in checks):
            review_override(line=line, actor=secretary, reason=reason)
        review_accept(line=line, actor=secretary)
        line.refresh_from_db()
    return lines


def eligible_for_nganh(unit, person, year=2018):
    """A history and an initiative that make ``person`` eligible for Chiến sĩ thi đua ngành in ``year``."""
    from awards.services.records import initiative_create

    for earlier in (year - 2, year - 1, year):
        award(person, "CSTDCS", earlier)
    return initiative_create(
        unit=unit,
        actor=unit.officers.first() or f.make_officer(unit),
        authors=[person],
        title=f"Sáng kiến cấp ngành của {person.full_name}",
        year=year,
        recognition_level="sector",
        decision_number=f"{year % 100:02d}/QĐ-VKSTC",
        decision_date=datetime.date(year, 10, 1),
    )
