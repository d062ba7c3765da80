"""Issue 13 item 1: every year is reachable (the landing plan, the menu's year switcher, the plans page)."""

import datetime

import pytest
from django.urls import reverse

from movements.selectors import PlanYear, landing_plan, landing_plan_id, pick_landing
from movements.services import year_plan_update
from tests import factories as f
from tests.factories import assert_list_queries, local_dt

D = datetime.date


def years(*rows):
    return [PlanYear(index, year, deadline, proposals) for index, (year, deadline, proposals) in enumerate(rows)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # 2027's registration is open until 17/01/2027: that is the work of the day, also in December 2026.
        (D(2026, 12, 1), 2027),
        # Both registrations open: the nearest deadline is the more urgent work.
        (D(2026, 1, 10), 2026),
    ],
)
def test_the_landing_plan_is_the_open_registration(today, expected):
    plans = years((2018, D(2018, 1, 17), None), (2026, D(2026, 1, 17), None), (2027, D(2027, 1, 17), None))
    assert pick_landing(plans, today).year == expected


def test_then_the_open_year_end_proposals():
    plans = years((2026, D(2026, 1, 17), D(2026, 12, 15)), (2025, D(2025, 1, 17), D(2025, 12, 15)))
    assert pick_landing(plans, D(2026, 12, 1)).year == 2026
    # The nearest deadline is the work of the day: on 01/12/2026 the 2026 proposals (due 15/12/2026) come before
    # the 2027 registration (due 17/01/2027); once they are closed, the registration.
    plans += years((2027, D(2027, 1, 17), None))
    assert pick_landing(plans, D(2026, 12, 1)).year == 2026
    assert pick_landing(plans, D(2026, 12, 16)).year == 2027
    # A 2026 plan without a proposal deadline has no open year-end work to compete with.
    assert pick_landing(years((2026, D(2026, 1, 17), None), (2027, D(2027, 1, 17), None)), D(2026, 12, 1)).year == 2027


def test_then_the_newest_year_that_has_begun_then_the_newest():
    # A plan entered for 2030 whose dates were mistyped does not take the menu away from this year.
    plans = years((2030, D(2025, 1, 17), None), (2026, D(2026, 1, 17), None), (2018, D(2018, 1, 17), None))
    assert pick_landing(plans, D(2026, 6, 1)).year == 2026
    assert pick_landing(years((2030, D(2025, 1, 17), None)), D(2026, 6, 1)).year == 2030
    assert pick_landing([], D(2026, 6, 1)) is None


def test_the_day_counts_in_vietnam_and_the_deadline_day_is_inclusive(db, province, officer, freeze):
    f.make_plan(province, 2018)
    plan_2026 = f.make_plan(province, 2026, proposal_deadline=D(2026, 12, 15))
    # 15/12/2026 23:30 in Hà Nội (16:30 UTC): still the deadline day.
    freeze(local_dt(2026, 12, 15, 23, 30))
    assert landing_plan_id(officer) == plan_2026.pk
    assert landing_plan(officer) == plan_2026


def test_the_cached_list_follows_the_day_and_a_new_or_changed_plan(
    db, province, secretariat, freeze, django_capture_on_commit_callbacks
):
    plan_2026 = f.make_plan(province, 2026, proposal_deadline=D(2026, 12, 15))
    freeze(local_dt(2026, 12, 1, 9))
    assert landing_plan_id(secretariat) == plan_2026.pk
    with django_capture_on_commit_callbacks(execute=True):
        plan_2027 = f.make_plan(province, 2027)
    # A new plan is seen at once: its registration (due 17/01/2027) comes after 2026's proposals (15/12/2026).
    assert landing_plan_id(secretariat) == plan_2026.pk
    freeze(local_dt(2026, 12, 16, 9))
    assert landing_plan_id(secretariat) == plan_2027.pk
    # The same cached list on a later day: 2027's registration has closed, 2027 is the newest year that has begun.
    freeze(local_dt(2027, 1, 18, 9))
    assert landing_plan_id(secretariat) == plan_2027.pk
    # Moving 2026's proposal deadline is seen at once (the service clears the cache).
    freeze(local_dt(2026, 12, 16, 9))
    with django_capture_on_commit_callbacks(execute=True):
        year_plan_update(plan=plan_2026, actor=secretariat, proposal_deadline=D(2026, 12, 20))
    assert landing_plan_id(secretariat) == plan_2026.pk


def test_an_officer_starts_in_the_open_year(client, province, unit, officer, freeze):
    f.make_plan(province, 2018)
    plan_2026 = f.make_plan(province, 2026, proposal_deadline=D(2026, 12, 15))
    freeze(local_dt(2026, 12, 1, 9))
    client.force_login(officer)
    response = client.get(reverse("home"))
    assert response.url == reverse("registrations:sheet", kwargs={"plan": plan_2026.pk, "unit": unit.pk})


@pytest.fixture
def three_years(province):
    return {year: f.make_plan(province, year) for year in (2018, 2026, 2027)}


def switcher(html: str) -> str:
    return html.split('id="year-switcher"', 1)[1].split("</li>\n        {", 1)[0]


def test_the_menu_follows_the_plan_of_the_page(client, unit, officer, three_years, freeze):
    freeze(local_dt(2026, 12, 1, 9))
    client.force_login(officer)
    plan_2018 = three_years[2018]
    html = client.get(reverse("movements:pledge", kwargs={"plan": plan_2018.pk, "unit": unit.pk})).content.decode()
    assert "Năm 2018" in switcher(html).split("</a>", 1)[0]  # the menu's year is the page's
    # The menu's links point to 2018 too.
    assert reverse("movements:unit_score", kwargs={"plan": plan_2018.pk, "unit": unit.pk}) in html
    # Every year is there, each opening the unit's registration of that year, and the plans page.
    for year, plan in three_years.items():
        sheet = reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})
        assert f'href="{sheet}">Năm {year}</a>' in switcher(html).replace(' active" aria-current="true', "")
    assert reverse("movements:plan_list") in switcher(html)
    # A page without a plan in its address: the landing plan (2027's registration is open).
    html = client.get(reverse("movements:plan_list")).content.decode()
    assert "Năm 2027" in switcher(html).split("</a>", 1)[0]
    assert reverse("movements:unit_score", kwargs={"plan": three_years[2027].pk, "unit": unit.pk}) in html


def test_the_secretariat_switches_to_the_overview_of_a_year(client, secretariat, three_years, freeze):
    freeze(local_dt(2026, 12, 1, 9))
    client.force_login(secretariat)
    html = client.get(reverse("registrations:overview", kwargs={"plan": three_years[2026].pk})).content.decode()
    assert "Năm 2026" in switcher(html).split("</a>", 1)[0]
    overview_2018 = reverse("registrations:overview", kwargs={"plan": three_years[2018].pk})
    assert f'href="{overview_2018}">Năm 2018</a>' in switcher(html)


def links_of(html: str, year: int) -> str:
    return html.split(f'id="plan-{year}"', 1)[1].split("</tr>", 1)[0]


def test_the_plans_page_gives_each_role_its_links_for_every_year(client, unit, officer, secretariat, three_years):
    plan = three_years[2026]
    client.force_login(officer)
    html = client.get(reverse("movements:plan_list")).content.decode()
    row = links_of(html, 2026)
    for name in ("registrations:sheet", "movements:pledge", "movements:unit_score", "reports:unit_dashboard"):
        assert reverse(name, kwargs={"plan": plan.pk, "unit": unit.pk}) in row
    assert reverse("awards:proposal_list", kwargs={"plan": plan.pk}) in row
    assert "plan_update" not in row and f"/plans/{plan.pk}/edit/" not in row
    assert reverse("movements:plan_create") not in html
    client.force_login(secretariat)
    row = links_of(client.get(reverse("movements:plan_list")).content.decode(), 2026)
    for name in ("registrations:overview", "awards:review", "awards:meeting_list", "reports:plan_reports"):
        assert reverse(name, kwargs={"plan": plan.pk}) in row
    assert reverse("reports:dashboard", kwargs={"plan": plan.pk}) in row
    assert reverse("movements:plan_update", kwargs={"plan": plan.pk}) in row


def test_the_council_member_sees_meetings_and_dashboard(client, council_member, three_years):
    plan = three_years[2018]
    client.force_login(council_member)
    row = links_of(client.get(reverse("movements:plan_list")).content.decode(), 2018)
    assert reverse("awards:meeting_list", kwargs={"plan": plan.pk}) in row
    assert reverse("reports:dashboard", kwargs={"plan": plan.pk}) in row
    assert reverse("awards:review", kwargs={"plan": plan.pk}) not in row


def test_the_plans_page_marks_the_open_work(client, officer, province, freeze):
    freeze(local_dt(2026, 12, 1, 9))
    f.make_plan(province, 2026, proposal_deadline=D(2026, 12, 15))
    f.make_plan(province, 2018)
    client.force_login(officer)
    html = client.get(reverse("movements:plan_list")).content.decode()
    assert "Đang nhận đề nghị khen thưởng cuối năm" in links_of(html, 2026)
    assert "Năm đang làm việc" in links_of(html, 2026)
    assert "23:59 15/12/2026" in links_of(html, 2026)
    assert "Đang nhận" not in links_of(html, 2018)


def test_plan_list_queries_for_an_officer(client, officer, province):
    """Session, user (with the bell's unread count), count, plans, the menu's years (cached a minute)."""
    client.force_login(officer)
    page = assert_list_queries(
        client, reverse("movements:plan_list"), lambda index: f.make_plan(province, 2018 + index), expected=5
    )
    assert all(f'id="plan-{year}"' in page.content.decode() for year in (2018, 2019, 2020))
