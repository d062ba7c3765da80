"""Issue 15, the statutory statistics (Thông tư 02/2023/TT-BNV) in a real browser: the secretariat opens "Báo cáo
thống kê" from the menu, chooses form 0602 and a half year, reads the preview, downloads the .xlsx and has the PDF
generated on the documents page; the statistics officer reads the page and downloads the .xlsx, with no PDF
button."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.services.decisions import award_history_record
from reports.statistics import TABLE_FIRST_ROW
from tests import factories as f
from tests.factories import award
from units.enums import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    f.make_user(Role.SECRETARIAT, province=province, username="thuongtruc")
    f.make_user(Role.STATISTICS, province=province, username="thongke")
    plan = f.make_plan(province, 2018, number="02/KH-VKS", issued_on=datetime.date(2018, 1, 7))
    head = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng", is_leader=True)
    worker = f.make_staff(unit, "Trần Thị Bình", gender="female")
    other = f.make_staff(unit, "Lê Văn Cường")
    # The Prime Minister's Bằng khen for 2017, decided on 10/01/2018: in the first half of 2018.
    award(head, "BK_TTG", 2017)
    award(worker, "BK_TTG", 2017)
    award(None, "BK_TTG", 2017, unit=unit)
    # Decided in September 2018: outside the period chosen.
    award_history_record(
        title=f.title("BK_TTG"),
        year=2018,
        staff=other,
        decision_number="1352/QĐ-TTg",
        decision_date=datetime.date(2018, 9, 20),
        actor=None,
    )
    return {"plan": plan}


def _cells(page, code):
    """The figures of the preview's row with this code (the cells after the label, code and unit)."""
    row = page.locator(".stat-table tbody tr", has=page.locator(f"td:text-is('{code}')"))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()[2:]]


def _choose(tab, form, start, end):
    page = tab.page
    page.select_option("#id_form", form)
    page.fill("#id_start", start)
    page.fill("#id_end", end)
    page.click("form.stat-choose button[type=submit]")
    page.wait_for_load_state()


def _download_sheet(tab):
    with tab.page.expect_download() as download_info:
        tab.page.click("text=Tải về (.xlsx)")
    download = download_info.value
    data = open(download.path(), "rb").read()  # noqa: SIM115 - read once
    return download.suggested_filename, load_workbook(io.BytesIO(data)).active


def test_secretariat_previews_downloads_and_asks_for_the_pdf_statistics_reads(journey, world):
    plan = world["plan"]
    tab = journey("statistics")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go("/")
    page.click("nav a.dropdown-toggle >> text='Khen thưởng'")
    page.click("nav >> text=Báo cáo thống kê")
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{plan.pk}/statistics/")
    assert "Biểu số 0601.N/BNV-TĐKT" in page.locator(".stat-preview").inner_text()
    tab.snap("page")

    _choose(tab, "0602", "01/01/2018", "30/06/2018")
    preview = page.locator(".stat-preview").inner_text()
    assert "Biểu số 0602.N/BNV-TĐKT" in preview
    assert "Kỳ báo cáo: từ ngày 01/01/2018 đến ngày 30/06/2018" in preview
    # Columns: total, 12 medals (collective, person), 3 blank prizes, Cờ CP, Bằng khen TTg (collective, person)…
    total = _cells(page, "01")
    assert total[0] == "3" and total[-5:-3] == ["1", "2"]
    assert _cells(page, "06")[0] == "1"  # collectives
    assert _cells(page, "09")[0] == "2"  # individuals
    assert _cells(page, "10")[0] == ""  # leaders by level: the system cannot know
    assert _cells(page, "14")[0] == "1"  # people working directly: not leaders
    assert "có 1 người giữ chức vụ lãnh đạo" in preview
    tab.snap("form-0602")

    name, sheet = _download_sheet(tab)
    assert name == "bieu-0602-20180101-20180630.xlsx"
    assert sheet["A1"].value == "Biểu số 0602.N/BNV-TĐKT"
    assert sheet["A6"].value == "Kỳ báo cáo: từ ngày 01/01/2018 đến ngày 30/06/2018"
    first = [sheet.cell(TABLE_FIRST_ROW, c).value for c in range(1, 5)]
    assert first == ["Tổng số", "01", None, 3]

    page.click("text=Tạo bản PDF")
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{plan.pk}/documents/")
    jobs = page.locator("#job-table").inner_text()
    assert "bieu-0602-20180101-20180630.pdf" in jobs
    tab.snap("documents")
    with page.expect_download() as download_info:
        page.click("#job-table a:has-text('Tải về')")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read once
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Biểu số 0602.N/BNV-TĐKT" in text and "Số lượng khen thưởng cấp Nhà nước" in text

    tab.sign_in("thongke", f.PASSWORD)
    tab.go("/")
    page.click("nav a.dropdown-toggle >> text='Khen thưởng'")
    page.click("nav >> text=Báo cáo thống kê")
    page.wait_for_load_state()
    _choose(tab, "0602", "01/01/2018", "31/12/2018")
    assert "Kỳ báo cáo: năm 2018" in page.locator(".stat-preview").inner_text()
    assert _cells(page, "01")[0] == "4"
    assert page.locator("text=Tạo bản PDF").count() == 0
    tab.snap("statistics-officer")
    name, sheet = _download_sheet(tab)
    assert name == "bieu-0602-20180101-20181231.xlsx"
    assert sheet.cell(TABLE_FIRST_ROW, 4).value == 4
