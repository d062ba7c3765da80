"""Issue 13, point 13: notifications. The secretariat returns a registration with a reason; the officer sees the
bell's count, reads the reason in the list and follows the link to the registration sheet."""

import pytest
from django.utils import timezone

from registrations.services import registration_submit
from tests import factories as f
from tests.browser.conftest import SIZES
from tests.factories import full_lines
from units.models import Notification

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

REASON = "Đề nghị đăng ký Chiến sĩ thi đua cơ sở cho đồng chí Bình"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    officer = f.make_user("officer", unit=unit, username="donghung")
    f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, timezone.localdate().year + 1)
    registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff))
    return {"unit": unit, "plan": plan, "officer": officer}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_returned_registration_reaches_the_officer_through_the_bell(journey, world, size):
    plan, unit = world["plan"], world["unit"]
    sheet = f"/plans/{plan.pk}/units/{unit.pk}/registration/"
    secretary = journey(f"notifications-{size}-secretariat")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    secretary.go(sheet)
    secretary.page.fill("#id_reason", REASON)
    secretary.page.click("form[action$='/return/'] [type=submit]")
    secretary.page.wait_for_load_state()
    assert "Đã trả lại bản đăng ký cho đơn vị" in secretary.page.content()

    officer = journey(f"notifications-{size}")
    officer.page.set_viewport_size(SIZES[size])
    officer.sign_in("donghung", f.PASSWORD)
    if size == "phone":
        officer.page.click(".navbar-toggler")  # the bell sits in the menu, by the user's name
        officer.page.wait_for_selector("#main-nav.show")
    bell = officer.page.locator("#notification-bell")
    bell.wait_for(state="visible")
    assert officer.page.locator("#notification-count").inner_text().split()[0] == "1"
    officer.snap("bell")
    officer.page.set_viewport_size(SIZES[size])  # the screenshots leave the tab at desktop width
    bell.click()
    officer.page.wait_for_load_state()
    assert officer.page.locator("h1").inner_text() == "Thông báo"
    row = officer.page.locator("tr.notification-unread")
    assert row.count() == 1
    assert row.inner_text().strip().startswith("Mới")
    assert f"Bản đăng ký thi đua năm {plan.year} bị trả lại để hoàn thiện: {REASON}" in row.inner_text()
    officer.snap("list")
    officer.page.set_viewport_size(SIZES[size])  # the screenshots leave the tab at desktop width
    row.locator("button.notification-link").click()
    officer.page.wait_for_load_state()
    assert officer.page.url.endswith(sheet)
    assert officer.page.locator("#registration-state").inner_text() == "Bị trả lại để sửa"
    assert REASON in officer.page.content()
    assert officer.page.locator("#notification-count").count() == 0  # read: the bell shows no count
    officer.snap("sheet")
    assert Notification.objects.get(user=world["officer"]).read_at is not None
