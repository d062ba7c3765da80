"""Issue 15, plan II.2.7 in a real browser: a district procuracy's officer records an article by the unit's head
(author chosen in the searchable picker, outlet, date, scan), the secretariat sees it in the province's list and in
the counts per unit and per leader, and the officer deletes one after the confirmation page."""

import datetime

import pytest

from tests import factories as f
from units.articles import article_create
from units.models import Article

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    head = f.make_staff(unit, "Phạm Văn Trưởng", position="Viện trưởng")
    f.make_staff(unit, "Trần Thị Bình", gender="female")
    deputy = f.make_staff(other, "Vũ Thị Phó", position="Phó Viện trưởng", gender="female")
    officer = f.make_user("officer", unit=unit, username="donghung")
    other_officer = f.make_user("officer", unit=other, username="hungha")
    f.make_user("secretariat", province=province, username="thuongtruc")
    article_create(
        unit=other,
        actor=other_officer,
        authors=[deputy],
        kind="article",
        title="Kinh nghiệm kiểm sát án dân sự về tranh chấp đất đai",
        outlet="journal",
        outlet_name="Tạp chí Kiểm sát số 20/2018",
        published_on=datetime.date(2018, 10, 22),
    )
    old = article_create(
        unit=unit,
        actor=officer,
        authors=[head],
        kind="news",
        title="Tin ghi nhầm cần xóa",
        outlet="sector_website",
        published_on=datetime.date(2018, 2, 1),
    )
    return {"unit": unit, "head": head, "old": old}


def pick(page, field, typed, label):
    control = page.locator(f"#{field}-ts-control")
    control.click()
    control.press_sequentially(typed)
    page.locator(f"#{field}-ts-dropdown .option", has_text=label).first.click()


def test_articles_by_unit_leaders(journey, world, tmp_path):
    tab = journey("articles-officer")
    page = tab.page
    tab.sign_in("donghung", f.PASSWORD)
    tab.go("/articles/")
    assert "Tin ghi nhầm cần xóa" in page.locator("#article-table").inner_text()
    assert "tranh chấp đất đai" not in page.locator("#article-table").inner_text()  # another unit's
    tab.snap("list")
    page.click("#article-add")
    page.wait_for_load_state()
    page.select_option("#id_kind", "research")
    page.fill("#id_title", "Áp dụng biện pháp ngăn chặn đối với người chưa thành niên")
    pick(page, "id_authors", "truong", "Phạm Văn Trưởng")
    page.select_option("#id_outlet", "journal")
    page.fill("#id_outlet_name", "Tạp chí Kiểm sát số 18/2018")
    page.fill("#id_published_on", "18/09/2018")
    scan = tmp_path / "bai-bao.pdf"
    scan.write_bytes(b"%PDF-1.4 test")
    page.set_input_files("#id_files", str(scan))
    tab.snap("form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu tin, bài." in page.content()
    table = page.locator("#article-table").inner_text()
    assert "Áp dụng biện pháp ngăn chặn" in table and "Tạp chí (Tạp chí Kiểm sát số 18/2018)" in table
    assert "bai-bao.pdf" in table
    tab.snap("saved")

    old = world["old"]
    page.locator(f"#article-{old.pk}").get_by_role("link", name="Xóa").click()
    page.wait_for_load_state()
    assert "Tin ghi nhầm cần xóa" in page.locator("main").inner_text()
    tab.snap("confirm-delete")
    page.get_by_role("button", name="Đồng ý xóa").click()
    page.wait_for_load_state()
    assert "Đã xóa tin, bài." in page.content()
    assert not Article.objects.filter(pk=old.pk).exists()

    secretary = journey("articles-secretariat")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    secretary.go("/articles/")
    table = secretary.page.locator("#article-table").inner_text()
    assert "Áp dụng biện pháp ngăn chặn" in table and "tranh chấp đất đai" in table
    secretary.snap("province-list")
    secretary.page.get_by_role("link", name="Số tin, bài theo đơn vị và theo lãnh đạo").click()
    secretary.page.wait_for_load_state()
    units = secretary.page.locator("#article-units").inner_text()
    assert "Viện kiểm sát nhân dân huyện Đông Hưng" in units and "Viện kiểm sát nhân dân huyện Hưng Hà" in units
    leaders = secretary.page.locator("#article-leaders").inner_text()
    assert "Phạm Văn Trưởng" in leaders and "Vũ Thị Phó" in leaders
    secretary.snap("counts")
