"""Issue 13, item 3 in a real browser: the unit keeps its staff one person at a time, the secretariat filters the
province's staff by unit and moves a person."""

import datetime

import pytest

from tests import factories as f
from units.models import Staff

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    staff = [f.make_staff(unit, "Trần Thị Bình", gender="female"), f.make_staff(unit, "Lê Đức Cường")]
    namesake = f.make_staff(other, "Nguyễn Văn An", date_of_birth=datetime.date(1980, 3, 12))
    mover = f.make_staff(other, "Phạm Văn Khách")
    f.make_user("officer", unit=unit, username="donghung")
    f.make_user("secretariat", province=province, username="thuongtruc")
    return {"unit": unit, "other": other, "staff": staff, "namesake": namesake, "mover": mover}


def test_an_officer_adds_edits_and_marks_leaving(journey, world):
    tab = journey("staff-officer")
    page = tab.page
    tab.sign_in("donghung", f.PASSWORD)
    tab.go("/staff/")
    page.click("#staff-add")
    page.fill("#id_full_name", "Nguyễn Văn An")
    page.select_option("#id_gender", "male")
    page.fill("#id_date_of_birth", "12/03/1980")
    page.fill("#id_position", "Kiểm sát viên")
    page.fill("#id_rank", "Kiểm sát viên sơ cấp")
    page.fill("#id_joined_procuracy_on", "01/09/2005")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    warning = page.locator("#staff-form .alert").inner_text()
    assert "Có thể trùng với: Nguyễn Văn An (Viện kiểm sát nhân dân huyện Hưng Hà, sinh 12/03/1980)" in warning
    tab.snap("namesake-warning")
    page.check("#id_add_anyway")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã thêm Nguyễn Văn An vào Viện kiểm sát nhân dân huyện Đông Hưng." in page.content()
    assert Staff.objects.filter(full_name="Nguyễn Văn An").count() == 2
    tab.snap("added")

    binh = world["staff"][0]
    page.locator(f"#staff-{binh.pk}").get_by_role("link", name="Sửa").click()
    page.wait_for_load_state()
    assert page.input_value("#id_joined_procuracy_on") == "01/01/2010"
    assert page.get_by_role("link", name="Ghi nhận nghỉ dài ngày").is_visible()
    page.fill("#id_joined_procuracy_on", "15/08/2008")
    tab.snap("edit")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu thay đổi thông tin của Trần Thị Bình." in page.content()
    binh.refresh_from_db()
    assert binh.joined_procuracy_on == datetime.date(2008, 8, 15)

    cuong = world["staff"][1]
    page.locator(f"#staff-{cuong.pk}").get_by_role("link", name="Thôi công tác").click()
    page.wait_for_load_state()
    page.fill("#id_left_on", "01/01/2009")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Ngày nghỉ không được trước ngày vào ngành (01/01/2010)." in page.content()
    page.fill("#id_left_on", "30/06/2026")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã ghi nhận Lê Đức Cường thôi công tác từ ngày 30/06/2026." in page.content()
    assert "Nghỉ từ 30/06/2026" in page.locator(f"#staff-{cuong.pk}").inner_text()
    tab.snap("left")


def test_the_secretariat_filters_by_unit_and_moves_a_person(journey, world):
    tab = journey("staff-secretariat")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go("/staff/")
    page.select_option("#id_unit", label="Viện kiểm sát nhân dân huyện Hưng Hà")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert "Phạm Văn Khách" in rows.all_inner_texts()[1] and "Trần Thị Bình" not in page.content()
    tab.snap("filtered")
    mover = world["mover"]
    page.locator(f"#staff-{mover.pk}").get_by_role("link", name="Điều chuyển").click()
    page.wait_for_load_state()
    page.select_option("#id_unit", label="Viện kiểm sát nhân dân huyện Đông Hưng")
    tab.snap("move")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã điều chuyển Phạm Văn Khách sang Viện kiểm sát nhân dân huyện Đông Hưng." in page.content()
    mover.refresh_from_db()
    assert mover.unit == world["unit"]
    page.select_option("#id_unit", label="Viện kiểm sát nhân dân huyện Đông Hưng")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    assert "Phạm Văn Khách" in page.locator(f"#staff-{mover.pk}").inner_text()
    page.locator(f"#staff-{mover.pk}").get_by_role("link", name="Phạm Văn Khách").click()
    page.wait_for_load_state()
    assert "Phạm Văn Khách" in page.locator("h1").inner_text()
