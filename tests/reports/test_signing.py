"""Signing the province's documents (reports/signing.py, issue 16): with a certificate configured, a decision asked for
from its page is signed as its job finishes; the stored and downloaded file is the signed one and its checksum the
one recorded; pyHanko's validator and poppler's ``pdfsig`` accept it, the page shows "Ký bởi" with the signer; the
job and the pages say "Đã ký số". Without a certificate nothing changes and the secretariat is told so. The vote
minutes and the forwarding submission are signed too; a certificate that cannot be opened fails the job in words."""

import datetime
import hashlib
import io
import os
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from awards.enums import DecisionKind, LineState
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import line_transition, review_accept
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_render, report_request
from reports.signing import load_signer
from tests import factories as f
from tests.factories import local_dt, pdf_text, propose, register
from tests.signing_certs import make_pki
from units.signatures import load_certificates, off_event_loop, verify_pdf

pytestmark = pytest.mark.django_db
SIGNER = "Trần Văn Thịnh"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIGNING_PKCS12_PATH = ""
    settings.SIGNING_PKCS12_PASSWORD = ""
    settings.SIGNING_TRUST_ROOTS = []


@pytest.fixture
def certificate(settings, pki):
    settings.SIGNING_PKCS12_PATH = str(pki.pkcs12)
    settings.SIGNING_PKCS12_PASSWORD = pki.password
    settings.SIGNING_TRUST_ROOTS = [str(pki.ca_pem)]
    return pki


@pytest.fixture
def decided(province, unit, staff, plan, secretariat):
    """A decision of two lines voted by a council of five, issued; the plan's signer named."""
    plan.signer_name = SIGNER
    plan.save(update_fields=["signer_name"])
    register(unit, plan, {})
    lines = propose(unit, plan, [(staff[0], "LDTT", []), (staff[1], "LDTT", [])])
    lines = [review_accept(line=line, actor=secretariat) for line in lines]
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(5)]
    meeting = meeting_create(
        year_plan=plan, actor=secretariat, held_at=local_dt(2018, 12, 20, 8), members=members, chair="Nguyễn Văn Thành"
    )
    for item in agenda_add(meeting=meeting, lines=lines, actor=secretariat):
        tally_record(item=item, actor=secretariat, yes=5, no=0, blank=0)
    for line in lines:
        line.refresh_from_db()
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=lines, actor=secretariat)
    decision_issue(decision=decision, actor=secretariat, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    decision.refresh_from_db()
    return decision, meeting


def ask_for_decision(client, secretariat, decision, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:decision_document", kwargs={"pk": decision.pk}))
    assert response.status_code == 302
    return ReportJob.objects.get(kind=ReportKind.DECISION)


def download(client, job) -> bytes:
    response = client.get(reverse("reports:download", kwargs={"pk": job.pk}))
    return b"".join(response.streaming_content)


def stamps(data: bytes) -> dict[int, str]:
    """The text of each visible signature by page: the widget's appearance, which readers draw over the page."""
    reader = PdfReader(io.BytesIO(data))
    found = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/FT") == "/Sig" and "/AP" in annotation:
                found[index] = page.extract_xform_text(annotation["/AP"]["/N"].get_object())
    return found


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_decision_is_signed_when_its_job_finishes(
    client, secretariat, decided, certificate, django_capture_on_commit_callbacks, tmp_path
):
    decision, _meeting = decided
    job = ask_for_decision(client, secretariat, decision, django_capture_on_commit_callbacks)
    assert job.state == JobState.DONE, job.error
    data = download(client, job)

    # the stored and downloaded file is the signed one; its checksum is the one recorded
    assert hashlib.sha256(data).hexdigest() == job.checksum and len(data) == job.size
    signer = load_signer(str(certificate.pkcs12), certificate.password)
    expected_fingerprint = hashlib.sha256(signer.signing_cert.dump()).hexdigest().upper()
    assert job.signature["signer"] == "Viện kiểm sát nhân dân tỉnh Thái Bình"
    assert job.signature["fingerprint"].replace(":", "") == expected_fingerprint
    signed_at = datetime.datetime.fromisoformat(job.signature["signed_at"])
    assert abs(timezone.now() - signed_at) < datetime.timedelta(minutes=5)

    # pyHanko's validator, with the test CA as the only trust root: intact, valid, trusted, PAdES
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(embedded) == 1
    context = ValidationContext(trust_roots=load_certificates([str(certificate.ca_pem)]), allow_fetching=False)
    # pyHanko's synchronous validator starts an event loop: off the one a browser test on this process left running.
    status = off_event_loop(validate_pdf_signature, embedded[0], context)
    assert (status.intact, status.valid, status.trusted, status.bottom_line) == (True, True, True, True)
    assert embedded[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert status.signer_reported_dt == signed_at
    check = verify_pdf(data)
    assert (check.signed, check.intact, check.trusted, check.signer) == (True, True, True, job.signature["signer"])

    # poppler's pdfsig lists the signature and finds it valid
    path = Path(os.environ.get("DOCUMENTS_DIR") or tmp_path) / "quyet-dinh-da-ky.pdf"  # DOCUMENTS_DIR: to look at
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    report = subprocess.run(["/usr/bin/pdfsig", str(path)], capture_output=True, text=True, check=False).stdout  # noqa: S603
    assert "Signature #1:" in report and "Signature Validation: Signature is Valid." in report
    assert "Signer Certificate Common Name: Viện kiểm sát nhân dân tỉnh Thái Bình" in report
    assert "Total document signed" in report

    # the visible signature, in Vietnamese, over the signer's name on the page that carries the signature
    pages = pdf_text(data)
    at = timezone.localtime(signed_at).strftime("%H:%M %d/%m/%Y")
    ((index, stamp),) = stamps(data).items()
    assert stamp.split("\n")[:2] == ["Ký bởi: Viện kiểm sát nhân dân tỉnh Thái Bình", f"Thời gian ký: {at}"]
    assert "QUYẾT ĐỊNH" in pages[0] and SIGNER in pages[index]

    # the documents page and the decision's page say it is signed, by whom and when
    page = visible(client.get(reverse("reports:plan_reports", kwargs={"plan": decision.year_plan_id})).content.decode())
    assert f"Đã ký số · ký bởi Viện kiểm sát nhân dân tỉnh Thái Bình lúc {at}" in page
    assert "Quyết định, tờ trình và biên bản được ký số bằng chứng thư số của cơ quan ban hành" in page
    detail = visible(client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode())
    assert f"Tải bản PDF mới nhất · Đã ký số bởi Viện kiểm sát nhân dân tỉnh Thái Bình lúc {at}" in detail


def test_the_visible_signature_sits_above_the_signers_name(decided, certificate, secretariat):
    """In the signature column, between "KT. VIỆN TRƯỞNG / PHÓ VIỆN TRƯỞNG" and the name, not over the list."""
    decision, _meeting = decided
    job = report_render(
        report_request(
            kind=ReportKind.DECISION, year_plan=decision.year_plan, actor=secretariat, params={"decision": decision.pk}
        ).pk
    )
    with job.file.open("rb") as handle:
        data = handle.read()
    ((index, _stamp),) = stamps(data).items()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[index]
        (widget,) = [a for a in page.annots if a["data"].get("FT") and a["data"]["FT"].name == "Sig"]
        words = page.extract_words()
    name = [w for w in words if w["text"] == "Thịnh"][-1]
    assert name["x0"] > page.width / 2  # the right-hand column
    assert widget["x0"] < name["x0"] and widget["x1"] > name["x1"]  # over the name, wider than it
    assert 0 <= name["top"] - widget["bottom"] < 20  # just above it, in the space left for the signature
    assert "DANH SÁCH" not in " ".join(w["text"] for w in words if w["top"] < widget["bottom"])


def test_without_a_certificate_the_decision_is_issued_unsigned_and_the_page_says_so(
    client, secretariat, decided, django_capture_on_commit_callbacks
):
    decision, _meeting = decided
    job = ask_for_decision(client, secretariat, decision, django_capture_on_commit_callbacks)
    assert job.state == JobState.DONE and job.signature == {}
    data = download(client, job)
    assert hashlib.sha256(data).hexdigest() == job.checksum
    assert verify_pdf(data).signed is False and "Ký bởi" not in "\n".join(pdf_text(data))
    page = visible(client.get(reverse("reports:plan_reports", kwargs={"plan": decision.year_plan_id})).content.decode())
    assert "Chưa cấu hình chữ ký số: quyết định, tờ trình và biên bản được tạo không có chữ ký số, để ký tay." in page
    assert "Đã ký số" not in page and 'class="alert alert-danger" id="signing' not in page
    detail = visible(client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode())
    assert "Chưa cấu hình chữ ký số: bản PDF được tạo không có chữ ký số." in detail


@pytest.fixture
def forwarding(province, plan, secretariat):
    """A forwarding submission (tờ trình) of one person's "Chiến sĩ thi đua ngành", approved."""
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=2)
    person = f.make_staff(unit, "Lê Thị Ánh")
    register(unit, plan, {person: "CSTD_NGANH"})
    sector = f.eligible_for_nganh(unit, person)
    (line,) = propose(unit, plan, [(person, "CSTD_NGANH", [sector])])
    f.accept_all([line], secretariat)
    line_transition(line=line, to_state=LineState.APPROVED, actor=secretariat)
    line.refresh_from_db()
    return decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=[line], actor=secretariat)


@pytest.mark.parametrize("kind", [ReportKind.VOTE_MINUTES, ReportKind.FORWARDING])
def test_minutes_and_forwarding_submissions_are_signed_too(request, kind, decided, certificate, secretariat):
    decision, meeting = decided
    if kind == ReportKind.VOTE_MINUTES:
        params, anchor, heading = {"meeting": meeting.pk}, "Nguyễn Văn Thành", "BIÊN BẢN"
    else:
        params, anchor, heading = {"decision": request.getfixturevalue("forwarding").pk}, SIGNER, "TỜ TRÌNH"
    job = report_render(report_request(kind=kind, year_plan=decision.year_plan, actor=secretariat, params=params).pk)
    assert job.state == JobState.DONE, job.error
    with job.file.open("rb") as handle:
        data = handle.read()
    check = verify_pdf(data)
    assert (check.signed, check.intact, check.trusted) == (True, True, True)
    assert job.signature["signer"] == check.signer and hashlib.sha256(data).hexdigest() == job.checksum
    pages = pdf_text(data)
    ((index, stamp),) = stamps(data).items()
    assert heading in pages[0] and anchor in pages[index]
    assert stamp.startswith("Ký bởi: Viện kiểm sát nhân dân tỉnh Thái Bình\nThời gian ký: ")


def test_other_documents_are_not_signed(decided, certificate, secretariat):
    decision, meeting = decided
    job = report_render(
        report_request(
            kind=ReportKind.COUNCIL_PACK,
            year_plan=decision.year_plan,
            actor=secretariat,
            params={"meeting": meeting.pk},
        ).pk
    )
    assert job.state == JobState.DONE and job.signature == {}
    with job.file.open("rb") as handle:
        assert verify_pdf(handle.read()).signed is False


@pytest.mark.parametrize(
    ("password", "path", "message"),
    [
        ("sai-mat-khau", None, "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp bị hỏng."),
        (None, "/khong/co/tep.p12", "Không có tệp chứng thư số (SIGNING_PKCS12_PATH): /khong/co/tep.p12"),
    ],
)
def test_a_certificate_that_cannot_be_used_fails_the_job_in_words(
    settings, decided, certificate, secretariat, password, path, message
):
    if password:
        settings.SIGNING_PKCS12_PASSWORD = password
    if path:
        settings.SIGNING_PKCS12_PATH = path
    decision, _meeting = decided
    job = report_render(
        report_request(
            kind=ReportKind.DECISION, year_plan=decision.year_plan, actor=secretariat, params={"decision": decision.pk}
        ).pk
    )
    assert (job.state, job.error, job.file.name, job.signature) == (JobState.FAILED, message, "", {})
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))  # no unsigned file left behind
