"""Issue 15, plan III.1 and II.2.5 in a real browser: a district procuracy's officer writes the unit's emulation plan
for the year and submits it with the signed scan (then it is locked); the secretariat sees it on the overview next to
a unit that has sent none (late), returns it with a reason; the officer reads the reason (and the bell), corrects and
submits again; then launches the unit's own short movement, records two people's results, one outstanding, and
finds that person listed with the link to a proposal."""

import datetime

import pytest

from movements.enums import ReportState
from movements.models import Movement, MovementResult, UnitPlan
from tests import factories as f
from tests.uploads import PDF

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    f.make_staff(unit, "Phạm Văn Hùng", position="Viện trưởng")
    first = f.make_staff(unit, "Nguyễn Văn An")
    second = f.make_staff(unit, "Trần Thị Bình", gender="female")
    plan = f.make_plan(province, 2018, unit_plan_deadline=datetime.date(2018, 1, 31))
    f.make_user("officer", unit=unit, username="donghung")
    f.make_user("secretariat", province=province, username="thuongtruc")
    return {"plan": plan, "unit": unit, "other": other, "first": first, "second": second}


def submit_plan(page, tab=None):
    """Send asks once first (without JavaScript): the draft is saved and the confirmation says what happens."""
    page.click("main form button[name=submit]")
    page.wait_for_load_state()
    facts = page.locator("#confirm-facts").inner_text()
    assert "Sau khi gửi, kế hoạch bị khóa: chỉ Thường trực Hội đồng có thể trả lại để sửa." in facts
    assert "Tệp đính kèm:" in facts and ".pdf" in facts
    if tab is not None:
        tab.snap("confirm-send")
    page.click("#submit-confirmation button[name=submit]")
    page.wait_for_load_state()


def test_unit_plan_returned_and_resubmitted_then_own_movement(journey, world, tmp_path):
    plan, unit = world["plan"], world["unit"]
    scan = tmp_path / "ke-hoach-thi-dua-2018.pdf"
    scan.write_bytes(PDF)

    # 1. The officer opens the menu link, writes the plan, attaches the signed scan and submits: it is locked.
    tab = journey("unit-plans")
    page = tab.page
    tab.sign_in("donghung", f.PASSWORD)
    page.click("nav a.dropdown-toggle >> text='Thi đua'")
    page.click("nav >> text='Kế hoạch của đơn vị'")
    page.wait_for_load_state()
    heading = "Kế hoạch công tác thi đua, khen thưởng năm 2018 – Viện kiểm sát nhân dân huyện Đông Hưng"
    assert page.locator("h1").inner_text() == heading
    assert page.locator("#unit-plan-state").inner_text().startswith("Chưa ghi nhận")
    assert "Quá hạn" in page.locator("#unit-plan-state").inner_text()  # 31/01/2018 has passed
    page.fill("#id_number", "05/KH-VKS")
    page.fill("#id_issued_on", "20/01/2018")
    page.fill("#id_signer", "Phạm Văn Hùng")
    page.fill("#id_theme", "Đoàn kết, kỷ cương, trách nhiệm, thi đua hoàn thành xuất sắc nhiệm vụ")
    page.fill("#id_targets", "100% án đình chỉ điều tra đúng pháp luật\n95% kiến nghị được chấp nhận")
    page.set_input_files("#id_files", str(scan))
    tab.snap("form")
    submit_plan(page, tab)
    assert "Đã gửi kế hoạch." in page.content()
    # The targets typed one a line keep their lines through the confirmation.
    assert "100% án đình chỉ điều tra đúng pháp luật<br>95% kiến nghị được chấp nhận" in page.content()
    assert page.locator("#unit-plan-state").inner_text().startswith("Đã gửi")
    assert page.locator("main form button[name=submit]").count() == 0  # locked: no form any more
    assert page.locator("#id_number").count() == 0
    text = page.locator("main").inner_text()
    assert "05/KH-VKS" in text and "20/01/2018" in text and "Phạm Văn Hùng" in text
    assert "95% kiến nghị được chấp nhận" in text and "ke-hoach-thi-dua-2018.pdf" in text
    tab.snap("submitted-locked")
    unit_plan = UnitPlan.objects.get(year_plan=plan, unit=unit)
    assert unit_plan.state == ReportState.SUBMITTED

    # 2. The secretariat's overview: Đông Hưng has sent, Hưng Hà has not and is late; the plan is returned.
    tab.sign_in("thuongtruc", f.PASSWORD)
    page.click("nav a.dropdown-toggle >> text='Thi đua'")
    page.click("nav >> text='Kế hoạch của các đơn vị'")
    page.wait_for_load_state()
    assert "1 đơn vị chưa gửi." in page.locator("main").inner_text()
    rows = page.locator("#unit-plan-table tbody tr")
    sent = rows.filter(has_text="Đông Hưng")
    missing = rows.filter(has_text="Hưng Hà")
    assert "Đã gửi" in sent.inner_text() and "05/KH-VKS – 20/01/2018" in sent.inner_text()
    assert "ke-hoach-thi-dua-2018.pdf" in sent.inner_text()
    assert "Chưa ghi nhận" in missing.inner_text() and "Quá hạn" in missing.inner_text()
    assert "table-warning" in (missing.get_attribute("class") or "")
    tab.snap("overview")
    sent.locator("a", has_text="Đông Hưng").click()
    page.wait_for_load_state()
    assert page.locator("#unit-plan-state").inner_text().startswith("Đã gửi")
    assert page.locator("#id_number").count() == 0  # the secretariat reads, does not write
    page.fill("#id_reason", "Bổ sung chỉ tiêu về công tác kiểm sát thi hành án dân sự.")
    tab.snap("return")
    page.click("#unit-plan-return button[type=submit]")
    page.wait_for_load_state()
    assert "Đã trả lại kế hoạch cho đơn vị." in page.content()
    assert page.locator("#unit-plan-state").inner_text().startswith("Bị trả lại để sửa")
    assert page.locator("#unit-plan-return").count() == 0
    tab.snap("returned")

    # 3. The officer: the bell shows the notice, the page the reason; the plan is corrected and submitted again.
    tab.sign_in("donghung", f.PASSWORD)
    assert page.locator("#notification-count").inner_text().startswith("1")
    tab.go(f"/plans/{plan.pk}/units/{unit.pk}/plan/")
    state = page.locator("#unit-plan-state").inner_text()
    assert state.startswith("Bị trả lại để sửa") and "–" not in state  # no sending time on a returned plan
    alert = page.locator("main .alert-warning").inner_text()
    assert alert == "Thường trực Hội đồng trả lại: Bổ sung chỉ tiêu về công tác kiểm sát thi hành án dân sự."
    assert page.locator("#id_number").input_value() == "05/KH-VKS"  # the form keeps what was written
    assert "ke-hoach-thi-dua-2018.pdf" in page.locator("main form").inner_text()  # and the scan already sent
    tab.snap("returned-officer")
    page.fill(
        "#id_targets",
        "100% án đình chỉ điều tra đúng pháp luật\n95% kiến nghị được chấp nhận\n"
        "Kiểm sát 100% quyết định thi hành án dân sự",
    )
    submit_plan(page)
    assert "Đã gửi kế hoạch." in page.content()
    assert page.locator("#unit-plan-state").inner_text().startswith("Đã gửi")
    assert page.locator("main .alert-warning").count() == 0
    assert " – " in page.locator("#unit-plan-state").inner_text()  # sent at
    assert "Kiểm sát 100% quyết định thi hành án dân sự" in page.locator("main").inner_text()
    tab.snap("resubmitted")
    unit_plan.refresh_from_db()
    assert (unit_plan.state, unit_plan.return_reason) == (ReportState.SUBMITTED, "")

    # 4. The unit's own short movement: two people's results, one outstanding and listed for a proposal.
    page.click("nav a.dropdown-toggle >> text='Thi đua'")
    page.click("nav >> text='Phong trào'")
    page.wait_for_load_state()
    page.click("text=Phát động phong trào trong đơn vị")
    page.wait_for_load_state()
    page.fill("#id_name", "Đợt thi đua cao điểm 100 ngày đêm")
    page.select_option("#id_kind", "periodic")
    page.fill("#id_start_date", "01/03/2018")
    page.fill("#id_end_date", "10/06/2018")
    page.fill("#id_theme", "Chào mừng kỷ niệm 58 năm ngày thành lập ngành Kiểm sát nhân dân")
    page.fill("#id_criteria", "Giải quyết án đúng hạn, không có án bị hủy do lỗi chủ quan")
    page.fill("#id_launching_document", "Kế hoạch số 12/KH-VKS ngày 25/02/2018")
    tab.snap("movement-form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu phong trào." in page.content()
    assert "Đơn vị: Viện kiểm sát nhân dân huyện Đông Hưng" in page.locator("main").inner_text()
    assert page.locator("#result-table tbody").inner_text().strip() == "Chưa ghi kết quả nào."
    assert page.locator("#outstanding-people").count() == 0
    movement = Movement.objects.get(unit=unit)
    for person, result, outstanding, ranking in (
        (world["first"], "Giải quyết 24 vụ án, 100% đúng hạn", True, "1"),
        (world["second"], "Giải quyết 15 vụ án đúng hạn", False, "2"),
    ):
        page.click("text=Ghi kết quả")
        page.wait_for_load_state()
        page.select_option("#id_staff", str(person.pk))
        page.fill("#id_result", result)
        if outstanding:
            page.check("#id_outstanding")
        page.fill("#id_ranking", ranking)
        if outstanding:
            tab.snap("result-form")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        assert "Đã lưu kết quả." in page.content()
    table = page.locator("#result-table tbody tr")
    assert table.count() == 2
    assert "Nguyễn Văn An" in table.nth(0).inner_text() and "Xuất sắc" in table.nth(0).inner_text()
    assert "Trần Thị Bình" in table.nth(1).inner_text() and "Xuất sắc" not in table.nth(1).inner_text()
    assert page.locator("#outstanding-people").inner_text() == "Nguyễn Văn An (xếp thứ 1)"
    proposal = page.locator("main a", has_text="Lập đề nghị khen thưởng")
    assert proposal.get_attribute("href") == f"/plans/{plan.pk}/proposals/new/"
    tab.snap("movement-results")
    assert MovementResult.objects.filter(movement=movement, outstanding=True).count() == 1
