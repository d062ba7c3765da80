"""The list pages that had no query test: each runs a fixed number of queries, the same with one row as with three
(``assert_list_queries``; the other list pages have theirs beside their feature's tests)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.services.council import agenda_add, meeting_create
from awards.services.decisions import decision_create
from awards.services.lines import line_transition
from movements.services import exemplary_add, exemplary_select
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f
from tests.factories import accept_all, assert_list_queries, award, local_dt, propose, register


@pytest.fixture
def signed_in(client, secretariat):
    client.force_login(secretariat)
    return client


def test_plan_list(signed_in, province):
    page = assert_list_queries(
        signed_in, reverse("movements:plan_list"), lambda index: f.make_plan(province, 2018 + index), expected=5
    )
    assert all(str(year) in page.content.decode() for year in (2018, 2019, 2020))


def test_meeting_list(signed_in, province, plan, secretariat):
    office = f.make_unit(province, "Văn phòng", kind_code="department")

    def meeting(index):
        members = [(f.make_staff(office), "Ủy viên", True) for _ in range(index + 1)]
        meeting_create(year_plan=plan, actor=secretariat, held_at=local_dt(2018, 12, 20 + index, 8), members=members)

    page = assert_list_queries(signed_in, reverse("awards:meeting_list", kwargs={"plan": plan.pk}), meeting, expected=5)
    assert len(page.context["meetings"]) == 3


def test_decision_list(signed_in, province, plan, secretariat):
    def decision(index):
        unit = f.make_unit(province)
        person = f.make_staff(unit)
        register(unit, plan, {})
        (line,) = propose(unit, plan, [(person, "LDTT", [])])
        line_transition(line=line, to_state="accepted", actor=secretariat)
        line_transition(line=line, to_state="approved", actor=secretariat)
        decision_create(year_plan=plan, kind="decision", lines=[line], actor=secretariat)

    page = assert_list_queries(
        signed_in, reverse("awards:decision_list", kwargs={"plan": plan.pk}), decision, expected=7
    )
    assert len(page.context["decisions"]) == 3


def test_award_history(signed_in, province):
    people = []

    def record(index):
        unit = f.make_unit(province)
        people.append(f.make_staff(unit))
        award(people[-1], ("LDTT", "CSTDCS", "LDTT")[index], 2017)
        award(None, "TTLDTT", 2017, unit=unit)

    page = assert_list_queries(signed_in, reverse("awards:history"), record, expected=7)
    assert all(person.full_name in page.content.decode() for person in people)


def test_honour_roll(signed_in, province, plan, secretariat):
    people = []

    def honoured(index):
        unit = f.make_unit(province)
        person = f.make_staff(unit)
        people.append(person)
        award(person, "CSTDCS", 2018)
        award(None, "TTLDXS", 2018, unit=unit)
        example = exemplary_add(year_plan=plan, staff=person, actor=f.make_officer(unit), account="Gương mẫu")
        exemplary_select(example=example, actor=secretariat, for_province=True, for_supreme=False)

    page = assert_list_queries(signed_in, reverse("awards:honour_roll") + "?year=2018", honoured, expected=7)
    assert all(page.content.decode().count(person.full_name) >= 2 for person in people)  # an example and a title


def test_person_page(signed_in, unit, plan):
    person = f.make_staff(unit, "Nguyễn Văn An")

    def year_of_awards(index):
        award(person, "LDTT", 2015 + index)
        f.make_initiative(unit, [person], year=2015 + index)

    page = assert_list_queries(
        signed_in, reverse("awards:person", kwargs={"pk": person.pk}), year_of_awards, expected=11
    )
    assert [year for year, _records in page.context["by_year"]] == [2017, 2016, 2015]


def test_plan_reports(signed_in, plan, secretariat):
    def job(index):
        # One open job per document: the earlier ones are finished (done, failed) before the next is asked for.
        job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)
        if index < 2:
            ReportJob.objects.filter(pk=job.pk).update(
                state=(JobState.DONE, JobState.FAILED)[index], checksum="0" * 64, filename="x.pdf", error="x"
            )

    page = assert_list_queries(signed_in, reverse("reports:plan_reports", kwargs={"plan": plan.pk}), job, expected=5)
    assert [job.state for job in page.context["jobs"]] == [JobState.QUEUED, JobState.FAILED, JobState.DONE]


def test_the_helper_names_both_counts_when_they_are_not_the_number(signed_in, province):
    with pytest.raises(AssertionError, match=r"\{1: \d+, 3: \d+\}"):
        assert_list_queries(
            signed_in,
            reverse("movements:plan_list"),
            lambda index: f.make_plan(province, 2018 + index),
            expected=0,
        )


# --- Issue 13: the meeting agenda and the review list, uncached and from the cache --------------------------------


def cached_queries(client, url) -> int:
    """The queries of a GET of ``url`` whose fragments the previous GET put in the cache."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def accepted_line(province, plan, secretariat):
    unit = f.make_unit(province)
    person = f.make_staff(unit)
    f.make_officer(unit)
    register(unit, plan, {})
    return accept_all(propose(unit, plan, [(person, "LDTT", [])]), secretariat)


@pytest.mark.parametrize("role", ["secretariat", "council_member"])
def test_meeting_agenda(client, province, plan, secretariat, council_member, role):
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office), "Ủy viên", True) for _ in range(3)]
    meeting = meeting_create(year_plan=plan, actor=secretariat, held_at=local_dt(2018, 12, 20, 8), members=members)
    url = reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})
    client.force_login(secretariat if role == "secretariat" else council_member)
    hits = {}

    def line(index):
        agenda_add(meeting=meeting, lines=accepted_line(province, plan, secretariat), actor=secretariat)

    def counted(index):
        line(index)
        hits[index + 1] = cached_queries(client, url)

    page = assert_list_queries(client, url, counted, expected=16)
    assert page.content.decode().count('class="agenda-item"') == 3
    assert hits == {1: 3, 2: 3, 3: 3}  # session, user, meeting; the version is kept (units.generations)


@pytest.mark.parametrize("role", ["secretariat", "council_member"])
def test_review_list_of_the_year(client, province, plan, secretariat, council_member, role):
    url = reverse("awards:review", kwargs={"plan": plan.pk})
    client.force_login(secretariat if role == "secretariat" else council_member)
    hits = {}

    def counted(index):
        accepted_line(province, plan, secretariat)
        hits[index + 1] = cached_queries(client, url)

    # A hit: the session, the user, the plan (and for the secretariat the meeting the waiting lines would go to); the
    # version, the count and the waiting lines are kept under their tables' generations (units.generations).
    expected, cached = {"secretariat": (21, 4), "council_member": (19, 3)}[role]
    page = assert_list_queries(client, url, counted, expected=expected)
    assert len(page.context["table"]["lines"]) == 3
    assert hits == dict.fromkeys((1, 2, 3), cached)
