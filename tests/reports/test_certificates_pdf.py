"""The certificates' PDF read back with pdfplumber (reports/documents_certificates.py): a landscape A4 or A3 page
per award, the recipient's name where the layout puts it plus the offsets (within 1 mm), every word moved by an
offset's change, the register number and the decision's number on the page, nothing of the pre-printed paper
printed but in the preview; the job path through ``reports:certificates_document``.

``DOCUMENTS_DIR=artifacts/documents`` keeps each rendered PDF there (then ``pdftoppm -png -r 60`` to look)."""

import io
import os
from pathlib import Path

import pdfplumber
import pytest
from django.urls import reverse

from awards.enums import CertificateKind, PaperSize
from awards.models import AwardRecord
from awards.services.certificates import certificate_layout_save, default_positions, register_numbers_assign
from reports.documents_certificates import certificates_document
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.pdf import render_parts
from reports.services import report_render
from tests import factories as f
from tests.awards.test_certificates import decision_of_unit

MM = 72 / 25.4


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def signed_plan(plan):
    plan.signer_title = "VIỆN TRƯỞNG"
    plan.signer_name = "Trần Văn Thịnh"
    plan.place_name = "Thái Bình"
    plan.save()
    return plan


@pytest.fixture
def decision(unit, signed_plan, staff, secretary):
    staff[0].position = "Kiểm sát viên"
    staff[0].save()
    return decision_of_unit(unit, signed_plan, secretary, staff)


def rendered(decision, name, **kwargs) -> bytes:
    spec = certificates_document(decision, **kwargs)
    pdf, _pages = render_parts(spec.parts, page_numbers=False)
    folder = os.environ.get("DOCUMENTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.pdf").write_bytes(pdf)
    return pdf


def pages(pdf: bytes):
    return pdfplumber.open(io.BytesIO(pdf)).pages


def run_of(page, text: str) -> list[dict]:
    """The words of ``text`` on one line of the page, in order."""
    words = page.extract_words()
    wanted = text.split()
    for start in range(len(words) - len(wanted) + 1):
        run = words[start : start + len(wanted)]
        if [w["text"] for w in run] == wanted:
            return run
    raise AssertionError(f"{text!r} not on the page: {' '.join(w['text'] for w in words)}")


def centre_and_top(run) -> tuple[float, float]:
    """The centre of a line of words across and the top of its letters, in mm."""
    return (run[0]["x0"] + run[-1]["x1"]) / 2 / MM, min(w["top"] for w in run) / MM


def save_layout(province, secretary, *, paper=PaperSize.A4, dx="0", dy="0", positions=None):
    return certificate_layout_save(
        province=province,
        kind=CertificateKind.TITLE,
        actor=secretary,
        paper=paper,
        offset_x_mm=dx,
        offset_y_mm=dy,
        positions=positions or {},
    )


def test_one_landscape_a4_page_per_award_with_name_number_and_decision(decision, secretary):
    register_numbers_assign(decision, secretary)
    pdf = rendered(decision, "giay-khen-a4")

    document = pages(pdf)
    assert len(document) == 4
    for page in document:
        assert (round(page.width), round(page.height)) == (842, 595)
    text = document[1].extract_text()
    assert "Ông Nguyễn Văn An" in text
    assert "Kiểm sát viên, Viện kiểm sát nhân dân huyện Đông Hưng" in text
    assert "Đạt danh hiệu “Lao động tiên tiến” năm 2018" in text
    assert "Quyết định số 45/QĐ-VKS" in text
    assert "ngày 25 tháng 12 năm 2018" in text
    assert "Số vào sổ: 2" in text
    assert "Thái Bình, ngày 25 tháng 12 năm 2018" in text
    assert "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH" in text
    assert "Trần Văn Thịnh" in text
    assert "Bà Trần Thị Bình" in document[2].extract_text()
    assert "Số vào sổ: 1" in document[0].extract_text()  # the unit's own certificate comes first
    # Nothing of the pre-printed paper: no heading, no national name, no frame.
    assert "GIẤY CHỨNG NHẬN" not in text and "CỘNG HÒA" not in text
    assert document[1].rects == [] and document[1].lines == []


def test_the_name_lies_at_its_position_plus_the_offsets(decision, secretary, province):
    save_layout(province, secretary, dx="4.5", dy="-3", positions={"recipient": [140, 95]})
    page = pages(rendered(decision, "giay-khen-offsets"))[1]

    x, top = centre_and_top(run_of(page, "Ông Nguyễn Văn An"))

    assert x == pytest.approx(140 + 4.5, abs=1)
    assert top == pytest.approx(95 - 3, abs=1)


def test_five_millimetres_more_move_every_word_five_millimetres(decision, secretary, province):
    save_layout(province, secretary)
    before = pages(rendered(decision, "giay-khen-before"))[1].extract_words()
    save_layout(province, secretary, dx="5", dy="5")
    after = pages(rendered(decision, "giay-khen-after"))[1].extract_words()

    assert [w["text"] for w in before] == [w["text"] for w in after]
    for old, new in zip(before, after, strict=True):
        assert (new["x0"] - old["x0"]) / MM == pytest.approx(5, abs=0.1)
        assert (new["top"] - old["top"]) / MM == pytest.approx(5, abs=0.1)


def test_a3_paper_gives_a3_landscape_pages_with_the_layout_scaled(decision, secretary, province):
    save_layout(province, secretary, paper=PaperSize.A3)
    page = pages(rendered(decision, "giay-khen-a3"))[1]

    assert (round(page.width), round(page.height)) == (1191, 842)
    x, top = centre_and_top(run_of(page, "Ông Nguyễn Văn An"))
    expected_x, expected_y = default_positions(PaperSize.A3)["recipient"]
    assert x == pytest.approx(expected_x, abs=1)
    assert top == pytest.approx(expected_y, abs=1)


def test_preview_draws_the_printed_frame_and_the_numbers_to_come(decision, secretary, province):
    preview = pages(rendered(decision, "in-thu-giay-khen", preview=True, limit=2))

    assert len(preview) == 2
    text = preview[1].extract_text()
    assert "GIẤY CHỨNG NHẬN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số vào sổ: 2" in text  # not given yet: the number the assignment will give
    assert preview[1].rects or preview[1].lines  # the frame
    assert not AwardRecord.objects.filter(register_number__isnull=False).exists()


def test_print_all_numbers_then_queues_the_job(client, decision, secretary):
    client.force_login(secretary)

    response = client.post(reverse("reports:certificates_document", kwargs={"pk": decision.pk}))

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:plan_reports", kwargs={"plan": decision.year_plan_id})
    assert sorted(AwardRecord.objects.filter(decision=decision).values_list("register_number", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    job = ReportJob.objects.get(kind=ReportKind.CERTIFICATES)
    assert job.params == {"decision": decision.pk}
    job = report_render(job.pk)
    assert job.state == JobState.DONE and job.pages == 4
    with job.file.open("rb") as handle:
        document = pages(handle.read())
    assert [round(page.width) for page in document] == [842] * 4
    # No page number stamped on a certificate.
    assert [page.extract_text().splitlines()[0] for page in document][1] != "2"
    assert "Số vào sổ: 4" in document[3].extract_text()


def test_officers_and_council_members_cannot_print(client, decision, officer, council_member):
    for user in (officer, council_member):
        client.force_login(user)
        assert client.post(reverse("reports:certificates_document", kwargs={"pk": decision.pk})).status_code == 404
        assert client.get(reverse("reports:certificates_preview", kwargs={"pk": decision.pk})).status_code == 404
    assert not ReportJob.objects.exists()
    assert not AwardRecord.objects.filter(register_number__isnull=False).exists()
