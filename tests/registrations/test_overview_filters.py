"""The secretariat's overview: badges, lateness, filters, sorts, "Nhắc ngay", the totals' labels, the reminders
page's "last ran", and the per-person sheet of the export (issue 13, items 9, 12 and 14)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registrations.models import Reminder
from registrations.reminders import MANUAL, reminders_record, reminders_send_now
from registrations.services import (
    deadline_extension_grant,
    registration_return,
    registration_save_draft,
    registration_submit,
)
from reports.documents import registration_summary_document
from tests import factories as f
from tests.factories import assert_list_queries, full_lines, local_dt
from units.models import AuditEntry, OutboxMessage

AFTER_DEADLINE = (2018, 1, 20, 9, 0)


@pytest.fixture
def world(province, plan, secretariat):
    """Four units in the province's order: submitted, draft, returned, not started; each with an officer."""
    names = ["Đông Hưng", "Hưng Hà", "Vũ Thư", "Kiến Xương"]
    units = [f.make_unit(province, f"Viện kiểm sát nhân dân huyện {n}", order=i) for i, n in enumerate(names)]
    officers = [f.make_officer(u) for u in units]
    staff = {u.pk: [f.make_staff(u) for _ in range(2)] for u in units}
    registration_submit(
        unit=units[0],
        year_plan=plan,
        actor=officers[0],
        lines=full_lines(units[0], staff[units[0].pk]),
        now=local_dt(2018, 1, 12, 9, 0),
    )
    registration_save_draft(
        unit=units[1],
        year_plan=plan,
        actor=officers[1],
        lines=full_lines(units[1], staff[units[1].pk]),
        now=local_dt(2018, 1, 13, 9, 0),
    )
    returned = registration_submit(
        unit=units[2],
        year_plan=plan,
        actor=officers[2],
        lines=full_lines(units[2], staff[units[2].pk]),
        now=local_dt(2018, 1, 14, 9, 0),
    )
    registration_return(registration=returned, actor=secretariat, reason="Thiếu hồ sơ")
    # The province's own office (first in the province's order) has submitted: it stays out of the assertions.
    registration_submit(
        unit=province,
        year_plan=plan,
        actor=f.make_officer(province),
        lines=full_lines(province, []),
        now=local_dt(2018, 1, 11, 9, 0),
    )
    return {"units": units, "officers": officers, "staff": staff, "province": province}


def overview(client, plan, **query):
    return client.get(reverse("registrations:overview", kwargs={"plan": plan.pk}), query)


def shown_units(response):
    """The districts shown, in order (the province's own office, submitted, left out)."""
    return [row.unit.pk for row in response.context["table"]["rows"] if row.unit.parent_id is not None]


def test_badges_and_late_after_the_deadline(client, freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    response = overview(client, plan)
    rows = response.context["table"]["rows"][1:]
    assert [str(row.badge) for row in rows] == ["Đã gửi", "Đang soạn", "Bị trả lại", "Chưa bắt đầu"]
    assert [row.late for row in rows] == [False, True, True, True]
    html = response.content.decode()
    assert html.count(">Quá hạn</span>") == 3
    assert "Quá hạn: 3" in html
    assert "Nhắc ngay 3 đơn vị quá hạn" in html


def test_an_extension_keeps_a_unit_out_of_the_late(client, freeze, secretariat, plan, world):
    deadline_extension_grant(
        unit=world["units"][1],
        year_plan=plan,
        new_deadline=datetime.date(2018, 1, 25),
        reason="Đơn vị đang kiện toàn",
        actor=secretariat,
    )
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    response = overview(client, plan, late="1")
    assert shown_units(response) == [world["units"][2].pk, world["units"][3].pk]


def test_nothing_is_late_before_the_deadline(client, freeze, secretariat, plan, world):
    freeze(local_dt(2018, 1, 17, 23, 0))  # the deadline day is inclusive
    client.force_login(secretariat)
    response = overview(client, plan, late="1")
    assert shown_units(response) == []
    assert "Không có đơn vị nào phù hợp với bộ lọc." in response.content.decode()


@pytest.mark.parametrize(
    ("state", "expected"),
    [("submitted", [0]), ("draft", [1]), ("returned", [2]), ("not_started", [3]), ("x", [0, 1, 2, 3])],
)
def test_filter_by_state(client, freeze, secretariat, plan, world, state, expected):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    response = overview(client, plan, state=state)
    assert shown_units(response) == [world["units"][i].pk for i in expected]
    with_province = len(expected) + (state in ("submitted", "x"))
    assert f"{with_province}/5 đơn vị" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"), [("order", [0, 1, 2, 3]), ("state", [0, 1, 2, 3]), ("sent", [2, 0, 1, 3])]
)
def test_sorts(client, freeze, secretariat, plan, world, sort, expected):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    assert shown_units(overview(client, plan, sort=sort)) == [world["units"][i].pk for i in expected]


def test_sort_by_time_sent_puts_the_newest_first(client, freeze, secretariat, province, plan, world):
    late_sender = f.make_unit(province, "Viện kiểm sát nhân dân huyện Tiền Hải", order=9)
    registration_submit(
        unit=late_sender,
        year_plan=plan,
        actor=f.make_officer(late_sender),
        lines=full_lines(late_sender, []),
        now=local_dt(2018, 1, 16, 9, 0),
    )
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    order = shown_units(overview(client, plan, sort="sent"))
    # Newest first (a returned registration keeps the time it was sent), the unsent ones last in the units' order.
    assert order == [
        late_sender.pk,
        world["units"][2].pk,
        world["units"][0].pk,
        world["units"][1].pk,
        world["units"][3].pk,
    ]


def test_remind_all_late_units_records_mail_audit_and_says_how_many(client, freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    url = reverse("registrations:remind", kwargs={"plan": plan.pk})
    click = "a" * 32
    response = client.post(url, {"all_late": "1", "click": click, "query": "late=1"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?late=1")
    html = response.content.decode()
    assert "Đã gửi thư nhắc 3 đơn vị" in html
    late = world["units"][1:]
    reminders = Reminder.objects.filter(days_before=MANUAL).order_by("unit__display_order")
    assert [r.unit_id for r in reminders] == [u.pk for u in late]
    assert all(r.due_date == datetime.date(2018, 1, 20) for r in reminders)
    assert {r.message.key for r in reminders} == {f"reminder-now:{plan.pk}:{u.pk}:{click}" for u in late}
    assert reminders[0].message.recipients == [world["officers"][1].email]
    assert "Đã hết hạn đăng ký" in reminders[0].message.body_text
    assert AuditEntry.objects.filter(action="registration.remind", actor=secretariat).count() == 3
    # The same click again (a double click): nothing more.
    again = client.post(url, {"all_late": "1", "click": click}, follow=True)
    assert OutboxMessage.objects.filter(key__startswith="reminder-now:").count() == 3
    assert "3 đơn vị đã được nhắc hôm nay nên không nhắc lại." in again.content.decode()
    # The reminders page lists them.
    page = client.get(reverse("registrations:reminders", kwargs={"plan": plan.pk})).content.decode()
    assert page.count("Thường trực nhắc ngay") == 3


def test_remind_one_unit_before_the_deadline(client, freeze, secretariat, plan, world):
    freeze(local_dt(2018, 1, 15, 10, 0))
    client.force_login(secretariat)
    url = reverse("registrations:remind", kwargs={"plan": plan.pk})
    response = client.post(url, {"unit": world["units"][3].pk, "click": "b" * 32}, follow=True)
    assert "Đã gửi thư nhắc 1 đơn vị: Viện kiểm sát nhân dân huyện Kiến Xương." in response.content.decode()
    message = Reminder.objects.get(days_before=MANUAL).message
    assert message.subject == "Còn 2 ngày: hạn đăng ký danh hiệu thi đua năm 2018 (17/01/2018)"
    assert message.recipients == [world["officers"][3].email]


def test_reminding_a_unit_that_submitted_is_refused(client, freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    url = reverse("registrations:remind", kwargs={"plan": plan.pk})
    response = client.post(url, {"unit": world["units"][0].pk, "click": "c" * 32}, follow=True)
    assert "Đơn vị đã gửi đăng ký; không cần nhắc." in response.content.decode()
    assert not Reminder.objects.exists()


def test_reminding_another_provinces_unit_is_404(client, freeze, secretariat, plan, world):
    other = f.make_unit(f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    client.force_login(secretariat)
    url = reverse("registrations:remind", kwargs={"plan": plan.pk})
    assert client.post(url, {"unit": other.pk, "click": "d" * 32}).status_code == 404
    assert not Reminder.objects.exists()


def test_council_members_see_no_remind_buttons(client, freeze, council_member, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(council_member)
    html = overview(client, plan).content.decode()
    assert "Nhắc ngay" not in html and "remind-form" not in html
    assert client.post(reverse("registrations:remind", kwargs={"plan": plan.pk}), {"all_late": "1"}).status_code in (
        403,
        404,
    )


def test_service_reminds_only_the_late_in_scope(freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    result = reminders_send_now(year_plan=plan, actor=secretariat, click="e" * 32, enqueue=False)
    assert [u.pk for u in result.reminded] == [u.pk for u in world["units"][1:]]
    assert result.already == []


def test_totals_say_what_they_count_and_agree_with_the_pdf(client, freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    response = overview(client, plan)
    ldtt = f.title("LDTT").pk
    table = response.context["table"]
    assert table["submitted_totals"][ldtt] == 2  # the submitted unit's two people
    assert table["totals"][ldtt] == 6  # with the draft and the returned registrations
    html = response.content.decode()
    assert "chỉ bản đã gửi, như văn bản tổng hợp" in html and "tính cả bản đang soạn" in html
    spec = registration_summary_document(plan)
    text = "".join(spec.parts)
    assert "Số lượng (chỉ bản đã gửi)" in text
    assert "Số liệu chỉ tính bản đăng ký đã gửi: 2/5 đơn vị; 3 đơn vị chưa gửi" in text


def test_overview_list_queries(client, freeze, secretariat, province, plan):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)

    def make_row(index):
        unit = f.make_unit(province, order=index)
        registration_save_draft(
            unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=[], now=local_dt(2018, 1, 10, 9, 0)
        )

    # The same ten queries as the page without filters (test_views): filtering and sorting happen in Python.
    response = assert_list_queries(
        client,
        reverse("registrations:overview", kwargs={"plan": plan.pk}) + "?late=1&sort=state",
        make_row,
        expected=10,
    )
    assert len(response.context["table"]["rows"]) == 4  # the three drafts and the province office, all late


def test_reminders_page_says_when_the_job_last_ran(client, freeze, settings, secretariat, plan, world):
    settings.REGISTRATION_REMINDER_OFFSETS = [7, 3, 1, 0]
    client.force_login(secretariat)
    url = reverse("registrations:reminders", kwargs={"plan": plan.pk})
    assert "chưa chạy lần nào" in client.get(url).content.decode()
    reminders_record(datetime.date(2018, 1, 10), enqueue=False, heartbeat=False)  # as the demo replays it
    assert "chưa chạy lần nào" in client.get(url).content.decode()
    freeze(local_dt(2018, 1, 14, 8, 0))
    reminders_record(datetime.date(2018, 1, 14), enqueue=False)
    html = client.get(url).content.decode()
    assert "Đợt nhắc hạn hằng ngày chạy lần cuối lúc 08:00 ngày 14/01/2018." in html


def test_export_has_a_sheet_per_person(client, freeze, secretariat, plan, world):
    freeze(local_dt(*AFTER_DEADLINE))
    client.force_login(secretariat)
    response = client.get(reverse("registrations:export", kwargs={"plan": plan.pk}))
    assert response["Content-Disposition"].endswith('dang-ky-thi-dua-2018.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tổng hợp 2018", "Từng người 2018"]
    people = list(workbook["Từng người 2018"].iter_rows(min_row=3, values_only=True))
    assert people[0] == ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Tình trạng đăng ký")
    assert len(people) == 1 + 6  # two people in each of the three registrations
    first = people[1]
    assert first[1] == "Viện kiểm sát nhân dân huyện Đông Hưng"
    assert first[4] == "Lao động tiên tiến" and first[5] == "Đã gửi"
    assert {row[5] for row in people[1:]} == {"Đã gửi", "Bản nháp", "Bị trả lại để sửa"}


def test_export_names_the_reason_of_not_registering(client, secretariat, province, plan):
    unit = f.make_unit(province)
    person = f.make_staff(unit, "Phạm Thị Dung")
    f.register(unit, plan, {person: None})
    client.force_login(secretariat)
    workbook = load_workbook(io.BytesIO(client.get(reverse("registrations:export", kwargs={"plan": plan.pk})).content))
    row = list(workbook["Từng người 2018"].iter_rows(min_row=4, values_only=True))[0]
    assert row[2:5] == ("Phạm Thị Dung", row[3], "Không đăng ký: Nghỉ dài ngày")
