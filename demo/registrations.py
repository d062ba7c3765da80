"""Demo year plans and registrations for the demo province, through the services."""

import datetime
import random

from django.utils import timezone

from movements.models import Title, YearPlan
from movements.services import year_plan_create
from registrations.models import Registration
from registrations.services import LineInput, registration_save_draft, registration_submit
from units.models import Unit, User
from units.selectors import province_units, unit_roster

PLAN_2018 = {
    "number": "02/KH-VKS",
    "issued_on": datetime.date(2018, 1, 7),
    "theme": "Trách nhiệm, nghiêm túc trong công việc; gương mẫu, đúng mực trong cuộc sống",
    "registration_deadline": datetime.date(2018, 1, 17),
    "place_name": "Thái Bình",
    "signer_title": "VIỆN TRƯỞNG",
    "recipients": "\n".join(
        [
            "Lãnh đạo VKSNDTC;",
            "Thường trực Tỉnh ủy;",
            "Vụ thi đua khen thưởng VKSNDTC; (để báo cáo)",
            "Văn phòng VKSND tối cao;",
            "Ban thi đua khen thưởng tỉnh;",
            "Thành viên HĐTĐKT VKS tỉnh;",
            "Các đơn vị trong ngành (để thực hiện);",
            "Lưu VT, VPTH.",
        ]
    ),
}


def _plan(province: Unit, year: int, **fields) -> YearPlan:
    existing = YearPlan.objects.filter(province=province, year=year).first()
    if existing:
        return existing
    defaults = {
        "registration_deadline": datetime.date(year, 1, 17),
        "place_name": "Thái Bình",
        "theme": PLAN_2018["theme"],
        "recipients": PLAN_2018["recipients"],
    }
    return year_plan_create(province=province, year=year, **{**defaults, **fields})


def _lines_for(unit: Unit, rng: random.Random, titles: dict[str, Title]) -> list[LineInput]:
    roll = rng.random()
    collective = titles["TTLDXS"] if roll < 0.3 else titles["TTLDTT"]
    lines = [LineInput(None, collective.pk)]
    for person in unit_roster(unit):
        roll = rng.random()
        if roll < 0.04:
            lines.append(
                LineInput(
                    person.pk, None, "Nghỉ thai sản dài ngày" if person.gender == "female" else "Mới chuyển công tác"
                )
            )
        elif roll < 0.22:
            lines.append(LineInput(person.pk, titles["CSTDCS"].pk))
        elif roll < 0.25:
            lines.append(LineInput(person.pk, titles["CSTD_NGANH"].pk))
        else:
            lines.append(LineInput(person.pk, titles["LDTT"].pk))
    return lines


def seed_registrations(province: Unit) -> list[YearPlan]:
    """The 2018 plan of the seed with most units registered, and the current and next year's plans."""
    today = timezone.localdate()
    plan_2018 = _plan(province, 2018, **PLAN_2018)
    plans = [plan_2018, _plan(province, today.year), _plan(province, today.year + 1)]
    titles = {t.code: t for t in Title.objects.all()}
    rng = random.Random(17)  # noqa: S311 - demo data
    units = list(province_units(province))
    officer = User.objects.filter(role="secretariat", province=province).first()
    for index, unit in enumerate(units):
        if Registration.objects.filter(unit=unit, year_plan=plan_2018).exists():
            continue
        lines = _lines_for(unit, rng, titles)
        when = timezone.make_aware(datetime.datetime(2018, 1, 10 + index % 7, 9 + index % 8, 15))
        actor = unit.officers.first() or officer
        if index % 9 == 4:
            continue  # one unit in nine never started
        if index % 6 == 5:
            registration_save_draft(
                unit=unit, year_plan=plan_2018, actor=actor, lines=lines[: len(lines) // 2], now=when
            )
        else:
            registration_submit(unit=unit, year_plan=plan_2018, actor=actor, lines=lines, now=when)
    return plans
