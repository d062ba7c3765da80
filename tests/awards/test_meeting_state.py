"""Issue 14: a meeting still said "Chưa kết thúc" after its decision was issued. Issuing a decision closes the
meetings that voted on its lines once every line on their agenda is counted; one with lines still to count stays
open."""

import datetime

from django.urls import reverse

from awards.enums import DecisionKind, MeetingState
from awards.services.council import agenda_add, tally_record
from awards.services.decisions import decision_create, decision_issue
from tests.awards.test_council_decisions import accepted_lines, council, make_meeting, secretary  # noqa: F401
from units.models import AuditEntry


def test_issuing_the_decision_closes_its_meeting(client, plan, secretary, council, accepted_lines):  # noqa: F811
    meeting = make_meeting(plan, secretary, council)
    for item in agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary):
        tally_record(item=item, actor=secretary, yes=11, no=0, blank=0)
    for line in accepted_lines:
        line.refresh_from_db()
    _nganh, ldtt, collective = accepted_lines
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[ldtt, collective], actor=secretary)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED  # a draft decision closes nothing
    decision_issue(decision=decision, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    entry = AuditEntry.objects.get(action="meeting.close")
    assert (entry.actor, entry.reason) == (secretary, "45/QĐ-VKS")
    client.force_login(secretary)
    page = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "Đã kết thúc" in page and "Chưa kết thúc" not in page
    listing = client.get(reverse("awards:meeting_list", kwargs={"plan": plan.pk})).content.decode()
    assert "Đã kết thúc" in listing and "Chưa kết thúc" not in listing


def test_a_meeting_with_lines_to_count_stays_open(plan, secretary, council, accepted_lines):  # noqa: F811
    meeting = make_meeting(plan, secretary, council)
    items = agenda_add(meeting=meeting, lines=accepted_lines, actor=secretary)
    for item in items[1:]:
        tally_record(item=item, actor=secretary, yes=11, no=0, blank=0)
    for line in accepted_lines:
        line.refresh_from_db()
    _nganh, ldtt, collective = accepted_lines
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[ldtt, collective], actor=secretary)
    decision_issue(decision=decision, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED
    assert not AuditEntry.objects.filter(action="meeting.close").exists()
