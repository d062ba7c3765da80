"""The council's inspections (plan II.2.8, III.4): plan, record, findings, the unit's answers, closure, the access
rule, the list's queries, the scoring criterion, the dashboard and the record's PDF."""

import datetime
import io

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from awards.enums import FindingState, InspectionBody, InspectionState
from awards.models import Finding, Inspection
from awards.scoring import inspection_facts, inspection_points
from awards.selectors import overdue_findings
from awards.services.inspections import (
    finding_add,
    finding_answer,
    finding_review,
    inspection_create,
    inspection_issue,
    inspection_plan_create,
    inspection_record,
)
from demo.inspections import seed_inspections
from movements.enums import AutoSource
from movements.models import YearPlan
from movements.scoring.criteria import REGISTRY
from reports.documents_inspections import inspection_record_document
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.pdf import render_parts
from reports.services import report_render
from tests import factories as f
from tests.factories import assert_list_queries
from units.attachments import attachments_of
from units.models import AuditEntry, Notification, Unit

MM = 72 / 25.4


@pytest.fixture
def team(province):
    inspectorate = f.make_unit(province, "Phòng Thanh tra", kind_code="department", order=90)
    return [
        f.make_staff(inspectorate, "Phạm Quang Huy", position="Chánh Thanh tra"),
        f.make_staff(inspectorate, "Đỗ Thị Lan", position="Kiểm sát viên"),
    ]


@pytest.fixture
def inspection_plan(plan, secretariat):
    return inspection_plan_create(
        year_plan=plan, actor=secretariat, title="Kiểm tra công tác thi đua, khen thưởng năm 2018", number="12/KH-VKS"
    )


def make_inspection(inspection_plan, unit, team, secretariat, day=datetime.date(2018, 9, 12)):
    return inspection_create(
        plan=inspection_plan,
        unit=unit,
        actor=secretariat,
        body=InspectionBody.JOINT,
        scheduled_on=day,
        leader=team[0],
        members=[team[1]],
    )


def issued(inspection, secretariat, findings=((datetime.date(2018, 10, 31)),)):
    inspection_record(
        inspection=inspection,
        actor=secretariat,
        inspected_on=inspection.scheduled_on,
        record_number="03/BB-VKS",
        unit_head="Vũ Văn Hải",
        unit_head_title="Viện trưởng",
        conclusion="Đơn vị triển khai đầy đủ các phong trào thi đua.",
    )
    for index, due in enumerate(findings, start=1):
        finding_add(
            inspection=inspection,
            actor=secretariat,
            description=f"Tồn tại số {index}: hồ sơ khen thưởng chưa lưu đủ.",
            remedy=f"Bổ sung hồ sơ số {index}.",
            due_date=due,
        )
    return inspection_issue(inspection=inspection, actor=secretariat)


def actions(target):
    return list(
        AuditEntry.objects.filter(object_id=target.pk, content_type__model=target._meta.model_name)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_whole_cycle_record_answer_refusal_and_closure(inspection_plan, unit, team, secretariat, officer):
    inspection = make_inspection(inspection_plan, unit, team, secretariat)
    assert inspection.state == InspectionState.PLANNED
    issued(inspection, secretariat, findings=[datetime.date(2018, 10, 31), datetime.date(2018, 11, 30)])
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.ISSUED and inspection.issued_at is not None
    assert Notification.objects.get(user=officer).text == (
        "Biên bản kiểm tra ngày 12/09/2018 đã được ban hành: 2 tồn tại phải khắc phục."
    )
    first, second = inspection.findings.order_by("position")
    evidence = SimpleUploadedFile("bien-ban-bo-sung.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    finding_answer(finding=first, actor=officer, answer="Đã bổ sung đủ hồ sơ.", files=[evidence])
    first.refresh_from_db()
    assert first.state == FindingState.ANSWERED and first.answered_by == officer
    assert [a.original_name for a in attachments_of(first)] == ["bien-ban-bo-sung.pdf"]
    finding_review(finding=first, actor=secretariat, accept=False, note="Thiếu biên bản họp xét.")
    first.refresh_from_db()
    assert first.state == FindingState.NOT_ACCEPTED and first.review_note == "Thiếu biên bản họp xét."
    assert Notification.objects.filter(user=officer).count() == 2
    finding_answer(finding=first, actor=officer, answer="Đã bổ sung biên bản họp xét.")
    finding_review(finding=first, actor=secretariat, accept=True)
    finding_answer(finding=second, actor=officer, answer="Đã khắc phục.")
    finding_review(finding=second, actor=secretariat, accept=True)
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CLOSED
    assert actions(inspection) == [
        "inspection.create",
        "inspection.record",
        "inspection.issued",
        "inspection.closed",
    ]
    assert actions(first) == [
        "finding.create",
        "finding.answered",
        "attachment.add",
        "finding.not_accepted",
        "finding.answered",
        "finding.closed",
    ]
    refusal = AuditEntry.objects.get(action="finding.not_accepted")
    assert (refusal.from_state, refusal.to_state, refusal.reason) == (
        "answered",
        "not_accepted",
        "Thiếu biên bản họp xét.",
    )


def test_refused_steps(inspection_plan, unit, other_unit, team, secretariat, officer, other_officer):
    inspection = make_inspection(inspection_plan, unit, team, secretariat)
    with pytest.raises(ValidationError, match="ngày kiểm tra"):
        inspection_issue(inspection=inspection, actor=secretariat)
    with pytest.raises(PermissionDenied):
        finding_add(
            inspection=inspection, actor=officer, description="x", remedy="y", due_date=datetime.date(2018, 12, 1)
        )
    with pytest.raises(ValidationError, match="đã có trong kế hoạch"):
        make_inspection(inspection_plan, unit, team, secretariat)
    issued(inspection, secretariat)
    finding = inspection.findings.get()
    with pytest.raises(ValidationError, match="không thể"):
        finding_review(finding=finding, actor=secretariat, accept=True)  # not answered yet
    with pytest.raises(PermissionDenied):
        finding_answer(finding=finding, actor=other_officer, answer="Đã làm.")
    with pytest.raises(ValidationError):
        finding_answer(finding=finding, actor=officer, answer="  ")
    finding_answer(finding=finding, actor=officer, answer="Đã làm.")
    with pytest.raises(ValidationError):
        finding_review(finding=finding, actor=secretariat, accept=False, note="")
    with pytest.raises(PermissionDenied):
        finding_review(finding=finding, actor=officer, accept=True)
    with pytest.raises(ValidationError, match="đã ban hành"):
        finding_add(
            inspection=inspection, actor=secretariat, description="x", remedy="y", due_date=datetime.date(2018, 12, 1)
        )


def test_a_record_without_findings_closes_the_inspection(inspection_plan, unit, team, secretariat):
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat, findings=[])
    assert Inspection.objects.get(pk=inspection.pk).state == InspectionState.CLOSED


def test_overdue_findings_and_the_scoring_criterion(
    inspection_plan, plan, unit, other_unit, team, secretariat, officer, freeze
):
    freeze(f.local_dt(2018, 11, 15, 9))
    issued(
        make_inspection(inspection_plan, unit, team, secretariat),
        secretariat,
        findings=[datetime.date(2018, 10, 31), datetime.date(2018, 12, 31)],
    )
    issued(make_inspection(inspection_plan, other_unit, team, secretariat), secretariat, findings=[])
    late = overdue_findings(unit.province_id)
    assert [(x.inspection.unit_id, x.position) for x in late] == [(unit.pk, 1)]
    assert AutoSource.INSPECTION_FINDINGS in REGISTRY
    facts = inspection_facts(plan, [unit, other_unit])
    criterion = type("Criterion", (), {"max_points": 5})()
    assert inspection_points(criterion, unit, facts) == (
        0,
        "1 tồn tại sau kiểm tra quá hạn chưa khắc phục (hạn 31/10/2018).",
    )
    assert inspection_points(criterion, other_unit, facts)[0] == 5
    finding = Finding.objects.get(inspection__unit=unit, position=1)
    finding_answer(finding=finding, actor=officer, answer="Đã khắc phục.")
    finding_review(finding=finding, actor=secretariat, accept=True)
    facts = inspection_facts(plan, [unit])
    assert inspection_points(criterion, unit, facts) == (
        5,
        "Không có tồn tại quá hạn chưa khắc phục (2 tồn tại được nêu).",
    )


def test_officer_sees_only_their_units_inspections(
    client, plan, inspection_plan, unit, other_unit, team, secretariat, officer, other_officer
):
    mine = make_inspection(inspection_plan, unit, team, secretariat)
    issued(mine, secretariat)
    theirs = make_inspection(inspection_plan, other_unit, team, secretariat)
    client.force_login(officer)
    page = client.get(reverse("awards:inspection_list", kwargs={"plan": plan.pk})).content.decode()
    assert unit.display_name in page and other_unit.display_name not in page
    assert client.get(reverse("awards:inspection_detail", kwargs={"pk": theirs.pk})).status_code == 404
    finding = mine.findings.get()
    client.force_login(other_officer)
    answer = reverse("awards:finding_answer", kwargs={"pk": finding.pk})
    assert client.post(answer, {"answer": "Đã làm."}).status_code == 404
    assert Finding.objects.get(pk=finding.pk).state == FindingState.OPEN
    client.force_login(officer)
    assert client.post(answer, {"answer": "Đã làm."}).status_code == 302
    assert Finding.objects.get(pk=finding.pk).state == FindingState.ANSWERED
    assert client.post(reverse("awards:finding_review", kwargs={"pk": finding.pk}), {"note": ""}).status_code == 404


def test_inspection_list_queries(client, plan, inspection_plan, province, team, secretariat):
    client.force_login(secretariat)

    def make_row(index):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện Số {index + 1}", order=index + 1)
        issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)

    response = assert_list_queries(
        client, reverse("awards:inspection_list", kwargs={"plan": plan.pk}), make_row, expected=7
    )
    assert response.content.decode().count("03/BB-VKS") == 0  # the list shows dates, not record numbers


def test_the_dashboard_shows_overdue_findings(client, plan, inspection_plan, unit, team, secretariat, freeze):
    freeze(f.local_dt(2018, 11, 15, 9))
    client.force_login(secretariat)
    url = reverse("reports:dashboard", kwargs={"plan": plan.pk})
    assert 'id="overdue-findings-table"' not in client.get(url).content.decode()
    issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    page = client.get(url).content.decode()  # the cached page changes at once: the inspections are in its key
    assert 'id="overdue-findings-table"' in page and "Bổ sung hồ sơ số 1." in page


def test_the_record_pdf_text_and_layout(plan, inspection_plan, unit, team, secretariat):
    plan.place_name = "Thái Bình"
    plan.save()
    inspection = issued(
        make_inspection(inspection_plan, unit, team, secretariat),
        secretariat,
        findings=[datetime.date(2018, 10, 31), datetime.date(2018, 11, 30)],
    )
    inspection = Inspection.objects.select_related("unit", "leader", "plan__year_plan__province").get(pk=inspection.pk)
    pdf, _pages = render_parts(inspection_record_document(inspection).parts)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        text = "\n".join(p.extract_text() for p in document.pages)
        words = page.extract_words()
    flat = " ".join(text.split())
    assert "BIÊN BẢN" in text
    assert f"Kiểm tra công tác thi đua, khen thưởng tại {unit.name}" in flat
    assert "Số: 03/BB-VKS" in flat
    assert "Thực hiện Kế hoạch số 12/KH-VKS về kiểm tra công tác thi đua, khen thưởng năm 2018" in flat
    assert "III. Những tồn tại, hạn chế và yêu cầu khắc phục" in flat
    assert "Thái Bình, ngày 12 tháng 9 năm 2018" in flat
    assert "Phạm Quang Huy, Chánh Thanh tra – Trưởng đoàn" in flat
    assert "Đỗ Thị Lan, Kiểm sát viên – Thành viên" in flat
    assert "Bổ sung hồ sơ số 2." in flat and "30/11/2018" in flat
    assert "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA TRƯỞNG ĐOÀN KIỂM TRA" in flat
    # The title is centred on the text column (30 mm left, 15 mm right margins on A4).
    title = next(w for w in words if w["text"] == "BIÊN")
    centre = 30 * MM + 165 * MM / 2
    assert (
        abs(
            (title["x0"] + next(w for w in words if w["text"] == "BẢN" and w["top"] == title["top"])["x1"]) / 2 - centre
        )
        < 3 * MM
    )
    # The two signatures stand side by side on the last page: the unit's head left, the team's head right.
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        last = document.pages[-1].extract_words()
    unit_head = next(w for w in last if w["text"] == "Hải")
    leader = next(w for w in last if w["text"] == "Huy")
    assert unit_head["x1"] < centre < leader["x0"] and abs(unit_head["top"] - leader["top"]) < 2


def test_the_demo_inspections_of_2018(db):
    call_command("seed_demo")
    province = Unit.objects.get(code="vks-thai-binh")
    plan = YearPlan.objects.get(province=province, year=2018)
    seed_inspections(province, plan)  # again: nothing more
    inspections = Inspection.objects.filter(plan__year_plan=plan).order_by("scheduled_on")
    assert [(i.unit.code, i.state, i.record_number) for i in inspections] == [
        ("tb-dong-hung", InspectionState.ISSUED, "05/BB-VKS"),
        ("tb-hung-ha", InspectionState.CLOSED, "06/BB-VKS"),
    ]
    late = overdue_findings(province.pk)
    assert [(x.inspection.unit.code, x.due_date) for x in late] == [("tb-dong-hung", datetime.date(2018, 11, 30))]
    assert {i.issued_at.year for i in inspections} == {2018}
    assert not AuditEntry.objects.filter(
        content_type__model__in=["inspection", "finding", "inspectionplan"], created_at__year__gt=2018
    ).exists()


def test_the_record_is_asked_for_through_the_report_jobs(client, plan, inspection_plan, unit, team, secretariat):
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    client.force_login(secretariat)
    response = client.post(reverse("reports:inspection_document", kwargs={"pk": inspection.pk}))
    assert response.url == reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    job = ReportJob.objects.get(kind=ReportKind.INSPECTION_RECORD)
    assert job.params == {"inspection": inspection.pk}
    job = report_render(job.pk)  # what the worker does after the commit
    assert job.state == JobState.DONE
    assert job.filename == f"bien-ban-kiem-tra-2018-{inspection.pk}.pdf"
    assert job.file.read().startswith(b"%PDF-")


def test_a_posted_unit_or_person_of_another_province_is_refused(client, plan, inspection_plan, team, secretariat):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    foreign_unit = f.make_unit(foreign, "Viện kiểm sát nhân dân huyện Ý Yên")
    stranger = f.make_staff(foreign_unit, "Ngô Văn Lạ")
    client.force_login(secretariat)
    url = reverse("awards:inspection_create", kwargs={"plan": plan.pk})
    data = {"body": "council", "scheduled_on": "12/09/2018", "leader": team[0].pk}
    response = client.post(url, {**data, "unit": foreign_unit.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    own = f.make_unit(plan.province, "Viện kiểm sát nhân dân huyện Vũ Thư")
    response = client.post(url, {**data, "unit": own.pk, "members": [stranger.pk]})
    assert response.status_code == 200 and "members" in response.context["form"].errors
    assert not Inspection.objects.exists()
    response = client.post(url, {**data, "unit": own.pk, "members": [team[1].pk]})
    assert response.status_code == 302 and Inspection.objects.get().unit == own
