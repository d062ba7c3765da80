"""The demo's 2018 inspection plan (plan II.2.8, III.4): the council's standing body and the inspectorate inspect
two district procuracies. Đông Hưng's record has two findings: one fixed and closed, one still open past its date
(it shows on the secretariat's dashboard and in the unit's scoring); Hưng Hà's one finding is fixed and its
inspection closed. Built through ``awards.services.inspections``, then dated in 2018 (the demo only, as
``demo/timestamps.py``)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from awards.enums import InspectionBody
from awards.models import Finding, Inspection, InspectionPlan
from awards.services.inspections import (
    finding_add,
    finding_answer,
    finding_review,
    inspection_create,
    inspection_issue,
    inspection_plan_create,
    inspection_record,
)
from movements.models import YearPlan
from units.enums import Role
from units.models import AuditEntry, Unit, User
from units.selectors import unit_roster

# unit code, planned/inspected on, body, the unit's head and title, conclusion,
# findings: (description, remedy, due date, answer or "", closed on or None)
INSPECTIONS = [
    (
        "tb-dong-hung",
        datetime.date(2018, 9, 12),
        InspectionBody.JOINT,
        "Viện trưởng",
        "Đơn vị đã xây dựng kế hoạch thi đua năm 2018, tổ chức ký giao ước thi đua và phát động các đợt thi đua "
        "theo chuyên đề; việc theo dõi, chấm điểm thi đua hằng tháng còn chưa thường xuyên.",
        [
            (
                "Hồ sơ đề nghị khen thưởng 6 tháng đầu năm chưa lưu biên bản họp Hội đồng thi đua của đơn vị.",
                "Bổ sung biên bản họp xét và lưu đủ hồ sơ khen thưởng theo quy định.",
                datetime.date(2018, 10, 15),
                "Đơn vị đã bổ sung biên bản họp Hội đồng thi đua ngày 28/9/2018 vào hồ sơ.",
                datetime.date(2018, 10, 20),
            ),
            (
                "Chưa tổ chức sơ kết phong trào thi đua 6 tháng đầu năm 2018 tại đơn vị.",
                "Tổ chức sơ kết, rút kinh nghiệm và gửi báo cáo kết quả về Thường trực Hội đồng.",
                datetime.date(2018, 11, 30),
                "",
                None,
            ),
        ],
    ),
    (
        "tb-hung-ha",
        datetime.date(2018, 10, 17),
        InspectionBody.COUNCIL,
        "Viện trưởng",
        "Đơn vị triển khai đầy đủ kế hoạch thi đua, phong trào thi đua có nội dung thiết thực.",
        [
            (
                "Sổ theo dõi kết quả thi đua của cán bộ chưa cập nhật từ tháng 7/2018.",
                "Cập nhật đầy đủ sổ theo dõi kết quả thi đua.",
                datetime.date(2018, 11, 15),
                "Đã cập nhật sổ theo dõi đến hết tháng 10/2018.",
                datetime.date(2018, 11, 12),
            ),
        ],
    ),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(settings.TIME_ZONE))


def seed_inspections(province: Unit, plan: YearPlan) -> None:
    if InspectionPlan.objects.filter(year_plan=plan).exists():
        return
    secretary = User.objects.filter(province=province, role=Role.SECRETARIAT).order_by("pk").first()
    inspectorate = unit_roster(Unit.objects.get(code="tb-thanh-tra"))
    office = unit_roster(Unit.objects.get(code="tb-van-phong"))
    leader, members = inspectorate[0], [inspectorate[1], office[0]]
    inspection_plan = inspection_plan_create(
        year_plan=plan,
        actor=secretary,
        title="Kiểm tra công tác thi đua, khen thưởng tại các đơn vị năm 2018",
        number="35/KH-VKS",
        issued_on=datetime.date(2018, 8, 20),
    )
    _date(InspectionPlan.objects.filter(pk=inspection_plan.pk), _at(datetime.date(2018, 8, 20), 9))
    for number, (code, day, body, head_title, conclusion, findings) in enumerate(INSPECTIONS, start=5):
        unit = Unit.objects.get(code=code)
        officer = User.objects.filter(unit=unit, role=Role.OFFICER).order_by("pk").first() or secretary
        inspection = inspection_create(
            plan=inspection_plan,
            unit=unit,
            actor=secretary,
            body=body,
            scheduled_on=day,
            leader=leader,
            members=members,
        )
        inspection_record(
            inspection=inspection,
            actor=secretary,
            inspected_on=day,
            record_number=f"{number:02d}/BB-VKS",
            unit_head=unit_roster(unit)[0].full_name,
            unit_head_title=head_title,
            conclusion=conclusion,
        )
        rows = [
            (
                finding_add(inspection=inspection, actor=secretary, description=text, remedy=remedy, due_date=due),
                answer,
                closed,
            )
            for text, remedy, due, answer, closed in findings
        ]
        inspection_issue(inspection=inspection, actor=secretary)
        issued = _at(day + datetime.timedelta(days=2), 10)
        _date(Inspection.objects.filter(pk=inspection.pk), _at(day, 9), issued, issued_at=issued)
        last = issued
        for finding, answer, closed in rows:
            _date(Finding.objects.filter(pk=finding.pk), _at(day, 15), issued)
            if answer:
                finding_answer(finding=finding, actor=officer, answer=answer)
                answered = _at(closed - datetime.timedelta(days=3), 14)
                _date(Finding.objects.filter(pk=finding.pk), _at(day, 15), answered, answered_at=answered)
            if closed:
                finding_review(finding=finding, actor=secretary, accept=True)
                done = _at(closed, 9)
                _date(Finding.objects.filter(pk=finding.pk), _at(day, 15), done, closed_at=done)
                last = max(last, done)
        if Inspection.objects.filter(pk=inspection.pk, state="closed").exists():
            _date(Inspection.objects.filter(pk=inspection.pk), _at(day, 9), last)


def _date(queryset, created, updated=None, **values) -> None:
    """Put the rows and their audit entries at the demo's times (the demo only)."""
    updated = updated or created
    queryset.update(created_at=created, updated_at=updated, **values)
    model = queryset.model
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(queryset.values_list("pk", flat=True)),
        created_at__gt=updated,
    ).update(created_at=updated)
