"""Issue 16 in a real browser: on an issued forwarding submission the secretariat sees the dossier's checklist,
assembles the dossier, downloads the .zip (checked against its manifest), confirms and sends it; it is locked."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import dossiers
from awards.enums import DecisionKind, DossierState
from awards.models import Dossier
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from reports.enums import ReportKind
from reports.services import report_request
from tests import factories as f
from tests.awards.test_dossiers import pdf_bytes, upload_report
from tests.factories import accept_all, eligible_for_nganh, local_dt, propose, register
from units.attachments import attachments_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    person = f.make_staff(unit, "Nguyễn Thị Hoa", position="Kiểm sát viên", gender="female")
    plan = f.make_plan(province, 2018)
    f.make_officer(unit)
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    register(unit, plan, {person: "CSTD_NGANH"})
    initiative = eligible_for_nganh(unit, person)
    (line,) = propose(unit, plan, [(person, "CSTD_NGANH", [initiative])])
    accept_all([line], secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [f.make_staff(office, f"Thành viên Hội đồng Số{i:02d}") for i in range(9)]
    meeting = meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8, 0),
        members=[(member, "Ủy viên", True) for member in members],
        chair="Nguyễn Văn Thành",
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretary)
    tally_record(item=item, actor=secretary, yes=9, no=0, blank=0)
    line.refresh_from_db()
    upload_report(line, secretary)
    attachments_add(owner=initiative, files=[SimpleUploadedFile("cong-nhan.pdf", pdf_bytes())], actor=secretary)
    submission = decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=[line], actor=secretary)
    decision_issue(decision=submission, actor=secretary, number="12/TTr-VKS", issued_on=datetime.date(2018, 12, 26))
    report_request(kind=ReportKind.FORWARDING, year_plan=plan, actor=secretary, params={"decision": submission.pk})
    return {"submission": submission, "line": line, "secretary": secretary}


def test_secretariat_assembles_downloads_and_sends_the_dossier(journey, world, tmp_path):
    submission = world["submission"]
    tab = journey("dossier")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/decisions/{submission.pk}/")
    checklist = page.locator("#dossier-checklist").inner_text()
    assert "Chưa tạo biên bản họp Hội đồng ngày 20/12/2018." in checklist
    assert "Thiếu báo cáo" not in checklist
    tab.snap("missing")
    # The item's link leads to the meeting, where the minutes are generated (eager in tests).
    page.click("#dossier-checklist [data-kind=minutes] a")
    page.wait_for_load_state()
    page.click("text=Biên bản kiểm phiếu (PDF)")
    page.wait_for_load_state()
    tab.go(f"/decisions/{submission.pk}/")
    assert "Chưa tạo" not in page.locator("#dossier-checklist").inner_text()
    page.click("#dossier-build")
    page.wait_for_load_state()
    assert "Lập lúc" in page.locator("#dossier-state").inner_text()
    tab.snap("assembled")
    with page.expect_download() as download_info:
        page.click("#dossier-download")
    path = tmp_path / "ho-so.zip"
    download_info.value.save_as(path)
    manifest, problems = dossiers.verify(path.read_bytes())
    assert problems == [] and manifest["submission"]["number"] == "12/TTr-VKS"
    assert [c["subject"]["name"] for c in manifest["candidates"]] == ["Nguyễn Thị Hoa"]
    page.click("#dossier-send")
    page.wait_for_load_state()
    assert "không thể lập lại" in page.locator("#send-summary").inner_text()
    tab.snap("confirm")
    page.click("#confirm-send")
    page.wait_for_load_state()
    assert "Đã gửi cấp trên lúc" in page.locator("#dossier-sent").inner_text()
    assert page.locator("#dossier-build").count() == 0
    tab.snap("sent")
    assert Dossier.objects.get(decision=submission).state == DossierState.SENT
