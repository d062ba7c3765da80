"""Issue 15, the reviews (plan II.2.8) in a real browser: the officer reads the unit's year-end figures, downloads
the .docx and the PDF; the secretariat switches to the six-month review of the province, opens a unit's and has
the PDF generated on the documents page."""

import datetime
import io

import pytest
from docx import Document
from pypdf import PdfReader

from movements.services import pledge_save
from tests import factories as f
from tests.factories import award, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    officer = f.make_user("officer", unit=unit, username="donghung")
    f.make_user("secretariat", province=province, username="thuongtruc")
    f.make_plan(province, 2017)
    plan = f.make_plan(province, 2018, number="02/KH-VKS", issued_on=datetime.date(2018, 1, 7))
    head = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng")
    worker = f.make_staff(unit, "Trần Thị Bình", gender="female")
    register(unit, plan, {head: "CSTDCS"})
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 2, 1),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    award(head, "CSTDCS", 2018)
    award(worker, "LDTT", 2018)
    award(worker, "LDTT", 2017)
    return {"plan": plan, "unit": unit}


def test_reviews_downloaded_as_word_and_pdf(journey, world):
    plan, unit = world["plan"], world["unit"]
    tab = journey("reviews")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(f"/plans/{plan.pk}/units/{unit.pk}/year-review/")
    draft = tab.page.locator("#review-draft")
    assert "Tổng kết công tác thi đua, khen thưởng năm 2018" in tab.page.locator("h1").inner_text()
    assert "Đơn vị ký kết giao ước thi đua ngày 01 tháng 02 năm 2018." in draft.inner_text()
    assert "có 1 lượt (50 %) khen thưởng người lao động trực tiếp" in draft.inner_text()
    tab.snap("unit-review")
    with tab.page.expect_download() as download_info:
        tab.page.click("#review-docx")
    document = Document(download_info.value.path())
    assert download_info.value.suggested_filename == f"bao-cao-tong-ket-thi-dua-2018-{unit.code}.docx"
    assert document.tables[0].rows[0].cells[0].text.split("\n")[1] == "VIỆN KIỂM SÁT NHÂN DÂN HUYỆN ĐÔNG HƯNG"
    assert "I. KẾT QUẢ THỰC HIỆN" in [p.text for p in document.paragraphs]
    with tab.page.expect_download() as download_info:
        tab.page.click("#review-pdf")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read once
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "BÁO CÁO" in text and "Tổng kết công tác thi đua, khen thưởng năm 2018" in text

    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go("/")
    tab.page.click("nav a.dropdown-toggle >> text='Thi đua'")
    tab.page.click("nav >> text=Sơ kết, tổng kết")
    tab.page.wait_for_load_state()
    tab.page.click("text=Sơ kết 6 tháng (đến 30/06)")
    tab.page.wait_for_load_state()
    assert "6 tháng đầu năm 2018" in tab.page.locator("#review-draft").inner_text()
    tab.snap("province-interim")
    tab.page.select_option("#review-unit", label="Viện kiểm sát nhân dân huyện Đông Hưng")
    tab.page.click("#review-unit-form [type=submit]")
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(f"/units/{unit.pk}/year-review/?period=interim")
    tab.page.click("#review-pdf")
    tab.page.wait_for_load_state()
    tab.snap("documents")
    with tab.page.expect_download() as download_info:
        tab.page.click("#job-table a:has-text('Tải về')")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read once
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2018" in text
