"""Issue 14: the secretariat edits the scoring sheet on a page of the application (no more admin, no 403): from the
scoring page's "Sửa bảng chấm điểm", an invalid maximum shows its error beside the field with what was typed
kept, a valid one is saved."""

import pytest

from movements.models import ScoringCriterion
from movements.scoring import scoring_sheet_create
from tests import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, 2018)
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    return {"plan": plan, "sheet": sheet}


def test_secretariat_edits_the_scoring_sheet_in_the_application(journey, world):
    criterion = ScoringCriterion.objects.get(group__sheet=world["sheet"], name__startswith="Hoàn thành các chỉ tiêu")
    tab = journey("scoring-sheet")
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/scoring/")
    tab.page.get_by_role("link", name="Sửa bảng chấm điểm").click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(f"/plans/{world['plan'].pk}/scoring/sheet/")
    assert tab.page.locator("h1").inner_text() == "Sửa bảng chấm điểm thi đua năm 2018"
    cards = tab.page.locator("#sheet-criteria .card")
    index = next(
        i for i in range(cards.count()) if cards.nth(i).locator("textarea").first.input_value() == criterion.name
    )
    points = tab.page.locator(f"#id_criteria-{index}-max_points")
    assert points.input_value() == "32"
    tab.snap("sheet")
    points.fill("0")
    tab.page.fill(f"#id_criteria-{index}-name", "Hoàn thành chỉ tiêu nghiệp vụ")
    tab.page.get_by_role("button", name="Lưu bảng chấm điểm").click()
    tab.page.wait_for_load_state()
    error = tab.page.locator(f"#id_criteria-{index}-max_points_error")
    assert error.inner_text() == "Điểm tối đa phải lớn hơn 0." and error.is_visible()
    assert tab.page.locator(f"#id_criteria-{index}-max_points").get_attribute("aria-invalid") == "true"
    assert tab.page.input_value(f"#id_criteria-{index}-max_points") == "0"
    assert tab.page.input_value(f"#id_criteria-{index}-name") == "Hoàn thành chỉ tiêu nghiệp vụ"
    box, field = error.bounding_box(), tab.page.locator(f"#id_criteria-{index}-max_points").bounding_box()
    assert 0 <= box["y"] - (field["y"] + field["height"]) < 30  # right under its field
    tab.snap("error-beside-field")
    tab.page.fill(f"#id_criteria-{index}-max_points", "30,5")
    tab.page.get_by_role("button", name="Lưu bảng chấm điểm").click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(f"/plans/{world['plan'].pk}/scoring/")
    assert "Đã lưu bảng chấm điểm." in tab.page.locator("main").inner_text()
    row = tab.page.locator("#sheet-table tr", has_text="Hoàn thành chỉ tiêu nghiệp vụ")
    assert "30,5" in row.inner_text()
    tab.snap("saved")
    criterion.refresh_from_db()
    assert str(criterion.max_points) == "30.50"
