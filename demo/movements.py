"""Demo movements, pledges, exemplary individuals, initiatives and conduct records for the demo province (the
2018 plan's movements, section II), built through the services."""

import datetime
import random
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from awards.enums import ConductKind, DisciplineLevel, LeaveType, RecognitionLevel
from awards.models import ConductRecord, Initiative
from awards.services import conduct_record_create, initiative_create
from movements.enums import Launcher, MovementKind
from movements.models import (
    ClusterYear,
    ExemplaryIndividual,
    Movement,
    MovementReport,
    Pledge,
    ScoringSheet,
    YearPlan,
)
from movements.scoring import (
    scoring_sheet_create,
    unit_score_approve,
    unit_score_cluster_review,
    unit_score_self,
    unit_score_start,
)
from movements.services import (
    exemplary_add,
    exemplary_select,
    movement_create,
    movement_report_save,
    pledge_save,
    year_plan_update,
)
from units.enums import Role
from units.models import Cluster, Unit, User
from units.selectors import province_units, unit_roster


class DemoMovement(NamedTuple):
    """A movement of the demo year and the day its units' reports are due (none: no report asked)."""

    name: str
    kind: str
    period: tuple[datetime.date, datetime.date]
    launched_by: str = Launcher.PROVINCE
    document: str = "Kế hoạch số 02/KH-VKS ngày 07/01/2018"  # the province's plan for 2018 (section II.1)
    reports_due: datetime.date | None = None


def _day(text: str) -> datetime.date:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def _period(text: str) -> tuple[datetime.date, datetime.date]:
    start, end = text.split(" - ")
    return _day(start), _day(end)


YEAR_END = _day("30/11/2018")  # the year's reports on the movements that run all year or longer

MOVEMENTS = [
    DemoMovement(
        "Trách nhiệm, nghiêm túc trong công việc; gương mẫu, đúng mực trong cuộc sống",
        MovementKind.REGULAR,
        _period("07/01/2018 - 31/12/2018"),
        reports_due=YEAR_END,
    ),
    DemoMovement(
        "Thi đua lập thành tích thực hiện thắng lợi Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
        MovementKind.THEMATIC,
        _period("01/01/2016 - 31/12/2020"),
        Launcher.SUPREME_PROCURACY,
        "Chỉ thị số 02/CT-VKSTC ngày 27/12/2017",
        YEAR_END,
    ),
    DemoMovement(
        "Cả nước chung sức xây dựng nông thôn mới (giai đoạn 2016 - 2020)",
        MovementKind.THEMATIC,
        _period("01/01/2016 - 31/12/2020"),
        Launcher.LOCAL_AUTHORITY,
        document="",
    ),
    # The two anniversaries of section II.2.5, each with its own short period and report.
    DemoMovement(
        "Kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2018)",
        MovementKind.PERIODIC,
        _period("15/01/2018 - 11/06/2018"),
        reports_due=_day("20/06/2018"),
    ),
    DemoMovement(
        "Kỷ niệm 58 năm Ngày thành lập ngành Kiểm sát nhân dân (26/7/1960 - 26/7/2018)",
        MovementKind.PERIODIC,
        _period("01/04/2018 - 26/07/2018"),
        reports_due=_day("10/08/2018"),
    ),
]

INITIATIVES = [
    ("Giải pháp nâng cao chất lượng tranh tụng của Kiểm sát viên tại phiên tòa hình sự sơ thẩm", RecognitionLevel.UNIT),
    ("Ứng dụng phần mềm quản lý án hình sự trong theo dõi thời hạn tố tụng", RecognitionLevel.PROVINCE),
    ("Mô hình phối hợp kiểm sát việc tạm giữ, tạm giam tại nhà tạm giữ cấp huyện", RecognitionLevel.UNIT),
    ("Giải pháp rút ngắn thời gian giải quyết án dân sự phúc thẩm", RecognitionLevel.UNIT),
    ("Số hóa hồ sơ kiểm sát thi hành án dân sự", RecognitionLevel.PROVINCE),
    ("Quy trình kiểm tra chéo cáo trạng trước khi ban hành", RecognitionLevel.UNIT),
]


# The provisions of the Thái Bình plan 02/KH-VKS (2018), kept by the province's later plans: a title not
# registered is not considered (III.2); serious violations and cases annulled or suspended through the
# procuracy's fault bar awards (II.2.9).
PLAN_PROVISIONS = {
    "registration_required": True,
    "registration_section": "III.2",
    "disqualifier_section": "II.2.9",
    "bars_serious_violation": True,
    "bars_annulled_case": True,
    "bars_suspended_case": True,
}


def seed_plan_provisions(plans: list[YearPlan]) -> None:
    """The demo province's plans state the provisions verdicts and proposals cite (safe to run again)."""
    for plan in plans:
        year_plan_update(plan=plan, **PLAN_PROVISIONS)


def seed_movements(province: Unit, plan: YearPlan) -> None:
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    units = list(province_units(province))
    rng = random.Random(26)  # noqa: S311 - demo data
    for name, kind, (start, end), launcher, document, deadline in MOVEMENTS:
        if Movement.objects.filter(province=province, name=name).exists():
            continue
        movement = movement_create(
            province=province,
            actor=secretariat,
            name=name,
            launched_by=launcher,
            kind=kind,
            start_date=start,
            end_date=end,
            launching_document=document,
            report_deadline=deadline,
            theme=name,
            criteria="Hoàn thành xuất sắc chỉ tiêu nghiệp vụ; không để xảy ra oan, sai, bỏ lọt tội phạm.",
        )
        if deadline is None:
            continue
        when = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(9)))
        for unit in units:
            if rng.random() < 0.7 and not MovementReport.objects.filter(movement=movement, unit=unit).exists():
                movement_report_save(
                    movement=movement,
                    unit=unit,
                    actor=secretariat,
                    now=when - datetime.timedelta(days=3),
                    summary=f"{unit.name} đã quán triệt, triển khai phong trào tới toàn thể cán bộ, công chức; "
                    "kết quả thực hiện các chỉ tiêu nghiệp vụ đạt và vượt kế hoạch.",
                    submit=rng.random() < 0.8,
                )


def seed_pledges_and_examples(province: Unit, plan: YearPlan) -> None:
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    rng = random.Random(36)  # noqa: S311 - demo data
    for index, unit in enumerate(province_units(province)):
        roster = list(unit_roster(unit))
        if index % 7 != 3 and not Pledge.objects.filter(year_plan=plan, unit=unit).exists():
            pledge_save(
                year_plan=plan,
                unit=unit,
                actor=secretariat,
                signed_on=datetime.date(2018, 1, 12 + index % 5),
                head_signatory=roster[0].full_name,
                union_signatory=roster[-1].full_name,
                content="Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2018; không có cán bộ vi phạm kỷ luật.",
            )
        if index % 5 != 2 and not ExemplaryIndividual.objects.filter(year_plan=plan, unit=unit).exists():
            person = rng.choice(roster)
            example = exemplary_add(
                year_plan=plan,
                staff=person,
                actor=secretariat,
                account=f"Đồng chí {person.full_name} luôn hoàn thành xuất sắc nhiệm vụ, chủ động nghiên cứu, đề "
                "xuất giải pháp nâng cao chất lượng công tác kiểm sát.",
            )
            if index % 4 == 0:
                exemplary_select(example=example, actor=secretariat, for_province=True, for_supreme=index % 8 == 0)


def seed_initiatives_and_conduct(province: Unit) -> None:
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    units = list(province_units(province))
    for index, (title, level) in enumerate(INITIATIVES):
        if Initiative.objects.filter(unit__province=province, title=title).exists():
            continue
        unit = units[(index * 3 + 1) % len(units)]
        authors = list(unit_roster(unit))[: 1 + index % 2]
        initiative_create(
            unit=unit,
            actor=secretariat,
            authors=authors,
            title=title,
            year=2018,
            summary="Áp dụng tại đơn vị từ quý II năm 2018, giảm thời gian xử lý và nâng cao chất lượng.",
            recognition_level=level,
            decision_number=f"{10 + index:02d}/QĐ-VKS",
            decision_date=datetime.date(2018, 10, 15),
        )
    if ConductRecord.objects.filter(staff__unit__province=province).exists():
        return
    rosters = [list(unit_roster(unit)) for unit in units]
    records = [
        (
            rosters[3][2],
            {
                "kind": ConductKind.DISCIPLINE,
                "discipline_level": DisciplineLevel.REPRIMAND,
                "decision_number": "05/QĐ-VKS",
                "decision_date": datetime.date(2018, 5, 3),
                "start_date": datetime.date(2018, 5, 3),
                "description": "Vi phạm thời hạn tố tụng.",
            },
        ),
        (
            rosters[12][4],
            {
                "kind": ConductKind.DISCIPLINE,
                "discipline_level": DisciplineLevel.WARNING,
                "decision_number": "09/QĐ-VKS",
                "decision_date": datetime.date(2018, 8, 20),
                "start_date": datetime.date(2018, 8, 20),
                "description": "Vi phạm quy chế nghiệp vụ.",
            },
        ),
        (
            rosters[14][3],
            {
                "kind": ConductKind.ANNULLED_CASE,
                "description": "Bản án sơ thẩm bị hủy để điều tra lại có trách nhiệm của Viện kiểm sát.",
                "start_date": datetime.date(2018, 9, 12),
            },
        ),
        (
            next(p for p in rosters[5] if p.gender == "female"),
            {
                "kind": ConductKind.LONG_LEAVE,
                "leave_type": LeaveType.MATERNITY,
                "start_date": datetime.date(2018, 3, 1),
                "end_date": datetime.date(2018, 8, 31),
                "description": "Nghỉ thai sản 6 tháng.",
            },
        ),
        (
            rosters[8][1],
            {
                "kind": ConductKind.LONG_LEAVE,
                "leave_type": LeaveType.SICK,
                "start_date": datetime.date(2018, 4, 2),
                "end_date": datetime.date(2018, 6, 29),
                "description": "Nghỉ điều trị bệnh dài ngày.",
            },
        ),
    ]
    for person, fields in records:
        conduct_record_create(staff=person, actor=secretariat, year=2018, **fields)


def seed_scoring(province: Unit, plan: YearPlan) -> None:
    """Two emulation clusters with their leaders for the year, the year's scoring sheet and units at each stage of
    their scores (self-scored, reviewed by the cluster head, approved)."""
    if ScoringSheet.objects.filter(year_plan=plan).exists():
        return
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    units = [u for u in province_units(province) if u.pk != province.pk]
    groups = {
        "Cụm thi đua số 1 (các phòng nghiệp vụ)": [u for u in units if u.kind.code == "department"],
        "Cụm thi đua số 2 (Viện kiểm sát cấp huyện)": [u for u in units if u.kind.code == "district"],
    }
    for name, members in groups.items():
        cluster, _ = Cluster.objects.get_or_create(province=province, name=name)
        # Membership is a unit's attribute, edited in the admin; the demo sets it directly.
        Unit.objects.filter(pk__in=[u.pk for u in members]).update(cluster=cluster)
        # A unit with a demo login heads each cluster, so the cluster head's review can be tried.
        head = next((u for u in members if u.officers.exists()), members[0])
        deputy = next((u for u in members if u != head), None)
        ClusterYear.objects.get_or_create(
            cluster=cluster, year_plan=plan, defaults={"head_unit": head, "deputy_unit": deputy}
        )
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    rng = random.Random(424)  # noqa: S311 - demo data
    for index, unit in enumerate(province_units(province)):
        if unit.pk == province.pk or index % 6 == 5:
            continue  # some units have not started
        score = unit_score_start(sheet=sheet, unit=unit, actor=secretariat)
        values = {}
        for row in score.criterion_scores.select_related("criterion"):
            criterion = row.criterion
            if criterion.auto_source:
                continue
            points = (criterion.max_points * Decimal(rng.randint(80, 100)) / 100).quantize(Decimal("0.5"))
            values[criterion.pk] = (points, "Báo cáo tổng kết công tác năm 2018 của đơn vị, số liệu thống kê kèm theo.")
        unit_score_self(score=score, actor=secretariat, values=values, submit=index % 4 != 3)
        if index % 4 == 3:
            continue
        if index % 3 != 2:
            first = next(iter(values))
            reviewed = {first: (values[first][0] - 1, "Chỉ tiêu giải quyết án còn thấp hơn kế hoạch.")}
            unit_score_cluster_review(score=score, actor=secretariat, values=reviewed)
            if index % 3 == 0:
                unit_score_approve(score=score, actor=secretariat, values={})
