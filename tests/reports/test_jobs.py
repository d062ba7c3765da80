import hashlib

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from registrations.services import registration_submit
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request, report_retry
from tests import factories as f
from tests.factories import full_lines, local_dt, pdf_text


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def submitted(unit, staff, plan, officer):
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 15)
    )
    return plan


def test_secretariat_requests_a_summary_and_downloads_it(
    client, django_capture_on_commit_callbacks, secretariat, submitted
):
    client.force_login(secretariat)
    url = reverse("reports:plan_reports", kwargs={"plan": submitted.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"number": "05/BC-VKS", "issued_on": "20/01/2018"})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.state, job.progress, job.requested_by, job.kind) == (
        JobState.DONE,
        100,
        secretariat,
        ReportKind.REGISTRATION_SUMMARY,
    )
    page = client.get(url).content.decode()
    assert "tong-hop-dang-ky-thi-dua-2018.pdf" in page and job.checksum in page
    # the checksum kept for verification, folded away: its first 8 characters, the whole in a <details>
    assert f"<summary>Mã kiểm tra {job.checksum[:8]}…</summary>" in page and f"SHA-256 {job.checksum}" not in page
    download = client.get(reverse("reports:download", kwargs={"pk": job.pk}))
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == job.checksum
    assert download["Content-Disposition"].startswith("attachment")
    assert "Nguyễn Văn An" in "\n".join(pdf_text(data))


@pytest.mark.parametrize("who", ["officer", "council_member", "foreign_secretariat", "anonymous"])
def test_only_the_provinces_secretariat_can_download(client, who, secretariat, officer, council_member, submitted):
    job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=submitted, actor=secretariat)
    from reports.services import report_render

    report_render(job.pk)
    users = {
        "officer": officer,
        "council_member": council_member,
        "foreign_secretariat": f.make_user(
            "secretariat", province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
        ),
        "anonymous": None,
    }
    if users[who]:
        client.force_login(users[who])
    response = client.get(reverse("reports:download", kwargs={"pk": job.pk}))
    assert response.status_code in (404, 302)
    assert not response.get("Content-Type", "").startswith("application/pdf")


def test_a_failed_job_shows_its_error_and_can_be_retried(
    monkeypatch, django_capture_on_commit_callbacks, secretariat, submitted
):
    from reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("Thiếu phông chữ")

    monkeypatch.setattr(services, "build_document", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=submitted, actor=secretariat)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Thiếu phông chữ" in job.error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(job=job, actor=secretariat)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.error == "" and job.attempts == 2


def test_a_finished_job_is_not_rendered_again(secretariat, submitted):
    from reports.services import report_render

    job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=submitted, actor=secretariat)
    assert report_render(job.pk).state == JobState.DONE
    assert report_render(job.pk) is None
    assert ReportJob.objects.get().attempts == 1


def test_render_report_command_writes_the_same_document(tmp_path, submitted, capsys):
    output = tmp_path / "summary.pdf"
    call_command(
        "render_report", "registration-summary", "--year", "2018", "--output", str(output), "--number", "05/BC-VKS"
    )
    text = "\n".join(pdf_text(output.read_bytes()))
    assert "Tổng hợp đăng ký danh hiệu thi đua năm 2018" in text and "Số: 05/BC-VKS" in text
    assert "pages" in capsys.readouterr().out


def test_overview_exports_the_same_rows_as_xlsx(client, secretariat, submitted, unit, other_unit):
    client.force_login(secretariat)
    page = client.get(reverse("registrations:overview", kwargs={"plan": submitted.pk}))
    response = client.get(reverse("registrations:export", kwargs={"plan": submitted.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    units = [row[0] for row in rows[:-1]]
    assert units == [row.unit.name for row in page.context["table"]["rows"]]
    by_unit = {row[0]: row for row in rows}
    header = [c.value for c in sheet[3]]
    ldtt = header.index("Lao động tiên tiến")
    assert by_unit[unit.name][1] == "Đã gửi"
    assert by_unit[unit.name][ldtt] == 3
    assert by_unit[other_unit.name][1] == "Chưa bắt đầu"
    assert rows[-1][0] == "Tổng toàn tỉnh" and rows[-1][ldtt] == 3
