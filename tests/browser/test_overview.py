"""Issue 13, items 9, 12 and 14 in a real browser: the secretariat finds the late units, reminds them all at once,
reads the confirmation and finds the reminders on the reminders page; the totals say what they count."""

import datetime

import pytest
from django.utils import timezone

from registrations.models import Reminder
from registrations.reminders import MANUAL
from registrations.services import registration_save_draft, registration_submit
from tests import factories as f
from tests.factories import full_lines

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db):
    """The 2018 plan, long past its deadline: one district submitted, one drafting, one never started."""
    province = f.make_province()
    f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, 2018)
    units = [
        f.make_unit(province, f"Viện kiểm sát nhân dân huyện {name}", order=i + 1)
        for i, name in enumerate(["Đông Hưng", "Hưng Hà", "Vũ Thư"])
    ]
    when = timezone.make_aware(datetime.datetime(2018, 1, 12, 9, 0))
    for unit in units:
        f.make_officer(unit)
    staff = [f.make_staff(units[0]) for _ in range(2)]
    registration_submit(
        unit=units[0], year_plan=plan, actor=units[0].officers.get(), lines=full_lines(units[0], staff), now=when
    )
    drafting = [f.make_staff(units[1]) for _ in range(3)]
    registration_save_draft(
        unit=units[1], year_plan=plan, actor=units[1].officers.get(), lines=full_lines(units[1], drafting), now=when
    )
    # The province's own office has submitted too, so that the late units are the two districts.
    registration_submit(
        unit=province, year_plan=plan, actor=f.make_officer(province), lines=full_lines(province, []), now=when
    )
    return {"plan": plan, "units": units}


def test_secretariat_filters_late_units_and_reminds_them_all(journey, world):
    plan, units = world["plan"], world["units"]
    tab = journey("overview-remind")
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/plans/{plan.pk}/registrations/")
    page = tab.page
    assert page.locator("#late-count").inner_text() == "Quá hạn: 2"
    # Totals say what they count: 2 LĐTT submitted, 5 with the draft.
    assert "chỉ bản đã gửi, như văn bản tổng hợp" in page.locator("#total-submitted").inner_text()
    assert "tính cả bản đang soạn" in page.locator("#total-all").inner_text()
    tab.snap("overview")
    page.check("#filter-late")
    page.click("#overview-filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("#overview-table tbody tr")
    assert rows.count() == 2
    assert "Hưng Hà" in rows.nth(0).inner_text() and "Đang soạn" in rows.nth(0).inner_text()
    assert "Vũ Thư" in rows.nth(1).inner_text() and "Chưa bắt đầu" in rows.nth(1).inner_text()
    assert rows.nth(0).locator(".badge", has_text="Quá hạn").count() == 1
    assert "Đông Hưng" not in page.locator("#overview-table tbody").inner_text()
    assert page.locator("#shown-count").inner_text() == "Đang xem 2/4 đơn vị."
    tab.snap("late-only")
    page.click("#remind-all")
    page.wait_for_load_state()
    alert = page.locator(".alert-success")
    assert alert.inner_text().strip().startswith("Đã gửi thư nhắc 2 đơn vị:")
    assert "Hưng Hà" in alert.inner_text() and "Vũ Thư" in alert.inner_text()
    assert page.locator("#filter-late").is_checked()  # back to the same filtered view
    tab.snap("reminded")
    assert sorted(Reminder.objects.filter(days_before=MANUAL).values_list("unit_id", flat=True)) == sorted(
        [units[1].pk, units[2].pk]
    )
    page.click("text=Nhắc hạn đã gửi")
    page.wait_for_load_state()
    table = page.locator("#reminder-table").inner_text()
    assert table.count("Thường trực nhắc ngay") == 2
    assert "Hưng Hà" in table and "Vũ Thư" in table and "Đông Hưng" not in table
    assert "chưa chạy lần nào" in page.locator("#job-last-run").inner_text()
    tab.snap("reminders-page")
