"""Issue 14, small things in a real browser: the "Đang tạo văn bản…" banner goes once the job is done, file inputs
say "Chọn tệp" and show the chosen file (keyboard included), the pager jumps to a typed page keeping the search,
the sign-in page names the agency."""

import pytest

from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    f.make_user("officer", unit=unit, username="donghung")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, 2018)
    for i in range(60):
        f.make_staff(unit, f"Nguyễn Văn Số{i:03d}")
    return {"plan": plan, "secretariat": secretariat}


def test_banner_goes_when_the_job_is_done(journey, world):
    job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=world["plan"], actor=world["secretariat"])
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    tab = journey("document-banner")
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/documents/")
    assert tab.page.locator("#job-progress").is_visible()
    tab.snap("running")
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.DONE, checksum="0" * 64, filename="tong-hop.pdf")
    tab.page.wait_for_selector("#job-progress", state="detached", timeout=12000)  # the page refreshes itself
    assert "Đã xong" in tab.page.locator("#job-table").inner_text()
    assert "Đang tạo văn bản" not in tab.page.locator("main").inner_text()
    tab.snap("done")


def test_file_input_says_choose_and_shows_the_name(journey, world, tmp_path):
    tab = journey("file-input")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go("/staff/import/")
    button = tab.page.locator(".file-input-button").first
    assert button.inner_text().strip() == "Chọn tệp"
    assert tab.page.locator(".file-input-chosen").first.inner_text() == "Chưa chọn tệp nào"
    field = tab.page.locator("input[type=file]").first
    field_id = field.get_attribute("id")
    assert tab.page.locator(f"label[for={field_id}]").count() >= 1
    tab.snap("empty")
    roster = tmp_path / "danh-sach-can-bo.xlsx"
    roster.write_bytes(b"PK\x03\x04 not really")
    field.set_input_files(str(roster))
    assert tab.page.locator(".file-input-chosen").first.inner_text() == "danh-sach-can-bo.xlsx"
    # Keyboard: the hidden input takes the focus (Tab reaches it) and its button shows the ring.
    field.focus()
    assert tab.page.evaluate("() => document.activeElement.type") == "file"
    tab.snap("chosen")


def test_pager_jumps_keeping_the_search(journey, world):
    tab = journey("pager-jump")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go("/staff/?q=nguyen")
    tab.page.fill("#pager-page", "2")
    tab.page.get_by_role("button", name="Đi", exact=True).click()
    tab.page.wait_for_load_state()
    assert "q=nguyen" in tab.page.url and "page=2" in tab.page.url
    assert tab.page.locator("#pager [aria-current=page]").inner_text().strip() == "2"
    tab.snap("page-2")
    tab.go("/staff/?q=nguyen&page=99")
    assert tab.page.locator("#pager [aria-current=page]").inner_text().strip() == "2"  # the last page, no 404


def test_login_page_names_the_agency(journey, world):
    tab = journey("login-agency")
    tab.go("/login/")
    text = tab.page.locator("#login-agency").inner_text()
    assert "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH" in text.upper() and "Hệ thống thi đua, khen thưởng" in text
    tab.snap("login")
