"""Issue 13, points 2, 4, 6 and 14 on the registration sheet, in a real browser: an officer applies one title to
everyone not yet filled, sees what sending will do and sends, downloads the unit's .xlsx and the printable form;
a person added afterwards shows on the submitted sheet as "cần đăng ký bổ sung" and the 2018 sheet stays as it was."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from registrations.models import Registration
from tests import factories as f
from tests.factories import register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"


@pytest.fixture
def world(transactional_db):
    """As in test_journeys: a unit of three, its officer, the secretariat, 2018 (past) and next year (open)."""
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    return {
        "unit": unit,
        "staff": staff,
        "officer": f.make_user("officer", unit=unit, username="donghung"),
        "secretariat": f.make_user("secretariat", province=province, username="thuongtruc"),
        "closed": f.make_plan(province, 2018),
        "open": f.make_plan(province, timezone.localdate().year + 1),
    }


def test_officer_applies_to_all_confirms_sends_and_exports(journey, world):
    unit, staff, past, plan = world["unit"], world["staff"], world["closed"], world["open"]
    register(unit, past, {staff[0]: "CSTDCS"})
    sheet_2018 = f"/plans/{past.pk}/units/{unit.pk}/registration/"
    sheet = f"/plans/{plan.pk}/units/{unit.pk}/registration/"

    tab = journey("registration-sheet")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(sheet)
    page = tab.page
    page.select_option("#id_title_unit", label="Tập thể lao động tiên tiến")
    page.select_option(f"#id_title_{staff[0].pk}", label="Chiến sĩ thi đua cơ sở")
    page.select_option("#id_apply_title", label="Lao động tiên tiến")
    page.click("text=Áp dụng danh hiệu này cho tất cả")
    page.wait_for_load_state()
    assert "Đã áp dụng “Lao động tiên tiến” cho 2 người chưa điền" in page.content()
    ldtt = str(f.title("LDTT").pk)
    assert page.input_value(f"#id_title_{staff[1].pk}") == ldtt
    assert page.input_value(f"#id_title_{staff[2].pk}") == ldtt
    assert page.input_value(f"#id_title_{staff[0].pk}") == str(f.title("CSTDCS").pk)  # filled: unchanged
    tab.snap("applied-to-all")

    page.click("button[name=submit]")
    page.wait_for_load_state()
    confirmation = page.locator("#submit-confirmation")
    text = confirmation.inner_text()
    assert "Gửi bản đăng ký?" in text and "3 cá nhân" in text
    assert "Chiến sĩ thi đua cơ sở: 1" in text and "Lao động tiên tiến: 2" in text
    assert world["officer"].email in text and world["secretariat"].email in text
    assert "bị khóa" in text
    assert Registration.objects.get(year_plan=plan).state == "draft"  # the draft saved by apply-to-all
    tab.snap("confirm-sending")
    page.click("text=Đồng ý, gửi đăng ký")
    page.wait_for_load_state()
    assert page.locator("#registration-state").inner_text() == "Đã gửi"
    assert Registration.objects.get(year_plan=plan).state == "submitted"

    with page.expect_download() as download_info:
        page.click("#sheet-exports >> text=Xuất")
    download = download_info.value
    assert download.suggested_filename == f"dang-ky-thi-dua-{plan.year}-{unit.code}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames == [f"Đăng ký {plan.year}"]
    names = [row[1] for row in workbook.active.iter_rows(min_row=5, values_only=True)]
    assert names == [p.full_name for p in staff]

    href = page.locator("#sheet-exports >> text=Phiếu đăng ký").get_attribute("href")
    response = page.request.get(tab.base_url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    (ARTIFACTS / "registration-form.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "PHIẾU ĐĂNG KÝ THI ĐUA" in text and "Trần Thị Bình" in text

    # A person put on the roster after the submission.
    f.make_staff(unit, "Phạm Văn Mới")
    tab.go(sheet)
    row = page.locator("#registration-lines tr", has_text="Phạm Văn Mới")
    assert "cần đăng ký bổ sung" in row.inner_text()
    assert "chưa điền" not in page.locator("#registration-lines").inner_text()
    assert page.locator("#supplementary-candidates").is_visible()
    tab.snap("newcomer-needs-supplementary")
    tab.go(sheet_2018)
    lines = page.locator("#registration-lines").inner_text()
    assert "Phạm Văn Mới" not in lines and "chưa điền" not in lines and "cần đăng ký bổ sung" not in lines
    assert re.search(r"Nguyễn Văn An\s+Kiểm sát viên\s+Chiến sĩ thi đua cơ sở", lines)
    tab.snap("past-sheet-unchanged")
