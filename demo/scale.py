"""A national-size data set built through the services (``manage.py seed_scale``): provinces of 16 units each,
staff spread over them, one unit of 60 people, registrations submitted by some units, the rest left for a rush."""

import datetime
import math
import random

from django.db import transaction
from django.utils import timezone

from awards.models import CouncilMeeting, ProposalLine
from awards.services.council import agenda_add_title, meeting_create
from awards.services.lines import review_accept
from awards.services.proposals import line_add, proposal_create, proposal_submit
from demo.units import FAMILY, GIVEN, MIDDLE
from movements.models import Title, YearPlan
from movements.services import year_plan_create
from registrations.enums import RegistrationState
from registrations.services import LineInput, registration_submit
from units.enums import Gender, Role
from units.models import Staff, Unit, UnitKind, User
from units.services import staff_create, unit_create, user_create

UNITS_PER_PROVINCE = 16
BIG_UNIT = 60


def _name(rng: random.Random) -> tuple[str, str]:
    gender = rng.choice([Gender.MALE, Gender.FEMALE])
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}", gender


def staff_counts(units: int, staff: int) -> list[int]:
    """People per unit, in order: exactly ``staff`` in all, evenly spread, the second unit holding 60."""
    base, extra = divmod(staff, units)
    counts = [base + (1 if index < extra else 0) for index in range(units)]
    if units > 1 and staff >= BIG_UNIT + units - 1:
        surplus = BIG_UNIT - counts[1]
        counts[1] = BIG_UNIT
        index = units - 1
        while surplus > 0:
            if index != 1 and counts[index] > 1:
                counts[index] -= 1
                surplus -= 1
            index = index - 1 if index > 2 else units - 1
    return counts


def seed_scale(*, units: int, staff: int, submitted_share: float = 0.4, log=print) -> dict:
    """Idempotent per province code. Returns what exists afterwards."""
    rng = random.Random(2018)  # noqa: S311 - synthetic data
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    titles = {title.code: title for title in Title.objects.all()}
    provinces = math.ceil(units / UNITS_PER_PROVINCE)
    year = timezone.localdate().year + 1
    counts = staff_counts(units, staff)
    made_units = made_staff = 0
    for p in range(provinces):
        code = f"scale-{p:03d}"
        if Unit.objects.filter(code=code).exists():
            continue
        with transaction.atomic():
            province = unit_create(
                name=f"Viện kiểm sát nhân dân tỉnh Thử nghiệm {p + 1:02d}", code=code, kind=kinds["provincial"]
            )
            plan = year_plan_create(
                province=province, year=year, registration_deadline=datetime.date(year, 1, 17), number="01/KH-VKS"
            )
            user_create(
                username=f"{code}-tt",
                password=None,
                role=Role.SECRETARIAT,
                province=province,
                email=f"{code}-tt@scale.example",
            )
            in_province = min(UNITS_PER_PROVINCE, units - p * UNITS_PER_PROVINCE)
            members = [province] + [
                unit_create(
                    name=f"Viện kiểm sát nhân dân khu vực {p + 1:02d}-{u:02d}",
                    code=f"{code}-{u:02d}",
                    kind=kinds["regional"],
                    parent=province,
                    display_order=u,
                )
                for u in range(1, in_province)
            ]
            for index, unit in enumerate(members):
                count = counts[p * UNITS_PER_PROVINCE + index]
                for _ in range(count):
                    name, gender = _name(rng)
                    staff_create(
                        unit=unit,
                        full_name=name,
                        gender=gender,
                        position="Kiểm sát viên",
                        rank="Kiểm sát viên sơ cấp",
                        joined_procuracy_on=datetime.date(2010, 1, 1),
                    )
                made_staff += count
                officer = user_create(
                    username=f"{unit.code}-cb",
                    password=None,
                    role=Role.OFFICER,
                    unit=unit,
                    email=f"{unit.code}@scale.example",
                )
                # The 60-person unit stays open: the load benchmark measures its registration form.
                if index and not (p == 0 and index == 1) and rng.random() < submitted_share:
                    lines = [LineInput(None, titles["TTLDTT"].pk)] + [
                        LineInput(person_id, titles["LDTT"].pk)
                        for person_id in Staff.objects.filter(unit=unit).values_list("pk", flat=True)
                    ]
                    registration_submit(
                        unit=unit,
                        year_plan=plan,
                        actor=officer,
                        lines=lines,
                        now=timezone.make_aware(datetime.datetime(year, 1, 10, 9)),
                    )
            made_units += len(members)
            if p == 0:
                _proposals(plan, members[1:])
        log(f"province {p + 1}/{provinces}: {len(members)} units")
    return {
        "provinces": Unit.objects.filter(code__startswith="scale-", kind__code="provincial").count(),
        "units": Unit.objects.filter(code__startswith="scale-").count(),
        "staff": Staff.objects.filter(unit__code__startswith="scale-").count(),
        "officers": User.objects.filter(username__startswith="scale-", role=Role.OFFICER).count(),
        "plans": YearPlan.objects.filter(province__code__startswith="scale-").count(),
        "created_units": made_units,
        "created_staff": made_staff,
    }


def _proposals(plan, units) -> None:
    """Year-end proposals of the units that registered, so that the review list has lines to show."""
    ldtt = Title.objects.get(code="LDTT")
    for unit in units:
        if not unit.registrations.filter(year_plan=plan, state=RegistrationState.SUBMITTED).exists():
            continue
        officer = unit.officers.first()
        proposal = proposal_create(unit=unit, year_plan=plan, kind="year_end", actor=officer)
        for person in Staff.objects.filter(unit=unit):
            line_add(
                proposal=proposal, actor=officer, title=ldtt, staff=person, achievements="Hoàn thành tốt nhiệm vụ."
            )
        proposal_submit(proposal=proposal, actor=officer, now=timezone.make_aware(datetime.datetime(plan.year, 11, 20)))


COUNCIL_PROVINCE = "bench-hd"  # not "scale-": the rush and the national counts leave it alone
COUNCIL_LINES = 1000
COUNCIL_AGENDA = 300


def seed_council_province(*, lines: int = COUNCIL_LINES, agenda: int = COUNCIL_AGENDA, log=print) -> dict:
    """A province whose review list holds ``lines`` submitted lines (one LĐTT per person, every unit registered)
    and whose planned council meeting has ``agenda`` of them on its agenda, built through the services: the load
    benchmark's review list of 1,000 lines and agenda of 300. Idempotent: an existing province is kept."""
    province = Unit.objects.filter(code=COUNCIL_PROVINCE).first()
    if province is None:
        rng = random.Random(2027)  # noqa: S311 - synthetic data
        kinds = {kind.code: kind for kind in UnitKind.objects.all()}
        titles = {title.code: title for title in Title.objects.all()}
        year = timezone.localdate().year + 1
        with transaction.atomic():
            province = unit_create(
                name="Viện kiểm sát nhân dân tỉnh Đo tải", code=COUNCIL_PROVINCE, kind=kinds["provincial"]
            )
            plan = year_plan_create(
                province=province,
                year=year,
                registration_deadline=datetime.date(year, 1, 17),
                number="01/KH-VKS",
            )
            secretariat = user_create(
                username=f"{COUNCIL_PROVINCE}-tt", password=None, role=Role.SECRETARIAT, province=province
            )
            members = [province] + [
                unit_create(
                    name=f"Viện kiểm sát nhân dân khu vực Đo tải {u:02d}",
                    code=f"{COUNCIL_PROVINCE}-{u:02d}",
                    kind=kinds["regional"],
                    parent=province,
                    display_order=u,
                )
                for u in range(1, UNITS_PER_PROVINCE)
            ]
            base, extra = divmod(lines, len(members))
            for index, unit in enumerate(members):
                for _ in range(base + (1 if index < extra else 0)):
                    name, gender = _name(rng)
                    staff_create(
                        unit=unit,
                        full_name=name,
                        gender=gender,
                        position="Kiểm sát viên",
                        rank="Kiểm sát viên sơ cấp",
                        joined_procuracy_on=datetime.date(2010, 1, 1),
                    )
                officer = user_create(username=f"{unit.code}-cb", password=None, role=Role.OFFICER, unit=unit)
                people = list(Staff.objects.filter(unit=unit).values_list("pk", flat=True))
                registration_submit(
                    unit=unit,
                    year_plan=plan,
                    actor=officer,
                    lines=[LineInput(None, titles["TTLDTT"].pk)] + [LineInput(pk, titles["LDTT"].pk) for pk in people],
                    now=timezone.make_aware(datetime.datetime(year, 1, 10, 9)),
                )
                proposal = proposal_create(unit=unit, year_plan=plan, kind="year_end", actor=officer)
                for person in Staff.objects.filter(unit=unit):
                    line_add(
                        proposal=proposal,
                        actor=officer,
                        title=titles["LDTT"],
                        staff=person,
                        achievements="Hoàn thành tốt nhiệm vụ.",
                    )
                proposal_submit(
                    proposal=proposal, actor=officer, now=timezone.make_aware(datetime.datetime(year, 11, 20))
                )
            log(f"{COUNCIL_PROVINCE}: {lines} lines submitted")
            for line in ProposalLine.objects.filter(proposal__year_plan=plan).order_by("pk")[:agenda]:
                review_accept(line=line, actor=secretariat)
            council = list(Staff.objects.filter(unit=province).order_by("pk")[:9])
            meeting = meeting_create(
                year_plan=plan,
                actor=secretariat,
                held_at=timezone.make_aware(datetime.datetime(year, 12, 5, 8)),
                members=[(person, "Ủy viên", True) for person in council],
                location="Hội trường tầng 3",
                chair=council[0].full_name,
                secretary=council[1].full_name,
            )
            agenda_add_title(meeting=meeting, title=titles["LDTT"], actor=secretariat)
            log(f"{COUNCIL_PROVINCE}: {agenda} lines on the agenda")
    plan = province.year_plans.order_by("-year").first()
    meeting = CouncilMeeting.objects.filter(year_plan=plan).order_by("pk").first()
    return {
        "plan": plan,
        "meeting": meeting,
        "lines": ProposalLine.objects.filter(proposal__year_plan=plan).count(),
        "agenda": meeting.agenda.count() if meeting else 0,
    }
