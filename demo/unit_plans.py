"""Demo units' plans and programmes (plan III.1) and a unit's own short-term movement with its people's results
(plan II.2.5) for the 2018 plan, built through the services and dated in 2018."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from movements.enums import MovementKind
from movements.models import Movement, UnitPlan, YearPlan
from movements.services import year_plan_update
from movements.unit_selectors import plan_units
from movements.unit_services import movement_result_save, unit_movement_create, unit_plan_return, unit_plan_save
from units.enums import Role
from units.models import Unit, User
from units.selectors import unit_roster

OWN_MOVEMENT = "Thi đua lập thành tích chào mừng 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_unit_plans(province: Unit, plan: YearPlan) -> None:
    """Most units send their plan by 31/01/2018, two late, two not at all; one is returned with a reason."""
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    if plan.unit_plan_deadline is None:
        plan = year_plan_update(plan=plan, actor=secretariat, unit_plan_deadline=datetime.date(plan.year, 1, 31))
    for index, unit in enumerate(plan_units(plan)):
        if index % 6 == 5 or UnitPlan.objects.filter(year_plan=plan, unit=unit).exists():
            continue  # these units have not sent theirs
        officer = User.objects.filter(role=Role.OFFICER, unit=unit).first() or secretariat
        roster = list(unit_roster(unit))
        day = datetime.date(plan.year, 1, 22 + index % 9) if index % 6 != 4 else datetime.date(plan.year, 2, 6)
        symbol = "CTr-VKS" if unit.kind.code == "department" else "KH-VKS"
        unit_plan = unit_plan_save(
            year_plan=plan,
            unit=unit,
            actor=officer,
            number=f"{index + 3:02d}/{symbol}",
            issued_on=day - datetime.timedelta(days=2),
            signer=roster[0].full_name if roster else "",
            theme="Đoàn kết, kỷ cương, trách nhiệm, hoàn thành xuất sắc nhiệm vụ năm 2018",
            targets="Giải quyết 100 % tin báo, tố giác tội phạm đúng hạn; không có án oan; "
            "80 % cán bộ đạt Lao động tiên tiến.",
            files=[SimpleUploadedFile(f"ke-hoach-{unit.code}.pdf", b"%PDF-1.4 demo", content_type="application/pdf")],
            submit=True,
            now=_at(day, 9),
        )
        if index == 2:
            unit_plan_return(
                unit_plan=unit_plan, actor=secretariat, reason="Bổ sung chỉ tiêu về giải quyết án hình sự."
            )


def seed_unit_movements(province: Unit, plan: YearPlan) -> None:
    """One district launches a short-term movement for its staff and records their results."""
    unit = next((u for u in plan_units(plan) if u.kind.code == "district"), None)
    if unit is None or Movement.objects.filter(unit=unit, name=OWN_MOVEMENT).exists():
        return
    officer = User.objects.filter(role=Role.OFFICER, unit=unit).first()
    if officer is None:
        officer = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    movement = unit_movement_create(
        unit=unit,
        actor=officer,
        name=OWN_MOVEMENT,
        kind=MovementKind.PERIODIC,
        start_date=datetime.date(plan.year, 3, 1),
        end_date=datetime.date(plan.year, 6, 11),
        theme="Kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 – 11/6/2018).",
        criteria="Hoàn thành vượt chỉ tiêu giải quyết án; có bài viết, sáng kiến; không vi phạm kỷ luật.",
        launching_document=f"Kế hoạch số 12/KH-VKS ngày 26/02/{plan.year}",
    )
    for rank, person in enumerate(list(unit_roster(unit))[:4], start=1):
        movement_result_save(
            movement=movement,
            staff=person,
            actor=officer,
            result="Hoàn thành vượt chỉ tiêu, giải quyết án đúng hạn."
            if rank > 2
            else "Hoàn thành xuất sắc; có sáng kiến được áp dụng.",
            outstanding=rank <= 2,
            ranking=rank,
        )


def seed_unit_plans_and_movements(province: Unit, plan: YearPlan) -> None:
    seed_unit_plans(province, plan)
    seed_unit_movements(province, plan)
