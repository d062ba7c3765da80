"""Test data built through the services, like real data. Plain functions with sensible defaults."""

import datetime
import itertools

from django.utils import timezone

from awards.models import Title
from movements.models import YearPlan
from movements.services import year_plan_create
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
