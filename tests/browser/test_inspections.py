"""Issue 15, plan II.2.8 and III.4 in a real browser: the secretariat writes an inspection's record with a finding
and issues it, the unit's officer answers the finding with evidence, the secretariat closes it and the inspection
closes with it."""

import datetime
from pathlib import Path

import pytest

from awards.enums import FindingState, InspectionState
from awards.models import Finding, Inspection
from awards.services.inspections import inspection_create, inspection_plan_create
from tests import factories as f
from tests.factories import pdf_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    inspectorate = f.make_unit(province, "Thanh tra", kind_code="department", order=90)
    f.make_staff(unit, "Vũ Văn Hải", position="Viện trưởng")
    leader = f.make_staff(inspectorate, "Phạm Quang Huy", position="Chánh Thanh tra")
    member = f.make_staff(inspectorate, "Đỗ Thị Lan", position="Kiểm sát viên", gender="female")
    plan = f.make_plan(province, 2018)
    f.make_user("officer", unit=unit, username="donghung")
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    inspection_plan = inspection_plan_create(
        year_plan=plan, actor=secretary, title="Kiểm tra công tác thi đua, khen thưởng năm 2018", number="35/KH-VKS"
    )
    inspection = inspection_create(
        plan=inspection_plan,
        unit=unit,
        actor=secretary,
        body="joint",
        scheduled_on=datetime.date(2018, 9, 12),
        leader=leader,
        members=[member],
    )
    return {"plan": plan, "inspection": inspection}


def test_secretariat_records_officer_answers_secretariat_closes(journey, world, tmp_path):
    inspection = world["inspection"]
    detail = f"/inspections/{inspection.pk}/"
    tab = journey("inspections")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/inspections/")
    assert "Đông Hưng" in page.locator("#inspection-table").inner_text()
    tab.snap("plan")
    tab.go(detail)
    page.click("text=Ghi biên bản")
    page.wait_for_load_state()
    page.fill("#id_inspected_on", "12/09/2018")
    page.fill("#id_record_number", "05/BB-VKS")
    page.fill("#id_unit_head", "Vũ Văn Hải")
    page.fill("#id_unit_head_title", "Viện trưởng")
    page.fill("#id_conclusion", "Đơn vị triển khai đầy đủ kế hoạch thi đua năm 2018.")
    tab.snap("record")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("text=Thêm tồn tại")
    page.wait_for_load_state()
    page.fill("#id_description", "Chưa tổ chức sơ kết phong trào thi đua 6 tháng đầu năm.")
    page.fill("#id_remedy", "Tổ chức sơ kết và gửi báo cáo về Thường trực Hội đồng.")
    page.fill("#id_due_date", "30/11/2018")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("text=Ban hành biên bản cho đơn vị")
    page.wait_for_load_state()
    assert "Đã ban hành biên bản và thông báo cho đơn vị." in page.content()
    tab.snap("issued")
    assert Inspection.objects.get(pk=inspection.pk).state == InspectionState.ISSUED
    # The finding's date (30/11/2018) has passed: it is on the secretariat's dashboard.
    tab.go(f"/plans/{world['plan'].pk}/dashboard/")
    assert page.locator("#figure-findings dd").inner_text() == "1"
    assert "Tổ chức sơ kết" in page.locator("#overdue-findings-table").inner_text()
    tab.snap("dashboard")

    tab.sign_in("donghung", f.PASSWORD)
    tab.go(detail)
    assert "Tổ chức sơ kết" in page.locator("#finding-table").inner_text()
    page.click("#answer-1")
    page.wait_for_load_state()
    page.fill("#id_answer", "Đơn vị đã tổ chức sơ kết ngày 20/11/2018, gửi kèm báo cáo.")
    evidence = tmp_path / "bao-cao-so-ket.pdf"
    evidence.write_bytes(b"%PDF-1.4 test")
    page.set_input_files("#id_files", str(evidence))
    tab.snap("answer")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã gửi báo cáo khắc phục cho Thường trực." in page.content()
    assert "bao-cao-so-ket.pdf" in page.locator("#finding-table").inner_text()
    tab.snap("answered")
    # The unit's officer downloads the issued record, made at once from the same builder (issue 15).
    with page.expect_download() as download_info:
        page.click("text=Biên bản kiểm tra (PDF)")
    download = download_info.value
    assert download.suggested_filename == f"bien-ban-kiem-tra-2018-{inspection.pk}.pdf"
    record = " ".join(" ".join(pdf_text(Path(download.path()).read_bytes())).split())
    assert "BIÊN BẢN" in record and "Tổ chức sơ kết" in record

    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(detail)
    page.click("#review-1")
    page.wait_for_load_state()
    tab.snap("review")
    page.click("text=Đã khắc phục: kết thúc tồn tại")
    page.wait_for_load_state()
    assert "Đã xác nhận tồn tại được khắc phục." in page.content()
    tab.snap("closed")
    assert Finding.objects.get(inspection=inspection).state == FindingState.CLOSED
    assert Inspection.objects.get(pk=inspection.pk).state == InspectionState.CLOSED
