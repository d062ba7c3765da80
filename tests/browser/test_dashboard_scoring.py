"""Issue 13, points 8, 10 and 11 in a real browser: the secretariat's dashboard answers first and its chart has
no negative number; the officer's scoring sheet keeps what was typed, "7,5" included."""

import datetime

import pytest

from movements.scoring import scoring_sheet_create, sheet_criteria
from registrations.services import registration_submit
from tests import factories as f
from tests.factories import full_lines

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    f.make_user("officer", unit=unit, username="donghung")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, 2018)
    registration_submit(
        unit=other,
        year_plan=plan,
        actor=f.make_officer(other),
        lines=full_lines(other, []),
        now=datetime.datetime(2018, 1, 11, 2, 15, tzinfo=datetime.UTC),
    )
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    return {"plan": plan, "unit": unit, "sheet": sheet}


def test_secretariat_sees_the_figures_first_and_a_chart_without_negatives(journey, world):
    tab = journey("dashboard-figures")
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/dashboard/")
    figures = tab.page.locator("#dashboard-figures")
    assert "1/3 đơn vị" in figures.locator("#figure-submitted").inner_text()
    assert "Đã hết hạn" in figures.locator("#figure-deadline").inner_text()
    assert figures.locator("#figure-late dd").inner_text().strip() == "2"
    assert "Chưa có lịch" in figures.locator("#figure-meeting").inner_text()
    assert figures.bounding_box()["y"] < tab.page.locator("#progress-title").bounding_box()["y"]
    cells = tab.page.locator("#progress-table tbody td.num").all_inner_texts()
    assert cells and all(int(value) >= 0 for value in cells)
    assert tab.page.locator(".chart svg").first.is_visible()
    tab.snap("dashboard")


def test_officer_types_a_decimal_comma_and_an_over_maximum_value(journey, world):
    main, second, unity, thrift = [c for c in sheet_criteria(world["sheet"]) if not c.auto_source]
    tab = journey("score-input")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/units/{world['unit'].pk}/score/")
    tab.page.click("button[name=start]")
    tab.page.wait_for_load_state()
    assert tab.page.locator(f"#points_{thrift.pk}").get_attribute("inputmode") == "decimal"
    tab.page.fill(f"#points_{main.pk}", "30")
    tab.page.fill(f"#text_{main.pk}", "Báo cáo tổng kết số 12/BC-VKS")
    tab.page.fill(f"#points_{second.pk}", "13")  # over its 12
    tab.page.fill(f"#text_{second.pk}", "Không có án bị hủy")
    tab.page.fill(f"#points_{thrift.pk}", "7,5")
    tab.page.click("button[name=save]")
    tab.page.wait_for_load_state()
    error = tab.page.locator(f"#points_{second.pk}_error")
    assert "12,00" in error.inner_text() and error.is_visible()
    assert tab.page.locator(f"#points_{second.pk}").get_attribute("aria-invalid") == "true"
    assert tab.page.input_value(f"#points_{second.pk}") == "13"
    assert tab.page.input_value(f"#points_{thrift.pk}") == "7,5"
    assert tab.page.input_value(f"#points_{main.pk}") == "30"
    assert tab.page.input_value(f"#text_{second.pk}") == "Không có án bị hủy"
    assert "Chưa lưu gì" in tab.page.locator("#score-errors").inner_text()
    tab.snap("error-next-to-field")
    tab.page.fill(f"#points_{second.pk}", "11,5")
    tab.page.click("button[name=save]")
    tab.page.wait_for_load_state()
    assert tab.page.input_value(f"#points_{thrift.pk}") == "7,5"
    assert tab.page.input_value(f"#points_{second.pk}") == "11,5"
    assert tab.page.locator(".invalid-feedback").count() == 0
    tab.snap("saved")
