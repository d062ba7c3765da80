"""Issue 16 in a real browser: from an issued decision the secretariat opens "In giấy khen, bằng khen", moves the
text on the paper, opens the preview, prints all after the confirmation naming the register numbers, and downloads
the PDF: one landscape A4 page per award with its number; an officer has no such page."""

import io

import pdfplumber
import pytest

from awards.models import AwardRecord, CertificateLayout
from tests import factories as f
from tests.awards.test_certificates import decision_of_unit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    people = [
        f.make_staff(unit, "Nguyễn Văn An", position="Kiểm sát viên"),
        f.make_staff(unit, "Trần Thị Bình", gender="female"),
        f.make_staff(unit, "Lê Đức Cường"),
    ]
    plan = f.make_plan(province, 2018)
    f.make_user("officer", unit=unit, username="donghung")
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    return {"plan": plan, "decision": decision_of_unit(unit, plan, secretary, people)}


def test_secretariat_adjusts_previews_and_prints_the_certificates(journey, world):
    decision = world["decision"]
    tab = journey("certificates")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/decisions/{decision.pk}/")
    page.click("#decision-certificates")
    page.wait_for_load_state()
    assert "Sẽ cấp số vào sổ từ 1 đến 4 năm 2018 cho 4 giấy chứng nhận danh hiệu" in page.inner_text(
        "#certificate-numbers"
    )
    tab.snap("layout")

    page.fill("#id_offset_x_mm", "3,5")
    page.fill("#id_offset_y_mm", "-2")
    page.click("#certificate-layout button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu bố cục" in page.content()
    layout = CertificateLayout.objects.get()
    assert (str(layout.offset_x_mm), str(layout.offset_y_mm)) == ("3.5", "-2.0")
    assert page.input_value("#id_offset_x_mm") == "3,5"

    preview = page.request.get(tab.base_url + page.get_attribute("#certificate-preview", "href"))
    assert preview.headers["content-type"] == "application/pdf"
    pages = pdfplumber.open(io.BytesIO(preview.body())).pages
    assert len(pages) == 3 and "GIẤY CHỨNG NHẬN" in pages[1].extract_text()
    assert not AwardRecord.objects.filter(register_number__isnull=False).exists()

    page.click("#certificate-print")
    page.wait_for_load_state()
    assert "số đã cấp không đổi" in page.inner_text("#print-numbers")
    tab.snap("confirm")
    page.click("#confirm-print")
    page.wait_for_load_state()
    assert sorted(AwardRecord.objects.values_list("register_number", flat=True)) == [1, 2, 3, 4]
    tab.go(f"/plans/{world['plan'].pk}/documents/")
    tab.snap("documents")
    with page.expect_download() as download_info:
        page.click("text=Tải về")
    printed = pdfplumber.open(download_info.value.path()).pages
    assert [(round(p.width), round(p.height)) for p in printed] == [(842, 595)] * 4
    assert "Ông Nguyễn Văn An" in printed[1].extract_text() and "Số vào sổ: 2" in printed[1].extract_text()
    assert "GIẤY CHỨNG NHẬN" not in printed[1].extract_text()

    tab.go(f"/award-history/people/{decision.awards.get(register_number=2).staff_id}/")
    assert "số vào sổ 2" in page.content()
    tab.snap("person")

    officer = journey("certificates-officer")
    officer.sign_in("donghung", f.PASSWORD)
    # Asked without a page load (a 404 page would be logged as a console error).
    response = officer.page.request.get(officer.base_url + f"/decisions/{decision.pk}/certificates/")
    assert response.status == 404
