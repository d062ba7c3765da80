"""Issue 13, items 4 and 5 in a real browser: an officer drafts a proposal and sees each draft line judged before
sending (what is missing, the cap in words), sends it after a confirmation; the secretariat issues a decision after
its confirmation. Desktop and phone screenshots."""

import pytest

from awards.enums import DecisionState, LineState
from awards.models import AwardRecord, Decision, Proposal, ProposalLine
from awards.services.decisions import decision_create
from awards.services.lines import line_transition
from tests import factories as f
from tests.factories import register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    officer = f.make_user("officer", unit=unit, username="donghung")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    # 2019 (TT 01/2019): Chiến sĩ thi đua cơ sở at most 15 % of those reaching Lao động tiên tiến, binding.
    plan = f.make_plan(province, 2019)
    register(unit, plan, {staff[0]: "CSTDCS"})
    return {"unit": unit, "staff": staff, "officer": officer, "secretariat": secretariat, "plan": plan}


def add_line(page, person, code, text):
    page.click("a[href$='/lines/new/']")
    page.wait_for_load_state()
    page.select_option("#id_subject", value=str(person.pk))
    page.select_option("#id_title", value=str(f.title(code).pk))
    page.fill("#id_achievements", text)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_officer_sees_draft_verdicts_and_confirms_the_sending(journey, world):
    an, binh = world["staff"][:2]
    tab = journey("proposal-drafts")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(f"/plans/{world['plan'].pk}/proposals/new/")
    tab.page.select_option("#id_kind", value="year_end")
    tab.page.click("main form button[type=submit]")
    tab.page.wait_for_load_state()
    add_line(tab.page, an, "CSTDCS", "Giải quyết 120 vụ án đúng hạn")
    add_line(tab.page, binh, "LDTT", "Hoàn thành xuất sắc nhiệm vụ")
    table = tab.page.locator("#line-table")
    an_row = table.locator("tr", has_text="Nguyễn Văn An")
    assert "Không đủ tiêu chuẩn" in an_row.inner_text() and "trước khi gửi" in an_row.inner_text()
    assert "Cần 1 sáng kiến" in an_row.inner_text()  # what is missing, in words
    assert "chưa kiểm tra" not in table.inner_text()
    caps = tab.page.locator("#caps").inner_text()
    assert "Tỉnh được đề nghị tối đa 0 “Chiến sĩ thi đua cơ sở” (15 % của 2 “Lao động tiên tiến” trở lên" in caps
    assert "đã đề nghị 1 (kể cả 1 dòng đơn vị chưa gửi)" in caps
    tab.snap("draft-verdicts")

    tab.page.click("#submit-proposal")
    tab.page.wait_for_load_state()
    summary = tab.page.locator("#submit-summary").inner_text()
    assert "2 dòng sẽ được gửi Thường trực Hội đồng" in summary
    assert "Chiến sĩ thi đua cơ sở: 1" in summary and "Lao động tiên tiến: 1" in summary
    assert world["secretariat"].email in summary and "không thể sửa" in summary
    assert "1 dòng chưa đủ điều kiện" in tab.page.locator("#submit-failing").inner_text()
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.DRAFT}  # asking sent nothing
    tab.snap("submit-confirmation")

    tab.page.click("#confirm-submit")
    tab.page.wait_for_load_state()
    assert "Đã gửi 2 đề nghị" in tab.page.content()
    assert "Đã gửi, chờ thẩm định" in tab.page.locator("#line-table").inner_text()
    assert tab.page.locator("#submit-proposal").count() == 0
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.SUBMITTED}
    tab.snap("sent")


def test_secretariat_issues_a_decision_after_its_confirmation(journey, world):
    unit, binh, cuong = world["unit"], world["staff"][1], world["staff"][2]
    lines = f.propose(unit, world["plan"], [(binh, "LDTT", []), (cuong, "LDTT", []), (None, "TTLDTT", [])])
    for line in lines:
        for state in (LineState.ACCEPTED, LineState.APPROVED):
            line_transition(line=line, to_state=state, actor=world["secretariat"])
    decision = decision_create(year_plan=world["plan"], kind="decision", lines=lines, actor=world["secretariat"])
    tab = journey("decision-issue")
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/decisions/{decision.pk}/")
    tab.page.fill("#number", "45/QĐ-VKS")
    tab.page.fill("#issued_on", "25/12/2019")
    tab.snap("issue-form")
    tab.page.click("#issue-decision")
    tab.page.wait_for_load_state()
    summary = tab.page.locator("#issue-summary").inner_text()
    assert "45/QĐ-VKS" in summary and "25/12/2019" in summary
    assert "3 bản ghi khen thưởng sẽ được tạo" in summary
    assert "Lao động tiên tiến: 2" in summary and "Tập thể lao động tiên tiến: 1" in summary
    assert "1 đơn vị được báo qua thư điện tử" in summary and "(3 dòng)" in summary
    assert not AwardRecord.objects.exists()
    tab.snap("issue-confirmation")
    tab.page.click("#confirm-issue")
    tab.page.wait_for_load_state()
    assert "Đã ban hành văn bản." in tab.page.content()
    assert Decision.objects.get().state == DecisionState.ISSUED and AwardRecord.objects.count() == 3
    assert Proposal.objects.count() == 1
    tab.snap("issued")
