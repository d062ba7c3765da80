"""Test data built through the services, like real data. Plain functions with sensible defaults."""

import datetime
import io
import itertools

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import Outcome
from awards.models import Proposal, Verdict
from awards.services.decisions import award_history_record, decision_create
from awards.services.lines import line_transition, review_accept, review_override, verdicts_refresh
from awards.services.proposals import line_add, proposal_create, proposal_submit
from awards.services.records import initiative_create
from movements.models import Title, YearPlan
from movements.services import year_plan_create
from registrations.services import LineInput, registration_submit
from units.enums import Gender, Role
from units.models import Staff, Unit, UnitKind, User
from units.services import staff_create, unit_create, user_create

_counter = itertools.count(1)


def local_dt(*args) -> datetime.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return timezone.make_aware(datetime.datetime(*args))


PASSWORD = "a-long-test-password-2018"


def kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def make_province(name: str = "Viện kiểm sát nhân dân tỉnh Thái Bình") -> Unit:
    return unit_create(name=name, code=f"province-{next(_counter)}", kind=kind("provincial"))


def make_unit(province: Unit, name: str | None = None, kind_code: str = "district", order: int = 0) -> Unit:
    number = next(_counter)
    return unit_create(
        name=name or f"Viện kiểm sát nhân dân huyện Số {number}",
        code=f"unit-{number}",
        kind=kind(kind_code),
        parent=province,
        display_order=order,
    )


def make_staff(unit: Unit, full_name: str | None = None, **fields) -> Staff:
    defaults = {
        "gender": Gender.MALE,
        "position": "Kiểm sát viên",
        "rank": "Kiểm sát viên sơ cấp",
        "date_of_birth": datetime.date(1985, 5, 1),
        "joined_procuracy_on": datetime.date(2010, 1, 1),
    }
    return staff_create(unit=unit, full_name=full_name or f"Nguyễn Văn Số{next(_counter)}", **{**defaults, **fields})


def make_user(role: str, *, unit: Unit | None = None, province: Unit | None = None, username: str | None = None):
    return user_create(
        username=username or f"{role}-{next(_counter)}",
        password=PASSWORD,
        role=role,
        unit=unit,
        province=province,
        email=f"{role}{next(_counter)}@example.test",
    )


def make_officer(unit: Unit) -> User:
    return make_user(Role.OFFICER, unit=unit)


# The provisions of the Thái Bình plan 02/KH-VKS (2018) that verdicts and proposals cite.
PLAN_PROVISIONS = {
    "number": "02/KH-VKS",
    "registration_required": True,
    "registration_section": "III.2",
    "disqualifier_section": "II.2.9",
    "bars_serious_violation": True,
    "bars_annulled_case": True,
    "bars_suspended_case": True,
}


def make_plan(province: Unit, year: int = 2018, deadline: datetime.date | None = None, **fields) -> YearPlan:
    return year_plan_create(
        province=province,
        year=year,
        registration_deadline=deadline or datetime.date(year, 1, 17),
        **{**PLAN_PROVISIONS, **fields},
    )


def title(code: str) -> Title:
    return Title.objects.get(code=code)


# --- Registrations ------------------------------------------------------------------------------------------------


def full_lines(unit, staff, individual="LDTT", collective="TTLDTT"):
    """A line for the collective and every given staff member."""
    return [LineInput(None, title(collective).pk)] + [LineInput(p.pk, title(individual).pk) for p in staff]


def register(unit, plan, choices: dict, collective: str = "TTLDTT"):
    """Submit a registration: ``choices`` maps staff to a title code (None: not registering)."""
    lines = [LineInput(None, title(collective).pk)]
    for person in unit.staff.filter(is_active=True):
        code = choices.get(person, "LDTT")
        lines.append(LineInput(person.pk, title(code).pk) if code else LineInput(person.pk, None, "Nghỉ dài ngày"))
    officer = unit.officers.first() or make_officer(unit)
    return registration_submit(unit=unit, year_plan=plan, actor=officer, lines=lines, now=local_dt(plan.year, 1, 10))


# --- The award cycle ----------------------------------------------------------------------------------------------


def award(subject, code: str, year: int, *, unit=None):
    """A past award in the history, recorded through the service."""
    return award_history_record(
        title=title(code),
        year=year,
        staff=None if unit is not None else subject,
        unit=unit,
        decision_number=f"{year % 100:02d}/QĐ-VKS",
        decision_date=datetime.date(year + 1, 1, 10),
        actor=None,
    )


def make_initiative(
    unit,
    authors,
    *,
    title: str | None = None,
    year: int = 2018,
    level: str = "unit",
    decision_number: str | None = None,
    decision_date: datetime.date | None = None,
    actor=None,
):
    """A recognised initiative of ``unit`` written by ``authors`` (by default "Sáng kiến của <first author>",
    recognised by the unit on 15/10 of ``year``)."""
    return initiative_create(
        unit=unit,
        actor=actor or unit.officers.first() or make_officer(unit),
        authors=authors,
        title=title or f"Sáng kiến của {authors[0].full_name}",
        year=year,
        recognition_level=level,
        decision_number=decision_number or f"{year % 100:02d}/QĐ-VKS",
        decision_date=decision_date or datetime.date(year, 10, 15),
    )


def propose(unit, plan, items, *, kind="year_end", submit=True, actor=None):
    """``items``: (staff or None, title code, initiatives). Returns the lines."""
    actor = actor or unit.officers.first() or make_officer(unit)
    proposal = Proposal.objects.filter(unit=unit, year_plan=plan, kind=kind).first() or proposal_create(
        unit=unit, year_plan=plan, kind=kind, actor=actor
    )
    lines = [
        line_add(
            proposal=proposal,
            actor=actor,
            title=title(code),
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
    return Verdict.objects.get(line=line)


def outcome_of(line, code):
    return next(check for check in verdict(line).checks if check["code"] == code)


def accept_all(lines, secretary, reason="Thường trực đã kiểm tra hồ sơ"):
    """Accept lines through the review service, people before collectives (a collective's share counts its
    members' accepted lines), overriding needs-review checks in writing as the secretariat would."""
    for line in sorted(lines, key=lambda line: line.staff_id is None):
        checks = verdict(line).checks
        if any(c["outcome"] == Outcome.REVIEW and c["code"] != "cap" for c in checks):
            review_override(line=line, actor=secretary, reason=reason)
        review_accept(line=line, actor=secretary)
        line.refresh_from_db()
    return lines


def eligible_for_nganh(unit, person, year=2018):
    """A history and an initiative that make ``person`` eligible for Chiến sĩ thi đua ngành in ``year``."""
    for earlier in (year - 2, year - 1, year):
        award(person, "CSTDCS", earlier)
    return make_initiative(
        unit,
        [person],
        title=f"Sáng kiến cấp ngành của {person.full_name}",
        year=year,
        level="sector",
        decision_number=f"{year % 100:02d}/QĐ-VKSTC",
        decision_date=datetime.date(year, 10, 1),
    )


# --- Documents and pages ------------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> list[str]:
    """The text of each page."""
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def get_counting_queries(client, url: str):
    """One uncached GET of ``url`` (which must answer 200): the response and the number of queries it ran."""
    cache.clear()  # measure the uncached page
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(context)


def count_queries(client, url: str) -> int:
    """The number of queries of one uncached GET of ``url`` (which must answer 200)."""
    return get_counting_queries(client, url)[1]


def assert_list_queries(client, url, make_row, *, expected: int, rows=(1, 3)):
    """A list page runs exactly ``expected`` queries with 1 row and with 3 rows.

    ``make_row(index)`` adds the page's ``index``-th row (0, 1, 2); ``url`` is the page's address, or a function
    that returns it once the rows exist. The client must already be signed in. Returns the page with 3 rows, so
    the test can check the rows are shown.
    """
    made, counts = 0, {}
    for wanted in rows:
        while made < wanted:
            make_row(made)
            made += 1
        response, counts[wanted] = get_counting_queries(client, url() if callable(url) else url)
    assert counts == dict.fromkeys(rows, expected), counts
    return response


def high_award_submission(unit, plan, secretary, people, code="HCLD3"):
    """A forwarding submission (tờ trình, draft) of ``people`` proposed for ``code`` (a Huân chương by default,
    which needs a public consultation), accepted with the secretariat's written opinion and approved."""
    lines = propose(unit, plan, [(person, code, []) for person in people])
    accept_all(lines, secretary)
    for line in lines:
        line_transition(line=line, to_state="approved", actor=secretary)
        line.refresh_from_db()
    return decision_create(year_plan=plan, kind="forwarding", lines=lines, actor=secretary)
