"""Dashboards: the numbers behind them, the inline SVG charts beside their tables, the unit's own page."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from awards.enums import LineState
from awards.services.lines import line_transition
from movements.scoring import scoring_sheet_create, unit_score_self, unit_score_start
from movements.services import movement_create, pledge_save
from registrations.services import registration_return, registration_save_draft, registration_submit
from reports.charts import _fill
from reports.dashboards import lines_by_state, registration_progress, titles_per_unit
from tests import factories as f
from tests.factories import count_queries, full_lines, local_dt, propose, register

SVG = "{http://www.w3.org/2000/svg}"


# --- Helpers -----------------------------------------------------------------------------------------------------


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def table(html: str, table_id: str) -> list[list[str]]:
    """The text of each body cell of a table, row by row."""
    body = re.search(rf'<table [^>]*id="{table_id}"[^>]*>.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def chart(html: str, prefix: str) -> ET.Element:
    """The inline SVG whose patterns carry ``prefix``, parsed (so it is well-formed)."""
    (svg,) = [svg for svg in re.findall(r"<svg .*?</svg>", html, re.S) if f'id="{prefix}-' in svg]
    return ET.fromstring(svg)  # noqa: S314 - the SVG of our own page


def bars(svg: ET.Element) -> list[tuple[str, str]]:
    """(fill, title) of every bar: the title is the text a screen reader or a hover shows."""
    return [(rect.get("fill"), rect.find(f"{SVG}title").text) for rect in svg.iter(f"{SVG}rect") if len(rect)]


def at(freeze, *moment):
    return freeze(local_dt(*moment))


@pytest.fixture
def progress_world(freeze, province, plan):
    """Four units besides the province: registrations started and sent on known days of January 2018."""
    early, prompt, drafting, idle = (f.make_unit(province, f"Viện kiểm sát nhân dân huyện {n}") for n in "ABCD")
    at(freeze, 2018, 1, 8, 9, 0)
    registration_save_draft(unit=early, year_plan=plan, actor=f.make_officer(early), lines=[])
    at(freeze, 2018, 1, 9, 23, 59, 59)
    registration_submit(unit=prompt, year_plan=plan, actor=f.make_officer(prompt), lines=full_lines(prompt, []))
    at(freeze, 2018, 1, 10, 8, 0)
    registration_submit(unit=early, year_plan=plan, actor=early.officers.get(), lines=full_lines(early, []))
    at(freeze, 2018, 1, 11, 0, 0)
    registration_save_draft(unit=drafting, year_plan=plan, actor=f.make_officer(drafting), lines=[])
    at(freeze, 2018, 1, 12, 10, 0)
    return {"early": early, "prompt": prompt, "drafting": drafting, "idle": idle}


PROGRESS_LAST_DAYS = [
    # day, submitted, draft, not started (five units with the province)
    (datetime.date(2018, 1, 7), 0, 0, 5),
    (datetime.date(2018, 1, 8), 0, 1, 4),
    (datetime.date(2018, 1, 9), 1, 1, 3),
    (datetime.date(2018, 1, 10), 2, 0, 3),
    (datetime.date(2018, 1, 11), 2, 1, 2),
    (datetime.date(2018, 1, 12), 2, 1, 2),
]


@pytest.fixture
def proposals_world(province, plan, unit, staff, other_unit, secretariat):
    """Đông Hưng registers 3 titles and proposes 3 lines (one returned, one accepted); Hưng Hà registers 2 and has
    one line in draft."""
    register(unit, plan, {staff[2]: None})
    returned, accepted, _submitted = propose(
        unit, plan, [(staff[0], "LDTT", []), (staff[1], "LDTT", []), (None, "TTLDTT", [])]
    )
    line_transition(line=returned, to_state=LineState.RETURNED, actor=secretariat, reason="Bổ sung thành tích")
    line_transition(line=accepted, to_state=LineState.ACCEPTED, actor=secretariat)
    person = f.make_staff(other_unit, "Phạm Văn Dũng")
    register(other_unit, plan, {})
    propose(other_unit, plan, [(person, "LDTT", [])], submit=False)
    return plan


# --- The numbers -------------------------------------------------------------------------------------------------


def test_registration_progress_counts_the_units_at_the_end_of_each_day(plan, progress_world):
    progress = registration_progress(plan)
    assert len(progress) == 21
    assert progress[0].day == datetime.date(2017, 12, 23)  # 21 days up to today, the deadline is later
    assert {(p.submitted, p.draft, p.not_started) for p in progress[:-6]} == {(0, 0, 5)}
    assert [(p.day, p.submitted, p.draft, p.not_started) for p in progress[-6:]] == PROGRESS_LAST_DAYS


def test_registration_progress_stops_at_the_deadline(freeze, plan, progress_world):
    at(freeze, 2018, 2, 20, 9, 0)
    progress = registration_progress(plan)
    assert (progress[0].day, progress[-1].day) == (datetime.date(2017, 12, 28), datetime.date(2018, 1, 17))
    assert (progress[-1].submitted, progress[-1].draft, progress[-1].not_started) == (2, 1, 2)


def test_a_returned_registration_is_no_longer_counted_as_submitted(freeze, plan, secretariat, progress_world):
    registration = progress_world["early"].registrations.get()
    registration_return(registration=registration, actor=secretariat, reason="Thiếu tập thể")
    today = registration_progress(plan)[-1]
    assert (today.submitted, today.draft, today.not_started) == (1, 2, 2)


def test_titles_per_unit_and_lines_by_state(province, unit, other_unit, proposals_world):
    plan = proposals_world
    assert [(row.unit, row.registered, row.proposed) for row in titles_per_unit(plan)] == [
        (unit, 3, 3),  # a draft line is not proposed yet; returned and accepted ones are
        (other_unit, 2, 0),
        (province, 0, 0),
    ]
    assert [(state, count) for state, _label, count in lines_by_state(plan)] == [
        (LineState.DRAFT, 1),
        (LineState.SUBMITTED, 1),
        (LineState.RETURNED, 1),
        (LineState.REJECTED, 0),
        (LineState.ACCEPTED, 1),
        (LineState.APPROVED, 0),
        (LineState.NOT_APPROVED, 0),
        (LineState.DECIDED, 0),
        (LineState.FORWARDED, 0),
    ]


# --- The secretariat's dashboard ---------------------------------------------------------------------------------


def test_progress_chart_is_inline_svg_with_the_numbers_of_its_table(client, plan, secretariat, progress_world):
    english(client).force_login(secretariat)
    html = client.get(reverse("reports:dashboard", kwargs={"plan": plan.pk})).content.decode()

    # Nothing is loaded from elsewhere: no remote script, image or stylesheet, no script inside a chart.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert re.findall(r'<script [^>]*src="([^"]+)"', html) == [
        "/static/vendor/bootstrap/bootstrap.bundle.min.js",
        "/static/js/tables.js",
        "/static/js/file-inputs.js",
    ]
    svgs = re.findall(r"<svg (?![^>]*aria-hidden).*?</svg>", html, re.S)  # the charts, not the menu's bell icon
    assert len(svgs) == 3  # no ranking chart without a scoring sheet
    for svg in svgs:
        assert "<script" not in svg and "href" not in svg
        assert set(re.findall(r"url\((.)", svg)) <= {"#"}  # fill patterns are defined in the SVG itself

    # Every non-zero cell of the table is a bar titled "day, series: value", in its series' fill.
    rows = table(html, "progress-table")
    assert [tuple(row) for row in rows[-6:]] == [
        (f"{day:%d/%m/%Y}", str(submitted), str(draft), str(idle)) for day, submitted, draft, idle in PROGRESS_LAST_DAYS
    ]
    fills = [_fill("progress", index)[0] for index in range(3)]
    names = ["Submitted", "Draft", "Not started"]
    from_table = sorted(
        (fills[index], f"{row[0][:5]}, {names[index]}: {value}")
        for row in rows
        for index, value in enumerate(row[1:])
        if value != "0"
    )
    assert sorted(bars(chart(html, "progress"))) == from_table
    assert (fills[0], "10/01, Submitted: 2") in from_table  # two units had submitted by the end of 10 January
    assert chart(html, "progress").find(f"{SVG}title").text == "Registration progress"


def test_titles_and_states_charts_have_the_numbers_of_their_tables(
    client, unit, other_unit, secretariat, proposals_world
):
    english(client).force_login(secretariat)
    html = client.get(reverse("reports:dashboard", kwargs={"plan": proposals_world.pk})).content.decode()

    assert table(html, "units-table") == [
        [unit.name, "3", "3"],
        [other_unit.name, "2", "0"],
        [proposals_world.province.name, "0", "0"],
    ]
    assert sorted(title for _fill_, title in bars(chart(html, "titles"))) == sorted(
        f"{name}, {series}: {value}"
        for name, registered, proposed in table(html, "units-table")
        for series, value in [("Titles registered", registered), ("Lines proposed", proposed)]
    )

    states = table(html, "states-table")
    assert ["Returned to the unit", "1"] in states and ["Rejected", "0"] in states
    assert sorted(title for _fill_, title in bars(chart(html, "states"))) == sorted(
        f"{label}, Proposal lines: {count}" for label, count in states
    )


def test_ranking_chart_has_the_points_of_the_ranking_table(client, plan, unit, officer, other_unit, secretariat):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    score = unit_score_start(sheet=sheet, unit=unit, actor=officer)
    own = {row.criterion_id: (row.criterion.max_points, "Báo cáo tổng kết") for row in score.criterion_scores.all()}
    unit_score_self(score=score, actor=officer, values=own)  # 60 of its own + 10 computed
    unit_score_start(sheet=sheet, unit=other_unit, actor=secretariat)  # 10 computed
    english(client).force_login(secretariat)
    html = client.get(reverse("reports:dashboard", kwargs={"plan": plan.pk})).content.decode()
    rows = table(html, "ranking-table")
    assert [row[:3] for row in rows] == [
        ["1", unit.name, "70.00"],
        ["2", other_unit.name, "10.00"],
        ["3", plan.province.name, "0.00"],
    ]
    assert {title for _fill_, title in bars(chart(html, "ranking"))} == {
        f"{name}, Points: {points}" for _rank, name, points, _band in rows
    }


def build(province, plan, sheet, count):
    """``count`` more units, each with two staff, a registration, a proposal line and a score."""
    for _ in range(count):
        unit = f.make_unit(province)
        people = [f.make_staff(unit), f.make_staff(unit, date_of_birth=None)]
        register(unit, plan, {})
        propose(unit, plan, [(people[0], "LDTT", [])])
        unit_score_start(sheet=sheet, unit=unit, actor=unit.officers.get())


def test_secretariat_dashboard_queries_do_not_grow_with_units_and_staff(client, province, plan, secretariat):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    client.force_login(secretariat)
    url = reverse("reports:dashboard", kwargs={"plan": plan.pk})
    counts = []
    for more in (2, 6):
        build(province, plan, sheet, more)
        counts.append(count_queries(client, url))
    assert len(table(client.get(url).content.decode(), "units-table")) == 9
    # with the figures (extensions, next meeting), the meetings' and inspections' versions, the overdue findings
    assert counts == [24] * 2


# --- A unit's dashboard ------------------------------------------------------------------------------------------


def test_officer_sees_the_units_deadlines_and_what_is_missing(
    client, province, plan, unit, staff, officer, secretariat
):
    register(unit, plan, {})
    f.make_staff(unit, "Hoàng Văn Em", position="")
    movement_create(
        province=province,
        actor=secretariat,
        name="Thi đua chào mừng 58 năm thành lập ngành",
        launched_by="province",
        kind="periodic",
        start_date=datetime.date(2018, 4, 1),
        end_date=datetime.date(2018, 7, 26),
        report_deadline=datetime.date(2018, 8, 10),
    )
    english(client).force_login(officer)
    url = reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk})
    html = client.get(url).content.decode()
    assert table(html, "deadline-table") == [
        ["Registration of emulation titles", "17/01/2018", "✓ Submitted"],
        ["Report: Thi đua chào mừng 58 năm thành lập ngành", "10/08/2018", "• Not started"],
        ["Year-end award proposal", "", "• Not started"],
    ]
    missing = re.findall(r"<li>(.*?)</li>", re.search(r'<ul id="missing-items">(.*?)</ul>', html, re.S).group(1))
    assert missing == [
        "The emulation pledge is not recorded.",
        "No exemplary individual named.",
        "1 staff record(s) lack the date of birth, position, rank or date of joining.",
    ]
    assert "No scoring sheet for this year yet." in html

    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 12),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    unit_score_start(sheet=sheet, unit=unit, actor=officer)
    html = client.get(url).content.decode()
    assert "The emulation pledge is not recorded." not in html
    # 5 (registration) + 5 (pledge) + 0 (the movement report is missing) + 3.75 (3 of 4 staff records complete)
    # + 5 (no inspection finding past its date); no unit plan, no leaders' article: 0
    assert '<p id="unit-rank">18.75 points, rank 1 of 2 – Không hoàn thành nhiệm vụ</p>' in html


def test_missing_items_are_in_vietnamese_by_default(client, plan, unit, officer):
    with translation.override("vi"):
        pledge_missing = translation.gettext("The emulation pledge is not recorded.")
    assert pledge_missing != "The emulation pledge is not recorded."  # translated in the catalogue
    client.force_login(officer)
    html = client.get(reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk})).content.decode()
    assert f"<li>{pledge_missing}</li>" in html


def test_dashboard_of_another_unit_is_404_for_an_officer(client, plan, unit, other_unit, other_officer):
    client.force_login(other_officer)
    assert client.get(reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk})).status_code == 404
    own = client.get(reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": other_unit.pk}))
    assert other_unit.name in own.content.decode() and unit.name not in own.content.decode()


def test_unit_dashboard_queries_do_not_grow_with_units_staff_and_movements(
    client, province, plan, unit, officer, secretariat
):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretariat)
    unit_score_start(sheet=sheet, unit=unit, actor=officer)
    client.force_login(officer)
    url = reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk})
    counts = []
    for more in (1, 5):
        build(province, plan, sheet, more)
        for index in range(more):
            f.make_staff(unit, rank="" if index % 2 else "Kiểm tra viên")
            movement_create(
                province=province,
                actor=secretariat,
                name=f"Phong trào {more}-{index}",
                launched_by="province",
                kind="thematic",
                start_date=datetime.date(2018, 3, 1),
                end_date=datetime.date(2018, 6, 30),
                report_deadline=datetime.date(2018, 7, 15),
            )
        counts.append(count_queries(client, url))
    assert len(table(client.get(url).content.decode(), "deadline-table")) == 2 + 6
    assert counts == [20] * 2  # 19 and the data version that keys the cached page (a miss after every write)


def test_the_cached_dashboard_shows_a_change_at_once(client, plan, unit, other_unit, secretariat, freeze):
    freeze(local_dt(2018, 1, 12, 10))
    client.force_login(secretariat)
    url = reverse("reports:dashboard", kwargs={"plan": plan.pk})
    assert table(client.get(url).content.decode(), "units-table")[0][1] == "0"
    register(unit, plan, {})
    rows = table(client.get(url).content.decode(), "units-table")
    assert rows[0][0] == unit.display_name and int(rows[0][1]) == 1 + unit.staff.count()
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached) < 10  # the version queries only, not the tables
