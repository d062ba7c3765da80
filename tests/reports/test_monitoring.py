"""The monitoring of the units' data entry (plan II.2.3): the completeness measured, the snapshots, the trend page,
the notice (PDF and the units told) and the statistics officer's role."""

import datetime
from decimal import Decimal

import pdfplumber
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from movements.services import exemplary_add, movement_create, movement_report_save, pledge_save
from reports.enums import JobState, ReportKind
from reports.models import DataEntrySnapshot, ReportJob
from reports.monitoring import completeness_rows, fell_behind, percent
from reports.monitoring_services import notice_send, snapshot_take, snapshots_take_all
from reports.services import report_render
from tests import factories as f
from tests.factories import assert_list_queries, local_dt, register
from units.enums import Role
from units.models import AuditEntry, Notification, OutboxMessage

NOV, DEC = datetime.date(2018, 11, 1), datetime.date(2018, 12, 1)


@pytest.fixture
def secretary(province):
    return f.make_user(Role.SECRETARIAT, province=province)


@pytest.fixture
def statistics(province):
    return f.make_user(Role.STATISTICS, province=province)


def full_unit(province, plan, secretary, name="Viện kiểm sát nhân dân huyện Đông Hưng", order=1):
    """A unit with everything entered but one staff record of three (no rank) and one report of two."""
    unit = f.make_unit(province, name, order=order)
    officer = f.make_officer(unit)
    people = [f.make_staff(unit, "Nguyễn Văn An"), f.make_staff(unit, "Trần Thị Bình", gender="female")]
    people.append(f.make_staff(unit, "Lê Đức Cường", rank=""))
    register(unit, plan, {})
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 2, 1),
        head_signatory="A",
        union_signatory="B",
    )
    exemplary_add(year_plan=plan, staff=people[0], actor=officer, account="Gương mẫu")
    f.award(people[0], "LDTT", 2017)
    for number in (1, 2):
        movement = movement_create(
            province=province,
            actor=secretary,
            name=f"Phong trào {number}",
            launched_by="province",
            kind="regular",
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2018, 10, 31),
            report_deadline=datetime.date(2018, 11, 15),
            all_units=False,
            units=[unit],
        )
        if number == 1:
            movement_report_save(
                movement=movement, unit=unit, actor=officer, summary="Báo cáo", submit=True, now=local_dt(2018, 11, 1)
            )
    return unit


def test_completeness_counts_each_part_of_a_unit(province, plan, secretary):
    unit = full_unit(province, plan, secretary)
    empty = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=2)
    f.make_staff(empty, "Phạm Văn Dũng", date_of_birth=None)
    rows = {row.unit.pk: row for row in completeness_rows(plan)}
    full = rows[unit.pk]
    assert (full.staff_active, full.staff_complete, full.awards_entered) == (3, 2, 1)
    assert (full.registered, full.pledged, full.exemplary) == (True, True, 1)
    assert (full.movements, full.reports_submitted) == (2, 1)
    # (2/3 + 1 + 1 + 1 + 1 + 1/2) / 6 = 86,1 %
    assert full.completeness == Decimal("86.1")
    nothing = rows[empty.pk]
    assert (nothing.staff_active, nothing.staff_complete, nothing.movements) == (1, 0, 0)
    assert nothing.completeness == Decimal("0.0")  # no movement to report on: five parts, none done
    assert percent(full.completeness) == "86,1 %"


def test_snapshot_take_stores_a_row_per_unit_replaces_the_month_and_is_audited(province, plan, secretary):
    unit = full_unit(province, plan, secretary)
    snapshot_take(plan=plan, period=datetime.date(2018, 11, 20), actor=secretary, now=local_dt(2018, 11, 30, 17))
    snapshot_take(plan=plan, period=NOV, actor=secretary)
    (row,) = DataEntrySnapshot.objects.filter(unit=unit)
    assert (row.unit, row.period, row.completeness, row.staff_complete, row.taken_by) == (
        unit,
        NOV,
        Decimal("86.1"),
        2,
        secretary,
    )
    entries = AuditEntry.objects.filter(action="data_entry.snapshot")
    assert entries.count() == 2
    assert entries.first().data == {"period": "2018-11-01", "units": 2}  # the provincial procuracy and the unit


def _snapshot_queries(plan):
    with CaptureQueriesContext(connection) as context:
        snapshot_take(plan=plan, period=NOV)
    return len(context)


def test_snapshot_takes_the_same_queries_for_one_and_three_units(province, plan, secretary):
    full_unit(province, plan, secretary)
    one = _snapshot_queries(plan)
    full_unit(province, plan, secretary, "Viện kiểm sát nhân dân huyện Hưng Hà", 2)
    full_unit(province, plan, secretary, "Viện kiểm sát nhân dân huyện Vũ Thư", 3)
    three = _snapshot_queries(plan)
    # units, staff, awards, registrations, pledges, examples, movements, their chosen units, reports; the delete,
    # the insert, the audit entry and the savepoints around them.
    assert (one, three) == (14, 14)


def test_unit_that_dropped_falls_behind_and_the_notice_tells_its_officer(province, plan, secretary, statistics):
    unit = full_unit(province, plan, secretary)
    steady = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=2)
    snapshot_take(plan=plan, period=NOV)
    f.make_staff(unit, "Vũ Thị Hoa", gender="female", position="")  # a new record without a position
    snapshot_take(plan=plan, period=DEC)
    assert [s.unit for s in fell_behind(plan, DEC)] == [unit]
    assert fell_behind(plan, NOV) == []  # no period before the first
    job, behind = notice_send(plan=plan, period=DEC, actor=statistics)
    assert (job.kind, job.params, [s.unit for s in behind]) == (
        ReportKind.DATA_ENTRY_NOTICE,
        {"period": "2018-12-01"},
        [unit],
    )
    (note,) = Notification.objects.filter(key__startswith="data-entry:")
    assert note.user == unit.officers.get()
    assert "12/2018" in note.text and "83,3 %" in note.text
    assert note.url == reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk})
    assert OutboxMessage.objects.filter(key__startswith="data-entry:").count() == 1
    entry = AuditEntry.objects.get(action="data_entry.notice")
    assert (entry.actor, entry.data["units_behind"]) == (statistics, [unit.pk])
    # Sent again: nobody is told twice, the document is asked for again only once it is no longer open.
    notice_send(plan=plan, period=DEC, actor=statistics)
    assert Notification.objects.filter(key__startswith="data-entry:").count() == 1
    assert steady.pk not in entry.data["units_behind"]


def test_notice_pdf_has_the_decree_30_layout_and_the_figures(province, plan, secretary, statistics, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan.signer_name = "Nguyễn Văn Thành"
    plan.place_name = "Thái Bình"
    plan.save()
    unit = full_unit(province, plan, secretary)
    snapshot_take(plan=plan, period=NOV)
    f.make_staff(unit, "Vũ Thị Hoa", gender="female", position="")
    snapshot_take(plan=plan, period=DEC)
    job, _behind = notice_send(plan=plan, period=DEC, actor=statistics)
    report_render(job.pk)
    job = ReportJob.objects.get(pk=job.pk)
    assert job.state == JobState.DONE
    with job.file.open("rb") as handle, pdfplumber.open(handle) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        words = page.extract_words()
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "THÔNG BÁO",
        "Kết quả cập nhật dữ liệu thi đua, khen thưởng của các đơn vị tháng 12/2018",
        "/TB-",
        "huyện Đông Hưng",
        "2/4 1 Đã gửi Đã có 1 1/2 83,3 % -2,8 %",
        "thấp hơn tháng 11/2018: Viện kiểm sát nhân dân",
        "Nơi nhận:",
        "Nguyễn Văn Thành",
    ]:
        assert expected in text, expected
    # The national name sits right of the agency, the document type centred under them, on the first page.
    first = {w["text"]: w for w in words}
    assert first["CỘNG"]["x0"] > page.width / 2 - 20
    kind = first["THÔNG"]
    assert abs((kind["x0"] + first["BÁO"]["x1"]) / 2 - page.width / 2) < page.width * 0.1
    assert kind["top"] > first["CỘNG"]["top"]
    assert job.filename == "thong-bao-cap-nhat-du-lieu-2018-12.pdf"
    # The statistics officer is told it is ready, with a link to the page they may open.
    ready = Notification.objects.get(user=statistics)
    assert ready.url == reverse("reports:monitoring", kwargs={"plan": plan.pk})


def test_beat_takes_the_month_that_ended_for_every_province(province, plan, secretary):
    full_unit(province, plan, secretary)
    assert settings.CELERY_BEAT_SCHEDULE["data-entry-snapshot"]["task"] == "reports.data_entry_snapshot"
    assert snapshots_take_all(day=datetime.date(2018, 12, 1)) == 2  # the provincial procuracy and the unit
    assert set(DataEntrySnapshot.objects.values_list("period", "taken_by")) == {(NOV, None)}
    assert snapshots_take_all(day=datetime.date(2019, 1, 1)) == 2  # December 2018 is still the 2018 plan's
    assert snapshots_take_all(day=datetime.date(2020, 3, 1)) == 0  # no plan for 2020


def test_monitoring_page_queries_with_one_and_three_units(client, province, plan, statistics):
    client.force_login(statistics)
    units = []

    def make_row(index):
        units.append(f.make_unit(province, f"Viện kiểm sát nhân dân huyện Số {index}", order=index))
        snapshot_take(plan=plan, period=NOV)
        snapshot_take(plan=plan, period=DEC)

    response = assert_list_queries(
        client, reverse("reports:monitoring", kwargs={"plan": plan.pk}), make_row, expected=9
    )
    text = response.content.decode()
    assert "Viện kiểm sát nhân dân huyện Số 2" in text and "0 %" in text


def test_monitoring_page_marks_the_units_that_fell_behind(client, province, plan, secretary, statistics):
    unit = full_unit(province, plan, secretary)
    snapshot_take(plan=plan, period=NOV)
    f.make_staff(unit, "Vũ Thị Hoa", gender="female", position="")
    snapshot_take(plan=plan, period=DEC)
    client.force_login(statistics)
    text = client.get(reverse("reports:monitoring", kwargs={"plan": plan.pk})).content.decode()
    assert "86,1 %" in text and "83,3 %" in text
    assert "Giảm so với kỳ trước" in text
    assert "1 đơn vị giảm trong tháng 12/2018." in text


def test_statistics_officer_takes_a_snapshot_and_sends_the_notice(client, province, plan, statistics, freeze):
    freeze(local_dt(2018, 12, 3, 9))
    f.make_unit(province)
    client.force_login(statistics)
    response = client.post(reverse("reports:monitoring_snapshot", kwargs={"plan": plan.pk}))
    assert response.status_code == 302
    assert set(DataEntrySnapshot.objects.values_list("period", "taken_by")) == {(DEC, statistics.pk)}
    client.post(reverse("reports:monitoring_notice", kwargs={"plan": plan.pk}))
    assert ReportJob.objects.filter(kind=ReportKind.DATA_ENTRY_NOTICE, requested_by=statistics).count() == 1


def test_statistics_officer_reads_the_province_and_writes_nothing_else(client, province, plan, statistics):
    unit = f.make_unit(province)
    staff = f.make_staff(unit)
    client.force_login(statistics)
    assert client.get(reverse("registrations:overview", kwargs={"plan": plan.pk})).status_code == 200
    assert client.get(reverse("reports:dashboard", kwargs={"plan": plan.pk})).status_code == 200
    assert client.get(reverse("units:staff_update", kwargs={"pk": staff.pk})).status_code == 404
    assert client.post(reverse("registrations:return", kwargs={"plan": plan.pk, "unit": unit.pk})).status_code == 404
    assert client.get(reverse("home")).url == reverse("reports:monitoring", kwargs={"plan": plan.pk})


def test_snapshot_refused_outside_the_plans_year(province, plan, statistics):
    with pytest.raises(ValidationError):
        snapshot_take(plan=plan, period=datetime.date(2019, 1, 1), actor=statistics)
    assert not DataEntrySnapshot.objects.exists()


def test_officer_and_foreign_statistics_officer_get_404(client, province, plan, unit, officer):
    foreign = f.make_user(Role.STATISTICS, province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    url = reverse("reports:monitoring", kwargs={"plan": plan.pk})
    for user in (officer, foreign):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("reports:monitoring_snapshot", kwargs={"plan": plan.pk})).status_code == 404
    assert not DataEntrySnapshot.objects.exists()
