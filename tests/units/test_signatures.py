"""The check of signed PDFs (units/signatures.py, issue 16): an unsigned file, a signature under the configured trust
root, none configured, another chain, a byte changed after signing, a change appended after signing, a damaged
file; and the upload path, which stores the check on the attachment, audits it and shows it beside the file."""

import datetime
import io
import re

import pytest
from asn1crypto import pem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reports.pdf import render_part
from reports.signing import load_signer, sign_pdf
from tests import factories as f
from tests.signing_certs import make_pki
from units.articles import article_create
from units.attachments import attachments_of
from units.enums import ArticleKind, ArticleOutlet
from units.models import AuditEntry
from units.signatures import PdfVerification, load_certificates, verify_pdf

pytestmark = pytest.mark.django_db

HTML = (
    "<html><body><p>TỜ TRÌNH đề nghị khen thưởng</p><table style='width:100%'><tr><td>Nơi nhận:</td>"
    "<td>PHÓ VIỆN TRƯỞNG<br><br><br><br><br><b>Trần Văn Thịnh</b></td></tr></table></body></html>"
)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def stranger(tmp_path_factory):
    """A signer under a CA nobody configured."""
    return make_pki(tmp_path_factory.mktemp("other"), ca_name="CA không tin cậy", signer_name="Đơn vị Lạ")


@pytest.fixture(scope="module")
def unsigned():
    return render_part(HTML)[0]


@pytest.fixture(scope="module")
def signed(pki, unsigned):
    return sign_pdf(unsigned, anchor="Trần Văn Thịnh", signer=load_signer(str(pki.pkcs12), pki.password))


@pytest.fixture(autouse=True)
def roots(settings, pki):
    settings.SIGNING_TRUST_ROOTS = [str(pki.ca_pem)]


def test_an_unsigned_pdf_is_not_signed(unsigned):
    check = verify_pdf(unsigned)
    assert (check.signed, check.intact, check.trusted, check.signer, check.signed_at) == (False, False, False, "", None)
    assert check.as_json() == {"signed": False}


def test_a_signature_under_the_trust_root_is_intact_and_trusted(signed, pki):
    check = verify_pdf(signed.pdf)
    assert (check.signed, check.intact, check.trusted, check.count) == (True, True, True, 1)
    assert check.signer == pki.signer_name == "Viện kiểm sát nhân dân tỉnh Thái Bình"
    assert check.signed_at == signed.signed_at
    assert abs(timezone.now() - check.signed_at) < datetime.timedelta(minutes=5)
    assert check.problems == []
    stored = check.as_json()
    assert {key: stored[key] for key in ("signed", "intact", "trusted", "signer")} == {
        "signed": True,
        "intact": True,
        "trusted": True,
        "signer": pki.signer_name,
    }
    assert PdfVerification.from_json(stored).signed_at == signed.signed_at


def test_without_a_trust_root_the_chain_is_not_determined(settings, signed):
    settings.SIGNING_TRUST_ROOTS = []
    check = verify_pdf(signed.pdf)
    assert (check.signed, check.intact, check.trusted) == (True, True, False)
    assert check.problems == ["Chuỗi tin cậy chưa xác định: chưa cấu hình chứng thư gốc tin cậy."]


def test_a_signature_outside_the_trust_root_is_not_trusted(stranger, unsigned):
    pdf = sign_pdf(unsigned, signer=load_signer(str(stranger.pkcs12), stranger.password)).pdf
    check = verify_pdf(pdf)
    assert (check.signed, check.intact, check.trusted, check.signer) == (True, True, False, "Đơn vị Lạ")
    assert check.problems == ["Chứng thư số của người ký không thuộc chuỗi tin cậy đã cấu hình."]
    # trusted once its own CA is a root (several roots, separated by ":" or ",", read from PEM)
    assert verify_pdf(pdf, [str(stranger.ca_pem)]).trusted


def test_a_byte_changed_after_signing_is_reported_not_raised(signed):
    data = bytearray(signed.pdf)
    start = data.index(b"stream", 200) + 20  # inside the first page's content, a signed range
    data[start] ^= 0x01
    check = verify_pdf(bytes(data))
    assert (check.signed, check.intact, check.trusted) == (True, False, False)
    assert "Tệp đã bị sửa sau khi ký." in check.problems


def test_a_change_appended_after_signing_is_reported(signed):
    """An incremental update drawing on the page after the signature: the signed revision is intact, the file
    is not what was signed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed.pdf))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (SUA) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    check = verify_pdf(out.getvalue())
    assert (check.signed, check.intact, check.trusted) == (True, False, False)
    assert check.problems == ["Tệp đã bị sửa sau khi ký theo cách chữ ký không cho phép."]


@pytest.mark.parametrize("data", [b"%PDF-1.4 test", "%PDF-1.7\n/ByteRange [0 10 20 30] hỏng".encode()])
def test_a_damaged_file_is_answered_not_raised(data):
    check = verify_pdf(data)
    assert check.intact is False and check.trusted is False


def test_trust_roots_are_read_from_pem_bundles_and_der(tmp_path, pki, stranger):
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(pki.ca_pem.read_bytes() + stranger.ca_pem.read_bytes())
    der = tmp_path / "root.cer"
    der.write_bytes(pem.unarmor(pki.ca_pem.read_bytes())[2])
    missing = tmp_path / "missing.pem"
    names = [c.subject.native["common_name"] for c in load_certificates(f"{bundle},{der}:{missing}")]
    assert names == ["CA thử nghiệm", "CA không tin cậy", "CA thử nghiệm"]


def test_an_uploaded_signed_pdf_is_checked_stored_audited_and_shown(settings, tmp_path, client, unit, officer, signed):
    settings.MEDIA_ROOT = tmp_path
    files = [
        SimpleUploadedFile("to-trinh-da-ky.pdf", signed.pdf, content_type="application/pdf"),
        SimpleUploadedFile("ban-chua-ky.pdf", render_part(HTML)[0], content_type="application/pdf"),
    ]
    head = f.make_staff(unit, "Phạm Văn Trưởng", position="Viện trưởng")
    article = article_create(
        unit=unit,
        actor=officer,
        authors=[head],
        files=files,
        title="Tin về hội nghị",
        kind=ArticleKind.NEWS,
        outlet=ArticleOutlet.SECTOR_WEBSITE,
        published_on=datetime.date(2018, 5, 2),
    )
    stored = {a.original_name: a.verification for a in attachments_of(article)}
    assert stored["ban-chua-ky.pdf"] == {"signed": False}
    check = stored["to-trinh-da-ky.pdf"]
    assert (check["signed"], check["intact"], check["trusted"], check["signer"]) == (
        True,
        True,
        True,
        "Viện kiểm sát nhân dân tỉnh Thái Bình",
    )
    entry = AuditEntry.objects.get(action="attachment.add", data__file="to-trinh-da-ky.pdf")
    assert entry.data["signature"]["signer"] == "Viện kiểm sát nhân dân tỉnh Thái Bình"
    assert entry.data["signature"]["intact"] is True

    client.force_login(officer)
    page = client.get(reverse("units:article_list")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    at = timezone.localtime(signed.signed_at).strftime("%H:%M %d/%m/%Y")
    assert f"Đã ký số bởi Viện kiểm sát nhân dân tỉnh Thái Bình lúc {at} — toàn vẹn — chuỗi tin cậy: đạt" in text
    assert "ban-chua-ky.pdf" in text and "chưa ký số" in text


def test_a_tampered_upload_is_shown_in_red(settings, tmp_path, client, unit, officer, signed):
    settings.MEDIA_ROOT = tmp_path
    data = bytearray(signed.pdf)
    data[data.index(b"stream", 200) + 20] ^= 0x01
    head = f.make_staff(unit, "Phạm Văn Trưởng", position="Viện trưởng")
    article_create(
        unit=unit,
        actor=officer,
        authors=[head],
        files=[SimpleUploadedFile("da-sua.pdf", bytes(data), content_type="application/pdf")],
        title="Tin về hội nghị",
        kind=ArticleKind.NEWS,
        outlet=ArticleOutlet.SECTOR_WEBSITE,
        published_on=datetime.date(2018, 5, 2),
    )
    client.force_login(officer)
    page = client.get(reverse("units:article_list")).content.decode()
    match = re.search(r'<span class="signature-check d-block text-danger fw-semibold">(.*?)</span>', page, re.S)
    assert match and "Tệp đã bị sửa sau khi ký" in match.group(1)
    assert "toàn vẹn" not in match.group(1)
