"""The record of a public consultation (biên bản kết quả lấy ý kiến): the Decree 30 layout, the window, the list,
every comment with its author and the answer; asked for through the report jobs."""

import datetime
import io
import os
import pathlib

import pdfplumber
import pytest
from django.urls import reverse

from awards.models import Consultation
from awards.services.consultations import (
    consultation_answer,
    consultation_close,
    consultation_comment,
    consultation_open,
)
from reports.documents_consultation import consultation_record_document
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.pdf import render_parts
from reports.services import report_render
from tests import factories as f

OPENS, CLOSES = datetime.date(2019, 7, 3), datetime.date(2019, 7, 12)


def at(day: datetime.date, hour: int = 9):
    """A moment of ``day`` in Hà Nội."""
    return f.local_dt(day.year, day.month, day.day, hour)


@pytest.fixture
def closed(plan, unit, other_unit, staff, secretariat, other_officer):
    plan.place_name = "Thái Bình"
    plan.save()
    staff[0].position = "Kiểm sát viên trung cấp"
    staff[0].save()
    submission = f.high_award_submission(unit, plan, secretariat, staff[:2])
    consultation = consultation_open(
        submission, OPENS, CLOSES, "Góp ý gửi Thường trực Hội đồng", secretariat, now=at(OPENS)
    )
    line = submission.lines.get(staff=staff[0])
    first = consultation_comment(
        consultation, other_officer, "Đề nghị làm rõ sáng kiến của đồng chí An", line=line, now=at(OPENS)
    )
    consultation_comment(consultation, other_officer, "Nhất trí với danh sách", now=at(CLOSES))
    consultation_answer(first, "Sáng kiến đã được công nhận cấp ngành năm 2018", secretariat, now=at(CLOSES))
    consultation_close(consultation, secretariat, now=at(CLOSES + datetime.timedelta(days=1)))
    return Consultation.objects.select_related("decision__year_plan__province", "decision__province").get(
        pk=consultation.pk
    )


def test_record_text(closed, other_officer, secretariat):
    pdf, _pages = render_parts(consultation_record_document(closed).parts)
    if out := os.environ.get("CONSULTATION_PDF"):  # to look at it
        pathlib.Path(out).write_bytes(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
        # Cells of the tables, each on one line (a narrow column wraps its text).
        rows = [
            [" ".join((cell or "").split()) for cell in row]
            for page in document.pages
            for table in page.extract_tables()
            for row in table
        ]
    flat = " ".join(text.split())
    assert "BIÊN BẢN" in text
    assert "Kết quả lấy ý kiến đối với các trường hợp đề nghị khen thưởng cấp Nhà nước" in flat
    assert "/BB-VKS" in flat
    assert "từ ngày 03 tháng 7 năm 2019 đến hết ngày 12 tháng 7 năm 2019 (10 ngày)" in flat
    assert "Góp ý gửi Thường trực Hội đồng" in flat
    assert "I. Danh sách các trường hợp lấy ý kiến" in flat
    assert rows[0] == ["STT", "Họ và tên (tập thể)", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"]
    assert rows[1] == [
        "1",
        "Nguyễn Văn An",
        "Kiểm sát viên trung cấp, Viện kiểm sát nhân dân huyện Đông Hưng",
        "Huân chương Lao động hạng Ba",
        "Hoàn thành xuất sắc nhiệm vụ",
    ]
    assert rows[2][1] == "Trần Thị Bình"
    assert "nhận được 2 ý kiến góp ý" in flat
    author = f"{other_officer.display_name}, Viện kiểm sát nhân dân huyện Hưng Hà (03/07/2019)"
    assert rows[4] == [
        "1",
        author,
        "Nguyễn Văn An",
        "Đề nghị làm rõ sáng kiến của đồng chí An",
        f"Sáng kiến đã được công nhận cấp ngành năm 2018 ({secretariat.display_name}, 12/07/2019)",
    ]
    assert rows[5] == [
        "2",
        author.replace("03/07", "12/07"),
        "Danh sách chung",
        "Nhất trí với danh sách",
        "Chưa trả lời",
    ]
    assert "Còn 1 ý kiến chưa được trả lời." in flat
    # Dated the day it was closed, in Decree 30's words.
    assert "Thái Bình, ngày 13 tháng 7 năm 2019" in flat and "Nơi nhận:" in flat
    assert "Biên bản được lập ngày 13 tháng 7 năm 2019" in flat


def test_record_through_the_report_jobs(client, closed, secretariat, plan):
    client.force_login(secretariat)
    response = client.post(reverse("reports:consultation_document", kwargs={"pk": closed.pk}))
    assert response.url == reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    job = ReportJob.objects.get(kind=ReportKind.CONSULTATION_RECORD)
    assert job.params == {"consultation": closed.pk}
    job = report_render(job.pk)
    assert job.state == JobState.DONE
    assert job.filename == f"bien-ban-lay-y-kien-{plan.year}-{closed.pk}.pdf"
    assert job.file.read().startswith(b"%PDF-")


def test_record_refused_outside_the_province(client, closed):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    client.force_login(f.make_user("secretariat", province=foreign))
    assert client.post(reverse("reports:consultation_document", kwargs={"pk": closed.pk})).status_code == 404
    assert not ReportJob.objects.filter(kind=ReportKind.CONSULTATION_RECORD).exists()
