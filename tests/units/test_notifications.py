"""Notifications: recorded once per user with the e-mail through the outbox, the bell's count, the list page, and
each event that notifies (a registration returned, an extension, a line reviewed, a decision, a reminder, a
document ready)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import DecisionKind
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import review_accept, review_reject, review_return
from registrations.reminders import reminders_record
from registrations.services import deadline_extension_grant, registration_return, registration_submit
from reports.enums import ReportKind
from reports.services import report_render, report_request
from tests import factories as f
from tests.factories import accept_all, assert_list_queries, full_lines, local_dt, propose, register
from units.context_processors import notifications as bell
from units.models import Notification, OutboxMessage
from units.notifications import mark_read, notifications_for, notify, unread_count


def sheet_path(plan, unit):
    return reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})


# --- notify, mark_read, the selectors -----------------------------------------------------------------------------


def test_notify_records_one_row_and_one_mail_per_user_once(settings, officer, secretariat):
    nobody = f.make_user("officer", unit=officer.unit)
    nobody.email = ""
    nobody.save(update_fields=["email"])
    for _ in range(2):
        notify([officer, secretariat, nobody], key="probe:1", text="Có việc cần làm", url="/staff/", subject="Việc")
    rows = Notification.objects.order_by("user_id")
    assert [(n.user, n.key, n.text, n.url, n.read_at) for n in rows] == [
        (user, f"probe:1:user:{user.pk}", "Có việc cần làm", "/staff/", None)
        for user in sorted([officer, secretariat, nobody], key=lambda u: u.pk)
    ]
    messages = OutboxMessage.objects.order_by("key")
    assert sorted(m.recipients[0] for m in messages) == sorted([officer.email, secretariat.email])
    message = messages.get(key=f"probe:1:user:{officer.pk}")
    assert message.subject == "Việc"
    assert "Có việc cần làm" in message.body_text and f"{settings.SITE_URL}/staff/" in message.body_text


def test_notify_without_email_records_only_the_row(officer):
    notify([officer], key="probe:2", text="Chỉ trong ứng dụng", url="/", email=False)
    assert Notification.objects.filter(user=officer).count() == 1
    assert not OutboxMessage.objects.exists()


def test_mark_read_changes_only_the_users_own_rows(officer, other_officer):
    notify([officer, other_officer], key="a", text="A", url="/", email=False)
    notify([officer], key="b", text="B", url="/", email=False)
    theirs = Notification.objects.get(user=other_officer)
    mine_a = Notification.objects.get(user=officer, key__startswith="a:")
    assert mark_read(officer, [mine_a.pk, theirs.pk]) == 1
    assert (unread_count(officer), Notification.objects.get(pk=theirs.pk).read_at) == (1, None)
    assert mark_read(officer) == 1
    assert unread_count(officer) == 0


def test_unread_count_is_one_query_kept_for_the_request(officer):
    notify([officer], key="a", text="A", url="/", email=False)
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(officer) == 1
        assert unread_count(officer) == 1
        assert bell(type("Request", (), {"user": officer})()) == {"notifications_unread": 1}
    assert len(queries) == 1


def test_the_bell_asks_nothing_for_an_anonymous_user(db):
    with CaptureQueriesContext(connection) as queries:
        assert bell(type("Request", (), {"user": AnonymousUser()})()) == {}
    assert len(queries) == 0


def test_notifications_for_pages_newest_first(officer):
    for index in range(3):
        notify([officer], key=f"n{index}", text=f"Thông báo {index}", url="/", email=False)
    page = notifications_for(officer, per_page=2)
    assert ([n.text for n in page.object_list], page.paginator.num_pages) == (["Thông báo 2", "Thông báo 1"], 2)


# --- The pages -----------------------------------------------------------------------------------------------------


def test_the_list_page_runs_a_fixed_number_of_queries(client, officer):
    client.force_login(officer)

    def row(index):
        notify([officer], key=f"row{index}", text=f"Thông báo số {index}", url="/", email=False)

    page = assert_list_queries(client, reverse("units:notifications"), row, expected=5)
    text = page.content.decode()
    assert "Thông báo số 2" in text and "Đánh dấu đã đọc tất cả" in text
    assert text.count("notification-unread") == 3
    assert 'id="notification-count">3<' in text


def test_opening_one_marks_it_read_and_goes_to_its_page(client, officer, plan, unit):
    notify([officer], key="open", text="Mở trang đăng ký", url=sheet_path(plan, unit), email=False)
    notification = Notification.objects.get()
    client.force_login(officer)
    response = client.post(reverse("units:notification_open", kwargs={"pk": notification.pk}))
    assert (response.status_code, response["Location"]) == (302, sheet_path(plan, unit))
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(reverse("units:notifications")).content.decode()
    assert "notification-unread" not in page and 'id="notification-count"' not in page


def test_another_users_notification_is_not_found(client, officer, other_officer):
    notify([other_officer], key="theirs", text="Của đơn vị khác", url="/", email=False)
    client.force_login(officer)
    theirs = Notification.objects.get()
    response = client.post(reverse("units:notification_open", kwargs={"pk": theirs.pk}))
    assert response.status_code == 404
    assert Notification.objects.get().read_at is None
    assert "Của đơn vị khác" not in client.get(reverse("units:notifications")).content.decode()


def test_an_outside_link_is_not_followed(client, officer):
    notify([officer], key="far", text="Liên kết ngoài", url="https://example.com/", email=False)
    client.force_login(officer)
    response = client.post(reverse("units:notification_open", kwargs={"pk": Notification.objects.get().pk}))
    assert response["Location"] == reverse("units:notifications")


def test_mark_all_read(client, officer):
    for index in range(2):
        notify([officer], key=f"all{index}", text="Thông báo", url="/", email=False)
    client.force_login(officer)
    response = client.post(reverse("units:notifications_read"), follow=True)
    assert "Đã đánh dấu đã đọc tất cả thông báo." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


# --- The events ----------------------------------------------------------------------------------------------------


def test_a_returned_registration_tells_its_officers_with_the_reason(settings, unit, staff, plan, officer, secretariat):
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 15)
    )
    before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    registration_return(registration=registration, actor=secretariat, reason="Sai danh hiệu tập thể")
    notification = Notification.objects.get(user=officer)
    assert notification.text == "Bản đăng ký thi đua năm 2018 bị trả lại để hoàn thiện: Sai danh hiệu tập thể"
    assert notification.url == sheet_path(plan, unit)
    mail = OutboxMessage.objects.exclude(pk__lte=before).get()
    assert mail.recipients == [officer.email]
    assert (
        "Sai danh hiệu tập thể" in mail.body_text and f"{settings.SITE_URL}{sheet_path(plan, unit)}" in mail.body_text
    )


def test_an_extension_tells_the_units_officers(unit, plan, officer, secretariat):
    deadline_extension_grant(
        unit=unit,
        year_plan=plan,
        new_deadline=datetime.date(2018, 1, 24),
        reason="Đơn vị có nhiều cán bộ mới",
        actor=secretariat,
    )
    notification = Notification.objects.get(user=officer)
    assert notification.text == (
        "Hạn đăng ký thi đua năm 2018 của đơn vị được gia hạn đến ngày 24/01/2018: Đơn vị có nhiều cán bộ mới"
    )
    assert OutboxMessage.objects.get().recipients == [officer.email]


def test_a_reminder_is_also_in_the_bell_without_a_second_mail(settings, freeze, unit, plan, officer):
    settings.REGISTRATION_REMINDER_OFFSETS = [3]
    freeze(local_dt(2018, 1, 14, 8, 0))
    reminders_record(datetime.date(2018, 1, 14), enqueue=False)
    reminders_record(datetime.date(2018, 1, 14), enqueue=False)
    notification = Notification.objects.get(user=officer)
    assert notification.text == "Còn 3 ngày để gửi bản đăng ký thi đua năm 2018 (hạn 23 giờ 59 ngày 17/01/2018)"
    assert notification.url == sheet_path(plan, unit)
    assert OutboxMessage.objects.filter(unit=unit).count() == 1  # the reminder's own e-mail, once


@pytest.fixture
def lines(unit, staff, plan, officer):
    register(unit, plan, {})
    return propose(unit, plan, [(staff[0], "LDTT", []), (staff[1], "LDTT", []), (staff[2], "LDTT", [])])


def test_line_reviews_are_in_the_bell_and_each_mailed_once(lines, officer, secretariat):
    accepted, returned, rejected = lines
    review_accept(line=accepted, actor=secretariat)
    review_return(line=returned, actor=secretariat, reason="Bổ sung thành tích")
    review_reject(line=rejected, actor=secretariat, reason="Không đủ điều kiện")
    texts = sorted(Notification.objects.filter(user=officer).values_list("text", flat=True))
    names = [line.staff.full_name for line in lines]
    assert texts == sorted(
        [
            f"Thường trực Hội đồng đã chấp nhận đề nghị “Lao động tiên tiến” cho {names[0]}.",
            f"Đề nghị “Lao động tiên tiến” cho {names[1]} bị trả lại để hoàn thiện: Bổ sung thành tích",
            f"Đề nghị “Lao động tiên tiến” cho {names[2]} không được chấp nhận: Không đủ điều kiện",
        ]
    )
    # One e-mail per review: the existing line_reviewed ones and the new one for the accepted line.
    assert OutboxMessage.objects.filter(key__startswith="line:").count() == 3
    url = reverse("awards:proposal_detail", kwargs={"pk": accepted.proposal_id})
    assert set(Notification.objects.values_list("url", flat=True)) == {url}


def test_an_issued_decision_is_in_the_officers_bell(province, unit, plan, officer, secretariat, lines):
    accept_all(lines, secretariat)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    meeting = meeting_create(
        year_plan=plan,
        actor=secretariat,
        held_at=local_dt(2018, 12, 20, 8),
        members=[(f.make_staff(office, f"Thành viên Số{i}"), "Ủy viên", True) for i in range(5)],
    )
    for item in agenda_add(meeting=meeting, lines=lines[:2], actor=secretariat):
        tally_record(item=item, actor=secretariat, yes=5, no=0, blank=0)
    for line in lines:
        line.refresh_from_db()
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=lines[:2], actor=secretariat)
    Notification.objects.all().delete()
    mails = OutboxMessage.objects.count()
    decision_issue(decision=decision, actor=secretariat, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    notification = Notification.objects.get(user=officer)
    assert notification.text == (
        "Đã ban hành Quyết định số 45/QĐ-VKS ngày 25/12/2018: 2 trường hợp của đơn vị được khen thưởng."
    )
    assert notification.url == reverse("awards:proposal_list", kwargs={"plan": plan.pk})
    assert OutboxMessage.objects.count() == mails + 1  # only lines_decided


def test_a_ready_document_tells_the_secretariat_user_who_asked(
    settings, tmp_path, unit, staff, plan, officer, secretariat
):
    settings.MEDIA_ROOT = tmp_path
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 15)
    )
    job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)
    report_render(job.pk)
    notification = Notification.objects.get(user=secretariat)
    assert notification.text.startswith("Tài liệu “") and notification.text.endswith("” đã sẵn sàng để tải về.")
    assert notification.url == reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    assert OutboxMessage.objects.filter(key=notification.key, recipients=[secretariat.email]).exists()
