"""Issue 15, plan II.2.3 in a real browser: the statistics officer lands on the units' data entry, takes this
month's snapshot (one unit fell behind since a staff record without a rank was added), sends the notice, downloads
the PDF and reads the registration overview without any write button."""

import datetime

import pytest
from django.utils import timezone

from reports.monitoring_services import snapshot_take
from tests import factories as f
from units.enums import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=1)
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=2)
    f.make_staff(unit, "Nguyễn Văn An")
    f.make_staff(other, "Trần Thị Bình", gender="female")
    f.make_officer(unit)
    plan = f.make_plan(province, today.year)
    statistics = f.make_user(Role.STATISTICS, province=province, username="thongke")
    for month in (today.month - 2, today.month - 1):
        if month >= 1:
            snapshot_take(plan=plan, period=datetime.date(today.year, month, 1), actor=statistics)
    f.make_staff(unit, "Lê Đức Cường", rank="")  # arrived; the rank not entered yet
    return {"plan": plan, "today": today}


def test_statistics_officer_follows_the_units_data_entry(journey, world):
    tab = journey("monitoring-statistics")
    page = tab.page
    tab.sign_in("thongke", f.PASSWORD)
    page.wait_for_selector("#monitoring-table")
    assert "Theo dõi cập nhật dữ liệu của các đơn vị" in page.inner_text("h1")
    tab.snap("trend-before")

    page.click("#take-snapshot")
    page.wait_for_load_state()
    month = f"{world['today']:%m/%Y}"
    assert f"Đã chốt số liệu tháng {month}" in page.inner_text("main")
    row = page.locator("#monitoring-table tbody tr", has_text="huyện Đông Hưng")
    if world["today"].month > 1:
        assert "Giảm so với kỳ trước" in row.inner_text()
        assert "1 đơn vị giảm trong tháng" in page.inner_text("#behind-count")
    assert " %" in row.inner_text() and "." not in row.locator("td").last.inner_text().split("%")[0]
    tab.snap("snapshot-taken")

    page.click("#send-notice")
    page.wait_for_load_state()
    assert f"Đang tạo thông báo tháng {month}" in page.inner_text("main")
    link = page.locator("#notices a", has_text="thong-bao-cap-nhat-du-lieu")
    link.wait_for()
    tab.snap("notice-sent")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("thong-bao-cap-nhat-du-lieu-")

    tab.go(f"/plans/{world['plan'].pk}/registrations/")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Nhắc ngay" not in main and "Gia hạn" not in main
    tab.snap("overview-read-only")
