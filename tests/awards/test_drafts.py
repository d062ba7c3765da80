"""Issue 13, items 4 and 5: the verdict of a line before it is sent (judged now, stored nowhere, in a fixed number
of queries), the caps in words, and the confirmations before sending a proposal and issuing a decision."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import DecisionState, LineState
from awards.models import AwardRecord, Decision, Proposal, ProposalLine, Verdict
from awards.selectors import draft_preview
from awards.services.decisions import decision_create
from awards.services.lines import line_transition
from awards.services.proposals import proposal_submit
from tests import factories as f
from tests.factories import assert_list_queries, propose, register


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province, username="thuongtruc")


@pytest.fixture
def year(province, unit, staff, officer):
    """2019 (TT 01/2019: CSTĐ cơ sở at most 15 % of those reaching Lao động tiên tiến, binding); An registered
    CSTĐ cơ sở, the others Lao động tiên tiến."""
    plan = f.make_plan(province, 2019, proposal_deadline=datetime.date(2019, 11, 30))
    register(unit, plan, {staff[0]: "CSTDCS"})
    return plan


def test_a_draft_line_shows_its_verdict_and_the_cap_in_words(client, year, unit, staff, officer):
    propose(unit, year, [(staff[0], "CSTDCS", []), (staff[1], "LDTT", [])], submit=False)
    proposal = Proposal.objects.get()
    client.force_login(officer)
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "chưa kiểm tra" not in page
    assert "trước khi gửi" in page
    assert "Không đủ tiêu chuẩn" in page and "Cần 1 sáng kiến" in page  # what is missing, in words
    assert "15 % của 2 “Lao động tiên tiến” trở lên" in page
    assert "đã đề nghị 1 (kể cả 1 dòng đơn vị chưa gửi)" in page
    assert "15%" not in page
    assert not Verdict.objects.exists()  # read-only: nothing stored
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.DRAFT}


def test_the_preview_is_the_engines_verdict_once_sent(year, unit, staff):
    lines = propose(unit, year, [(staff[0], "CSTDCS", []), (staff[1], "LDTT", [])], submit=False)
    preview = draft_preview(lines[0].proposal)
    assert set(preview.verdicts) == {line.pk for line in lines}
    proposal_submit(proposal=lines[0].proposal, actor=unit.officers.first(), now=f.local_dt(2019, 11, 20))
    for line in lines:
        stored = Verdict.objects.get(line=line)
        assert stored.outcome == preview.verdicts[line.pk].outcome
        # The same checks word for word, but that the preview says which of the lines it counts are unsent.
        unsent = " (kể cả 1 dòng đơn vị chưa gửi)"
        judged = [
            {"code": c["code"], "outcome": c["outcome"], "message": c["message"].replace(unsent, "")}
            for c in preview.verdicts[line.pk].checks
        ]
        assert [{key: c[key] for key in ("code", "outcome", "message")} for c in stored.checks] == judged


def test_the_proposal_page_judges_drafts_in_a_fixed_number_of_queries(client, year, unit, staff, officer):
    proposal = Proposal.objects.create(unit=unit, year_plan=year, kind="year_end", created_by=officer)

    def line(index):
        propose(unit, year, [(staff[index], "LDTT", [])], submit=False)

    client.force_login(officer)
    page = assert_list_queries(client, reverse("awards:proposal_detail", kwargs={"pk": proposal.pk}), line, expected=23)
    assert len(page.context["lines"]) == 3
    assert all(item.preview is not None for item in page.context["lines"])


def test_sending_asks_once_and_says_what_will_happen(
    client, freeze, year, unit, staff, officer, other_officer, secretary
):
    freeze(f.local_dt(2019, 11, 20, 10, 0))
    propose(unit, year, [(staff[0], "CSTDCS", []), (staff[1], "LDTT", []), (staff[2], "LDTT", [])], submit=False)
    proposal = Proposal.objects.get()
    url = reverse("awards:proposal_submit", kwargs={"pk": proposal.pk})
    client.force_login(officer)
    detail = client.get(reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})).content.decode()
    assert f'href="{url}"' in detail  # the button opens the confirmation; it does not send
    page = client.get(url).content.decode()
    assert "3 dòng sẽ được gửi" in page
    assert "Chiến sĩ thi đua cơ sở: 1" in page and "Lao động tiên tiến: 2" in page
    assert secretary.email in page
    assert "không thể sửa" in page
    assert "30/11/2019" in page
    assert "1 dòng chưa đủ điều kiện" in page
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.DRAFT}
    client.post(url)
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.SUBMITTED}
    assert client.get(url).status_code == 404  # nothing left to send
    client.force_login(other_officer)
    assert client.get(url).status_code == 404


def test_another_unit_and_the_secretariat_cannot_open_the_confirmation(client, year, unit, staff, secretary):
    propose(unit, year, [(staff[1], "LDTT", [])], submit=False)
    url = reverse("awards:proposal_submit", kwargs={"pk": Proposal.objects.get().pk})
    client.force_login(secretary)
    assert client.get(url).status_code == 404


def _approved(plan, unit, staff, secretary):
    lines = propose(unit, plan, [(staff[1], "LDTT", []), (staff[2], "LDTT", []), (None, "TTLDTT", [])])
    for line in lines:
        for state in (LineState.ACCEPTED, LineState.APPROVED):
            line_transition(line=line, to_state=state, actor=secretary)
    return lines


def test_issuing_asks_once_with_the_number_date_records_and_units(client, year, unit, staff, secretary):
    lines = _approved(year, unit, staff, secretary)
    decision = decision_create(year_plan=year, kind="decision", lines=lines, actor=secretary)
    client.force_login(secretary)
    detail = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()
    url = reverse("awards:decision_issue", kwargs={"pk": decision.pk})
    assert f'method="get" action="{url}"' in detail
    page = client.get(url, {"number": "45/QĐ-VKS", "issued_on": "25/12/2019"}).content.decode()
    assert "45/QĐ-VKS" in page and "25/12/2019" in page
    assert "3 bản ghi khen thưởng" in page
    assert "Lao động tiên tiến: 2" in page and "Tập thể lao động tiên tiến: 1" in page
    assert "Viện kiểm sát nhân dân huyện Đông Hưng (3 dòng)" in page
    assert 'type="hidden" name="issued_on" value="25/12/2019"' in page
    assert not AwardRecord.objects.exists()
    client.post(url, {"number": "45/QĐ-VKS", "issued_on": "25/12/2019"})
    assert Decision.objects.get().state == DecisionState.ISSUED
    assert AwardRecord.objects.count() == 3
    again = client.get(url, {"number": "46/QĐ-VKS", "issued_on": "26/12/2019"})
    assert again.status_code == 302 and again.url == reverse("awards:decision_detail", kwargs={"pk": decision.pk})


def test_the_confirmation_refuses_a_missing_date_and_warns_of_a_used_number(client, year, unit, staff, secretary):
    lines = _approved(year, unit, staff, secretary)
    first = decision_create(year_plan=year, kind="decision", lines=lines[:1], actor=secretary)
    second = decision_create(year_plan=year, kind="decision", lines=lines[1:], actor=secretary)
    client.force_login(secretary)
    client.post(
        reverse("awards:decision_issue", kwargs={"pk": first.pk}), {"number": "45/QĐ-VKS", "issued_on": "25/12/2019"}
    )
    url = reverse("awards:decision_issue", kwargs={"pk": second.pk})
    response = client.get(url, {"number": "47/QĐ-VKS", "issued_on": ""}, follow=True)
    assert "Hãy nhập số và ngày" in response.content.decode()
    page = client.get(url, {"number": "45/QĐ-VKS", "issued_on": "26/12/2019"}).content.decode()
    assert "đã được dùng" in page
