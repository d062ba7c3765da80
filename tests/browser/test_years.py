"""Issue 13 item 1 in a real browser: an officer on 01/12/2026 reaches every year from the menu and the plans page."""

import pytest

from tests import factories as f
from tests.factories import local_dt, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path, freeze):
    """The demo's shape: the 2018 plan of the seed (registered and submitted), this year's and next year's."""
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        f.make_staff(unit, name)
    f.make_user("officer", unit=unit, username="donghung")
    plans = {year: f.make_plan(province, year) for year in (2018, 2026, 2027)}
    register(unit, plans[2018], {})
    freeze(local_dt(2026, 12, 1, 9, 0))
    return {"unit": unit, "plans": plans}


def menu_year(page) -> str:
    return page.locator("#year-switcher > a").inner_text().strip()


def open_switcher(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#main-nav.show").wait_for()
    page.locator("#year-switcher > a").click()
    page.locator("#year-switcher .dropdown-menu.show").wait_for()


def test_an_officer_reaches_every_year_from_the_menu_and_the_plans_page(journey, world):
    plans, unit = world["plans"], world["unit"]
    tab = journey("years")
    tab.sign_in("donghung", f.PASSWORD)
    page = tab.page
    # On 01/12/2026 the work open now is 2027's registration (until 17/01/2027).
    assert page.url.endswith(f"/plans/{plans[2027].pk}/units/{unit.pk}/registration/")
    assert menu_year(page) == "Năm 2027"
    assert "Đăng ký danh hiệu thi đua năm 2027" in page.content()

    open_switcher(page)
    items = page.locator("#year-switcher .dropdown-item").all_inner_texts()
    assert [item.strip() for item in items] == ["Năm 2027", "Năm 2026", "Năm 2018", "Tất cả các năm"]
    tab.snap("switcher-open")
    page.locator("#year-switcher .dropdown-item", has_text="Năm 2018").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{plans[2018].pk}/units/{unit.pk}/registration/")
    assert "Đăng ký danh hiệu thi đua năm 2018" in page.content()
    assert page.locator("#registration-state").inner_text() == "Đã gửi"
    assert menu_year(page) == "Năm 2018"  # the menu follows the page, and its links point to 2018
    page.locator("a.nav-link", has_text="Thi đua").first.click()
    pledge = page.locator(".dropdown-menu.show a.dropdown-item", has_text="Giao ước").get_attribute("href")
    assert pledge == f"/plans/{plans[2018].pk}/units/{unit.pk}/pledge/"
    tab.snap("registration-2018")

    open_switcher(page)
    page.locator("#year-switcher .dropdown-item", has_text="Tất cả các năm").click()
    page.wait_for_load_state()
    rows = page.locator("tbody tr th").all_inner_texts()
    assert [row.split()[0] for row in rows] == ["2027", "2026", "2018"]
    assert "Năm đang làm việc" in page.locator("#plan-2027").inner_text()
    assert "Đang nhận đăng ký" in page.locator("#plan-2027").inner_text()
    assert page.locator("text=Sửa").count() == 0  # the plan form stays the secretariat's
    tab.snap("plans-page")
    page.locator("#plan-2026 a", has_text="Đề nghị khen thưởng").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{plans[2026].pk}/proposals/")
    assert "Đề nghị khen thưởng năm 2026" in page.content()
    assert menu_year(page) == "Năm 2026"
    tab.snap("proposals-2026")


def test_the_year_switcher_at_phone_width(journey, world):
    plans, unit = world["plans"], world["unit"]
    tab = journey("years-phone")
    tab.page.set_viewport_size({"width": 390, "height": 844})
    tab.sign_in("donghung", f.PASSWORD)
    page = tab.page
    open_switcher(page)  # through the collapsed menu's button
    assert page.locator("#year-switcher .dropdown-item", has_text="Năm 2018").is_visible()
    tab.snap("switcher-phone")  # the phone shot first, with the menu open
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#year-switcher .dropdown-item", has_text="Năm 2026").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{plans[2026].pk}/units/{unit.pk}/registration/")
    assert "Đăng ký danh hiệu thi đua năm 2026" in page.content()
    page.set_viewport_size({"width": 390, "height": 844})
    open_switcher(page)
    page.locator("#year-switcher .dropdown-item", has_text="Tất cả các năm").click()
    page.wait_for_load_state()
    row = page.locator("#plan-2026")
    assert row.locator("a", has_text="Chấm điểm thi đua").get_attribute("href") == (
        f"/plans/{plans[2026].pk}/units/{unit.pk}/score/"
    )
    tab.snap("plans-page-phone")
