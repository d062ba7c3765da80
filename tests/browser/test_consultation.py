"""Issue 16 in a real browser: the secretariat opens the public consultation on a Huân chương candidate from the
forwarding submission's page, an officer of another unit reads the candidate and comments, the secretariat answers
and, once the window has ended, closes it (asked once, without JavaScript). Desktop and phone."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import ConsultationState
from awards.models import Consultation
from awards.services.consultations import consultation_problems
from tests import factories as f

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    person = f.make_staff(unit, "Vũ Văn Hải", position="Viện trưởng")
    plan = f.make_plan(province, 2018)
    f.make_user("officer", unit=unit, username="donghung")
    f.make_user("officer", unit=other, username="hungha")
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    submission = f.high_award_submission(unit, plan, secretary, [person])
    return {"submission": submission}


def test_open_comment_answer_close(journey, world, freeze):
    submission = world["submission"]
    tab = journey("consultation")
    page = tab.page
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/decisions/{submission.pk}/")
    with page.expect_navigation():
        page.click("#open-consultation-link")
    today = timezone.localdate()
    assert page.input_value("#id_opens_on") == f"{today:%d/%m/%Y}"
    assert page.input_value("#id_closes_on") == f"{today + datetime.timedelta(days=9):%d/%m/%Y}"
    page.fill("#id_notice", "Ý kiến gửi Thường trực Hội đồng trên trang này.")
    tab.snap("open")
    with page.expect_navigation():
        page.click("#open-consultation")
    assert "Đã mở lấy ý kiến" in page.content(), page.locator("main").inner_text()
    assert "Vũ Văn Hải" in page.locator("#candidate-table").inner_text()
    tab.snap("opened")
    consultation = Consultation.objects.get(decision=submission)

    tab.sign_in("hungha", f.PASSWORD)
    assert page.locator("nav a[href='/consultations/']").count() == 1  # in the menu of every account
    tab.go("/consultations/")
    assert page.locator("#consultation-table a").count() == 1
    tab.snap("list")
    with page.expect_navigation():
        page.click("#consultation-table a")
    row = page.locator("#candidate-table").inner_text()
    assert "Viện trưởng" in row and "Huân chương Lao động hạng Ba" in row and "Hoàn thành xuất sắc nhiệm vụ" in row
    page.select_option("#id_line", label="Vũ Văn Hải – Huân chương Lao động hạng Ba")
    page.fill("#id_text", "Đề nghị bổ sung các quyết định khen thưởng 05 năm gần nhất.")
    tab.snap("comment")
    with page.expect_navigation():
        page.click("#comment-form button[type=submit]")
    assert "Đã gửi ý kiến đến Thường trực Hội đồng." in page.content()
    tab.snap("commented")

    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/consultations/{consultation.pk}/")
    assert "Đề nghị bổ sung" in page.locator("#comments ~ .card").first.inner_text()
    comment = consultation.comments.get()
    page.fill(f"#answer-{comment.pk}", "Hồ sơ đã bổ sung đủ các quyết định.")
    tab.snap("answer")
    with page.expect_navigation():
        page.click(f"#comment-{comment.pk} button[type=submit]")
    assert "Đã ghi nội dung trả lời." in page.content()

    # Eleven days later the window has ended: the secretariat closes it, asked once.
    freeze(timezone.now() + datetime.timedelta(days=11))
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/consultations/{consultation.pk}/")
    with page.expect_navigation():
        page.click("#close-consultation")
    assert "không thể mở lại" in page.content()
    tab.snap("close")
    with page.expect_navigation():
        page.click("#confirm-close")
    assert "Đã kết thúc lấy ý kiến" in page.content()
    assert page.locator("#consultation-record").count() == 1
    tab.snap("closed")
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.CLOSED
    assert consultation_problems(submission) == []
