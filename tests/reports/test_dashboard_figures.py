"""The secretariat's dashboard answers first (figures at the top) and its progress chart counts from the events of
the plan: never a negative number, never a day to come."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from awards.services.council import meeting_create
from registrations.services import deadline_extension_grant, registration_save_draft, registration_submit
from reports.dashboards import registration_progress
from tests import factories as f
from tests.factories import assert_list_queries, full_lines, local_dt


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def seeded(freeze, province, plan, secretariat):
    """Like the demo: rows written in 2026 (created_at, audit of the drafts) for registrations sent in January
    2018 (submitted_at given)."""
    freeze(local_dt(2026, 11, 30, 9, 0))
    units = [f.make_unit(province, f"Viện kiểm sát nhân dân huyện {n}") for n in "ABCDE"]
    for index, unit in enumerate(units[:3]):
        when = local_dt(2018, 1, 10 + index, 9, 15)
        registration_submit(unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, []), now=when)
    registration_save_draft(
        unit=units[3], year_plan=plan, actor=f.make_officer(units[3]), lines=[], now=local_dt(2018, 1, 9, 8)
    )
    return units


def test_progress_counts_from_the_plans_events_not_from_created_at(freeze, plan, seeded):
    freeze(local_dt(2018, 3, 1, 9, 0))
    progress = {p.day: (p.submitted, p.draft, p.not_started) for p in registration_progress(plan)}
    # six units with the province; three sent on 10, 11 and 12/01; the draft's only event is of 2026
    assert progress[datetime.date(2018, 1, 9)] == (0, 0, 6)
    assert progress[datetime.date(2018, 1, 10)] == (1, 0, 5)
    assert progress[datetime.date(2018, 1, 12)] == (3, 0, 3)
    assert progress[datetime.date(2018, 1, 17)] == (3, 0, 3)
    assert all(min(counts) >= 0 for counts in progress.values())


def test_progress_of_a_plan_to_come_stops_today(freeze, province):
    later = f.make_plan(province, 2027)
    freeze(local_dt(2026, 12, 1, 9, 0))
    progress = registration_progress(later)
    assert progress[-1].day == datetime.date(2026, 12, 1)
    assert all(p.day <= datetime.date(2026, 12, 1) for p in progress)


def figures_of(html: str) -> dict[str, str]:
    section = re.search(r'<div class="row g-2" id="dashboard-figures">(.*?)</section>', html, re.S).group(1)
    return {
        key: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
        for key, text in re.findall(r'id="figure-(\w+)">(.*?)</dl>', section, re.S)
    }


def test_figures_come_first_and_say_what_the_secretariat_asks(client, freeze, plan, seeded, secretariat):
    freeze(local_dt(2018, 1, 18, 9, 0))
    deadline_extension_grant(
        unit=seeded[4], year_plan=plan, actor=secretariat, new_deadline=datetime.date(2018, 1, 25), reason="Lũ lụt"
    )
    staff = [f.make_staff(seeded[0], name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=local_dt(2018, 1, 22, 8, 30),
        members=[(person, "Ủy viên", True) for person in staff],
        location="Phòng họp số 1",
    )
    english(client).force_login(secretariat)
    html = client.get(reverse("reports:dashboard", kwargs={"plan": plan.pk})).content.decode()
    assert html.index('id="dashboard-figures"') < html.index('id="progress-title"')
    figures = figures_of(html)
    assert figures["submitted"] == "Registrations submitted 3 of 6 units"
    assert figures["deadline"] == "Deadline 17/01/2018 The deadline has passed"
    # the province and the draft unit are late; E has an extension to 25/01
    assert figures["late"] == "Late units 2"
    assert figures["review"] == "Lines awaiting review 0"
    assert figures["meeting"] == "Next council meeting 22/01/2018 08:30 Phòng họp số 1"


def test_days_left_before_the_deadline(client, freeze, plan, secretariat):
    freeze(local_dt(2018, 1, 12, 9, 0))
    english(client).force_login(secretariat)
    figures = figures_of(client.get(reverse("reports:dashboard", kwargs={"plan": plan.pk})).content.decode())
    assert figures["deadline"] == "Deadline 17/01/2018 5 days left"
    assert figures["meeting"] == "Next council meeting None planned"


def test_the_dashboard_with_its_figures_runs_a_fixed_number_of_queries(client, freeze, province, plan, secretariat):
    freeze(local_dt(2018, 1, 12, 9, 0))
    client.force_login(secretariat)

    def make_row(index):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện số {index}")
        registration_submit(unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, []))

    html = assert_list_queries(
        client,
        reverse("reports:dashboard", kwargs={"plan": plan.pk}),
        make_row,
        expected=19,  # 17, the inspections' version and their overdue findings
    ).content.decode()
    assert "3/4" in re.sub(r"\s+", "", figures_of(html)["submitted"])  # the three units and the province
