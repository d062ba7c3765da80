"""Issue 14, phone and accessibility: at 390 px the registration sheet, the council meeting and the secretariat's
dashboard fit the screen (tables as stacked cards, charts scrolling at their drawn size with a hint, labels of 11 px
and more), the skip link is the first stop of the keyboard, and axe-core finds nothing serious (every snap)."""

import datetime

import pytest
from django.utils import timezone

from awards.models import AgendaItem
from awards.services.council import agenda_add, meeting_create, tally_record
from movements.scoring import scoring_sheet_create
from tests import factories as f
from tests.browser.conftest import SIZES
from tests.factories import accept_all, propose, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = SIZES["phone"]["width"]

# Every visible cell of every stacked table, with its box, its label and its text.
STACKED_CELLS = """() => Array.from(document.querySelectorAll("table.table-stacked > tbody > tr > *"))
  .filter((cell) => getComputedStyle(cell).display !== "none")
  .map((cell) => {
    const box = cell.getBoundingClientRect();
    return {left: box.left, right: box.right, width: box.width, label: cell.dataset.label || "",
            colspan: cell.colSpan, text: cell.innerText.trim().slice(0, 40)};
  })"""

# Each chart text's size as drawn: its font size times the SVG's scale on the screen.
CHART_LABELS = """() => Array.from(document.querySelectorAll(".chart svg")).flatMap((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("text")).map((text) => ({
    text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale}));
})"""


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Quỳnh Phụ")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Thị Thanh Hương", "Trần Văn Bình", "Lê Đức Cường")]
    officer = f.make_user("officer", unit=unit, username="donghung")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    past = f.make_plan(province, 2018)
    register(unit, past, {})
    register(other, past, {})
    lines = propose(unit, past, [(person, "LDTT", []) for person in staff], actor=officer)
    accept_all(lines, secretariat)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    meeting = meeting_create(
        year_plan=past,
        actor=secretariat,
        held_at=timezone.make_aware(datetime.datetime(2018, 12, 20, 8, 0)),
        members=[(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(5)],
    )
    agenda_add(meeting=meeting, lines=lines, actor=secretariat)
    first = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    tally_record(item=first, actor=secretariat, yes=4, no=1, blank=0)
    scoring_sheet_create(year_plan=past, actor=secretariat)
    return {
        "unit": unit,
        "staff": staff,
        "past": past,
        "open": f.make_plan(province, timezone.localdate().year + 1),
        "meeting": meeting,
    }


def phone(tab):
    tab.page.set_viewport_size(SIZES["phone"])


def assert_fits_the_phone(tab, *, stacked=True):
    page = tab.page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE
    cells = page.evaluate(STACKED_CELLS)
    if stacked:
        assert cells, "no stacked table on the page"
    for cell in cells:
        assert cell["left"] >= 0 and cell["right"] <= PHONE, cell
        assert cell["width"] >= 0.75 * PHONE - 48, cell  # a cell takes the card's width: no word-per-line column
        assert cell["label"] or cell["colspan"] > 1, cell
    return cells


def test_the_sheet_the_meeting_and_the_dashboard_on_a_phone(journey, world):
    unit, staff, plan = world["unit"], world["staff"], world["open"]
    tab = journey("phone")
    page = tab.page
    tab.sign_in("donghung", f.PASSWORD)
    phone(tab)

    # The skip link: the keyboard's first stop, visible when focused, and it leads into the page's content.
    tab.go(f"/plans/{plan.pk}/units/{unit.pk}/registration/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua đến nội dung chính"
    box = page.locator(".skip-link").bounding_box()
    assert box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"

    # The registration sheet: each person a card, the reason for not registering on screen under its name.
    cells = assert_fits_the_phone(tab)
    labels = {cell["label"] for cell in cells}
    assert {"Đối tượng", "Danh hiệu đăng ký", "Lý do nếu không đăng ký"} <= labels, labels
    reason = page.locator(f"#id_reason_{staff[0].pk}").bounding_box()
    assert reason["x"] >= 0 and reason["x"] + reason["width"] <= PHONE and reason["width"] > 200
    assert page.locator("caption", has_text="Danh sách đăng ký").count() == 1
    tab.snap("sheet")

    # The council meeting: the tally cell is as wide as the card, the count on one line.
    tab.sign_in("thuongtruc", f.PASSWORD)
    phone(tab)
    tab.go(f"/meetings/{world['meeting'].pk}/")
    cells = assert_fits_the_phone(tab)
    tally = next(cell for cell in cells if cell["label"] == "Kiểm phiếu")  # the first line, counted 4 to 1
    assert tally["width"] > 300
    line_height = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('tr.agenda-item td:last-child')).lineHeight)"
    )
    tally_first_line = (
        page.locator("tr.agenda-item")
        .first.locator("td")
        .last.evaluate(
            "(cell) => { const r = document.createRange(); r.selectNodeContents(cell.firstChild); "
            "return r.getClientRects().length; }"
        )
    )
    assert line_height > 0 and tally_first_line <= 2  # "… 4 · … 1 · Phiếu trắng 0" is not a word per line
    tab.snap("meeting")

    # The dashboard: charts keep their size and scroll, with the hint; every label at least 11 px.
    phone(tab)  # snap() leaves the desktop size
    tab.go(f"/plans/{world['past'].pk}/dashboard/")
    assert_fits_the_phone(tab, stacked=False)
    labels = page.evaluate(CHART_LABELS)
    assert labels and min(label["px"] for label in labels) >= 11, sorted(labels, key=lambda x: x["px"])[:3]
    hints = page.locator(".scroll-hint:visible")
    assert hints.count() >= 1 and hints.first.inner_text() == "Vuốt ngang để xem thêm →"
    scroller = page.locator(".chart-scroll.is-overflowing").first
    assert scroller.get_attribute("tabindex") == "0" and scroller.get_attribute("aria-label")
    tab.snap("dashboard")
    # At desktop width nothing scrolls there, and no hint is shown.
    assert page.locator(".chart-scroll.is-overflowing").count() == 0
    assert page.locator(".scroll-hint:visible").count() == 0

    for where in ("sheet", "meeting", "dashboard"):
        assert not [v for v in tab.violations if v["where"].startswith(where)], tab.accessibility_report()
