"""The public consultation on high awards (domain-rules.md §3.3): who opens, comments, answers and closes, the
window in Asia/Ho_Chi_Minh, and the gate ``consultation_problems`` the dossier reads, in any order of events."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.enums import ConsultationState
from awards.models import RuleSet, TitleRule
from awards.services.consultations import (
    consultation_answer,
    consultation_close,
    consultation_comment,
    consultation_open,
    consultation_problems,
)
from awards.services.decisions import decision_create
from awards.services.lines import line_transition
from tests import factories as f
from tests.factories import accept_all, assert_list_queries, local_dt, propose
from units.enums import Role
from units.models import AuditEntry, Notification

JULY_3 = datetime.date(2019, 7, 3)
JULY_12 = datetime.date(2019, 7, 12)


def at(day: datetime.date, hour: int = 9):
    """A moment of ``day`` in Hà Nội."""
    return f.local_dt(day.year, day.month, day.day, hour)


@pytest.fixture
def secretary(secretariat):
    return secretariat


@pytest.fixture
def submission(unit, plan, staff, secretary):
    return f.high_award_submission(unit, plan, secretary, staff[:2])


@pytest.fixture
def opened(submission, secretary, freeze):
    freeze(local_dt(2019, 7, 3, 8))
    return consultation_open(submission, JULY_3, JULY_12, "Lấy ý kiến đề nghị Huân chương", secretary)


def test_rule_sets_require_consultation_for_high_awards(db):
    for rule_set in RuleSet.objects.all():
        required = set(
            TitleRule.objects.filter(rule_set=rule_set, requires_consultation=True).values_list(
                "title__code", flat=True
            )
        )
        assert {"HCLD1", "HCLD2", "HCLD3", "CSTD_TQ"} <= required, rule_set.code
        assert not required & {"LDTT", "CSTDCS", "CSTD_NGANH", "BK_VKSTC"}
        days = set(
            TitleRule.objects.filter(rule_set=rule_set, requires_consultation=True).values_list(
                "consultation_days", flat=True
            )
        )
        assert days == {10}


def test_no_consultation_means_the_gate_says_so(submission):
    (problem,) = consultation_problems(submission, today=JULY_3)
    assert "Huân chương Lao động hạng Ba" in problem
    assert "lấy ý kiến" in problem


def test_decision_without_high_awards_needs_none(unit, plan, staff, secretary):
    lines = propose(unit, plan, [(staff[2], "BK_VKSTC", [])])
    accept_all(lines, secretary)
    line_transition(line=lines[0], to_state="approved", actor=secretary)
    submission = decision_create(year_plan=plan, kind="forwarding", lines=lines, actor=secretary)
    assert consultation_problems(submission, today=JULY_3) == []
    with pytest.raises(ValidationError, match="không có trường hợp nào"):
        consultation_open(submission, JULY_3, JULY_12, "", secretary, now=at(JULY_3))


def test_open_checks_window_length_and_start(submission, secretary):
    with pytest.raises(ValidationError) as error:
        consultation_open(submission, JULY_3, JULY_3 + datetime.timedelta(days=8), "", secretary, now=at(JULY_3))
    assert "ít nhất 10 ngày" in error.value.messages[0]
    with pytest.raises(ValidationError):
        consultation_open(submission, JULY_3, JULY_12, "", secretary, now=at(JULY_3 + datetime.timedelta(days=1)))


def test_open_only_by_the_secretariat(submission, officer, council_member):
    for actor in (officer, council_member):
        with pytest.raises(PermissionDenied):
            consultation_open(submission, JULY_3, JULY_12, "", actor, now=at(JULY_3))


def test_open_is_audited_and_tells_every_account(secretary, officer, other_officer, council_member, opened):
    entry = AuditEntry.objects.get(action="consultation.open")
    assert entry.actor == secretary
    assert entry.data["opens_on"] == "2019-07-03" and entry.data["closes_on"] == "2019-07-12"
    told = set(
        Notification.objects.filter(key__startswith=f"consultation:{opened.pk}:open").values_list("user", flat=True)
    )
    assert {secretary.pk, officer.pk, other_officer.pk, council_member.pk} <= told


def test_comment_in_the_window_tells_the_secretariat(opened, other_officer, secretary, submission):
    line = submission.lines.first()
    comment = consultation_comment(
        opened, other_officer, "Đồng chí này còn thiếu sáng kiến", line=line, now=at(JULY_12)
    )
    assert comment.author == other_officer and comment.line == line
    notice = Notification.objects.get(user=secretary, key__contains=f":comment:{comment.pk}")
    assert other_officer.display_name in notice.text
    assert notice.url == reverse("awards:consultation_detail", kwargs={"pk": opened.pk})
    assert AuditEntry.objects.filter(action="consultation.comment", data__comment=comment.pk).exists()


def test_comment_after_the_window_refused(opened, other_officer):
    with pytest.raises(ValidationError) as error:
        consultation_comment(opened, other_officer, "Muộn", now=at(JULY_12 + datetime.timedelta(days=1)))
    assert "12/07/2019" in error.value.messages[0]
    assert not opened.comments.exists()


def test_comment_before_the_window_refused(opened, other_officer):
    with pytest.raises(ValidationError) as error:
        consultation_comment(opened, other_officer, "Sớm", now=at(datetime.date(2019, 7, 2)))
    assert "03/07/2019" in error.value.messages[0]


def test_window_is_read_in_vietnam_time(opened, other_officer, freeze):
    # 16:30 UTC on 12 July is 23:30 in Hà Nội: still the last day of the window.
    freeze(datetime.datetime(2019, 7, 12, 16, 30, tzinfo=datetime.UTC))
    consultation_comment(opened, other_officer, "Kịp giờ")
    # 17:30 UTC is 00:30 on 13 July in Hà Nội: over.
    freeze(datetime.datetime(2019, 7, 12, 17, 30, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError):
        consultation_comment(opened, other_officer, "Quá giờ")


def test_comment_from_another_province_refused(opened):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    outsider = f.make_officer(f.make_unit(foreign))
    with pytest.raises(PermissionDenied):
        consultation_comment(opened, outsider, "Ý kiến", now=at(JULY_3))


def test_comment_on_a_line_not_on_the_list_refused(opened, unit, plan, staff, other_officer):
    (other_line,) = propose(unit, plan, [(staff[2], "GK_VKS_TINH", [])])
    with pytest.raises(ValidationError):
        consultation_comment(opened, other_officer, "Ý kiến", line=other_line, now=at(JULY_3))


def test_the_gate_in_every_order(opened, other_officer, secretary):
    # Open, no comment yet, window running.
    (problem,) = consultation_problems(opened.decision, today=JULY_3)
    assert "12/07/2019" in problem
    comment = consultation_comment(opened, other_officer, "Cần làm rõ thành tích", now=at(JULY_3))
    problems = consultation_problems(opened.decision, today=JULY_3)
    assert len(problems) == 2 and "chưa được trả lời" in problems[1]
    # Closing before the window ended is refused.
    with pytest.raises(ValidationError):
        consultation_close(opened, secretary, now=at(JULY_12))
    # Window over but not closed: still blocked, and the comment unanswered.
    after = JULY_12 + datetime.timedelta(days=1)
    problems = consultation_problems(opened.decision, today=after)
    assert len(problems) == 2 and "chưa kết thúc lấy ý kiến" in problems[0]
    # Closed with the comment unanswered: the comment still blocks.
    consultation_close(opened, secretary, now=at(after))
    opened.refresh_from_db()
    assert opened.state == ConsultationState.CLOSED and opened.closed_at is not None
    (problem,) = consultation_problems(opened.decision, today=after)
    assert "chưa được trả lời" in problem
    # Answered (after closing): nothing stops the dossier.
    consultation_answer(comment, "Đã bổ sung hồ sơ", secretary)
    assert consultation_problems(opened.decision, today=after) == []
    comment.refresh_from_db()
    assert comment.answered_by == secretary and comment.answered_at is not None
    assert AuditEntry.objects.filter(action="consultation.closed", to_state="closed").count() == 1
    assert AuditEntry.objects.filter(action="consultation.answer").count() == 1
    # No comment after the close, even on a day inside the window.
    with pytest.raises(ValidationError):
        consultation_comment(opened, other_officer, "Thêm", now=at(JULY_3))


def test_answer_then_close_passes(opened, other_officer, secretary):
    comment = consultation_comment(opened, other_officer, "Ý kiến", now=at(JULY_3))
    consultation_answer(comment, "Trả lời", secretary)
    after = JULY_12 + datetime.timedelta(days=1)
    assert len(consultation_problems(opened.decision, today=after)) == 1  # not closed yet
    consultation_close(opened, secretary, now=at(after))
    assert consultation_problems(opened.decision, today=after) == []
    with pytest.raises(ValidationError):
        consultation_close(opened, secretary, now=at(after))


def test_answer_only_by_the_secretariat(opened, other_officer, officer):
    comment = consultation_comment(opened, other_officer, "Ý kiến", now=at(JULY_3))
    with pytest.raises(PermissionDenied):
        consultation_answer(comment, "Trả lời", officer)
    with pytest.raises(ValidationError):
        consultation_answer(comment, "   ", f.make_user(Role.SECRETARIAT, province=opened.decision.province))


# --- Pages -----------------------------------------------------------------------------------------------------


def test_every_account_of_the_province_reads_and_comments(client, opened, other_officer, freeze):
    freeze(local_dt(2019, 7, 5, 9))
    client.force_login(other_officer)
    url = reverse("awards:consultation_detail", kwargs={"pk": opened.pk})
    page = client.get(url).content.decode()
    assert "Huân chương Lao động hạng Ba" in page and "Hoàn thành xuất sắc nhiệm vụ" in page
    assert "Viện kiểm sát nhân dân huyện Đông Hưng" in page
    response = client.post(url, {"line": "", "text": "Đề nghị làm rõ"})
    assert response.status_code == 302
    assert opened.comments.get().author == other_officer


def test_statistics_officer_and_council_read(client, opened, council_member, freeze, province):
    freeze(local_dt(2019, 7, 5, 9))
    for user in (council_member, f.make_user(Role.STATISTICS, province=province)):
        client.force_login(user)
        page = client.get(reverse("awards:consultation_list")).content.decode()
        assert reverse("awards:consultation_detail", kwargs={"pk": opened.pk}) in page


def test_officer_of_another_province_gets_404(client, opened):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    client.force_login(f.make_officer(f.make_unit(foreign)))
    assert client.get(reverse("awards:consultation_detail", kwargs={"pk": opened.pk})).status_code == 404
    assert (
        reverse("awards:consultation_detail", kwargs={"pk": opened.pk})
        not in client.get(reverse("awards:consultation_list")).content.decode()
    )


def test_secretariat_opens_answers_and_closes_through_the_pages(client, submission, secretary, other_officer, freeze):
    freeze(local_dt(2019, 7, 3, 8))
    client.force_login(secretary)
    detail = client.get(reverse("awards:decision_detail", kwargs={"pk": submission.pk})).content.decode()
    assert reverse("awards:consultation_open", kwargs={"pk": submission.pk}) in detail
    form = client.get(reverse("awards:consultation_open", kwargs={"pk": submission.pk}))
    assert form.context["form"].initial == {"opens_on": JULY_3, "closes_on": JULY_12}
    response = client.post(
        reverse("awards:consultation_open", kwargs={"pk": submission.pk}),
        {"opens_on": "03/07/2019", "closes_on": "12/07/2019", "notice": "Góp ý gửi Thường trực"},
    )
    consultation = submission.consultation
    assert response.url == reverse("awards:consultation_detail", kwargs={"pk": consultation.pk})
    comment = consultation_comment(consultation, other_officer, "Ý kiến", now=at(JULY_3))
    client.post(reverse("awards:consultation_answer", kwargs={"pk": comment.pk}), {"answer": "Đã xem xét"})
    comment.refresh_from_db()
    assert comment.answer == "Đã xem xét"
    freeze(local_dt(2019, 7, 13, 8))
    client.force_login(secretary)  # a new day: the idle session ended
    confirm = client.get(reverse("awards:consultation_close", kwargs={"pk": consultation.pk})).content.decode()
    assert "không thể mở lại" in confirm
    client.post(reverse("awards:consultation_close", kwargs={"pk": consultation.pk}))
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.CLOSED


def test_consultation_list_queries(client, province, plan, unit, secretary, freeze):
    freeze(local_dt(2019, 7, 3, 8))
    client.force_login(secretary)

    def row(index):
        person = f.make_staff(unit)
        submission = f.high_award_submission(unit, plan, secretary, [person])
        consultation = consultation_open(submission, JULY_3, JULY_12, "", secretary)
        consultation_comment(consultation, secretary, "Ý kiến", now=at(JULY_3))

    page = assert_list_queries(client, reverse("awards:consultation_list"), row, expected=5)
    assert len(page.context["consultations"]) == 3
