"""The completed achievement report uploaded back to its line (awards/services/achievement.py, issue 16): the right
person's .docx is stored as the line's report (purpose, audit, shown on the line), replacing the earlier one; the
wrong person's, a file that is not a report, an unsigned, tampered or wrong-name PDF are refused with nothing
stored; the states each role may upload in; another unit's line answers 404."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from awards.services.achievement import PURPOSE, achievement_report_of, achievement_report_upload
from awards.services.lines import review_accept
from awards.services.proposals import proposal_submit
from reports.achievement_docx import achievement_docx
from reports.pdf import render_part
from reports.signing import load_signer, sign_pdf
from tests import factories as f
from tests.factories import local_dt, propose, register
from tests.signing_certs import make_pki
from units.attachments import attachments_of
from units.enums import Role
from units.models import Attachment, AuditEntry

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_file(*paragraphs: str, name: str = "bao-cao.docx") -> SimpleUploadedFile:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX)


def pdf_bytes(name: str) -> bytes:
    html = f"<html><body><p>BÁO CÁO THÀNH TÍCH</p><p>Họ tên: {name}</p><p>NGƯỜI BÁO CÁO</p><p>{name}</p></body></html>"
    return render_part(html)[0]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(autouse=True)
def roots(settings, pki, tmp_path):
    settings.SIGNING_TRUST_ROOTS = [str(pki.ca_pem)]
    settings.MEDIA_ROOT = str(tmp_path)


def signed(pki, name: str) -> bytes:
    return sign_pdf(pdf_bytes(name), anchor=name, signer=load_signer(str(pki.pkcs12), pki.password)).pdf


@pytest.fixture
def world(db, freeze):
    real = timezone.now()
    freeze(local_dt(2018, 11, 20, 9))
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    officer = f.make_officer(unit)
    plan = f.make_plan(province, 2018)
    person = f.make_staff(unit, "Trần Thị Bình", gender="female")
    other = f.make_staff(unit, "Lê Đức Cường")
    register(unit, plan, {person: "LDTT", other: "LDTT"})
    line, unit_line = propose(unit, plan, [(person, "LDTT", []), (None, "TTLDTT", [])], submit=False, actor=officer)
    freeze(real)  # the signatures below are made and checked now, inside their certificates' validity
    return {
        "province": province,
        "unit": unit,
        "officer": officer,
        "plan": plan,
        "line": line,
        "unit_line": unit_line,
        "secretary": f.make_user(Role.SECRETARIAT, province=province),
    }


def reports_of(line):
    return list(attachments_of(line).filter(purpose=PURPOSE))


def test_the_right_persons_docx_is_stored(world):
    line = world["line"]
    upload = SimpleUploadedFile("bc.docx", achievement_docx(line), content_type=DOCX)
    attachment = achievement_report_upload(line=line, upload=upload, actor=world["officer"])
    assert (attachment.purpose, attachment.original_name, attachment.verification) == (PURPOSE, "bc.docx", {})
    assert achievement_report_of(line) == attachment
    entry = AuditEntry.objects.get(action="proposal_line.achievement_report")
    assert (entry.object_id, entry.data) == (line.pk, {"file": "bc.docx", "signed": False})


def test_a_new_upload_replaces_the_earlier_report(world):
    line = world["line"]
    first = achievement_report_upload(line=line, upload=docx_file("Họ tên: Trần Thị Bình"), actor=world["officer"])
    second = achievement_report_upload(
        line=line, upload=docx_file("Họ tên: TRẦN THỊ BÌNH", name="lan-2.docx"), actor=world["officer"]
    )
    assert reports_of(line) == [second]
    assert not Attachment.objects.filter(pk=first.pk).exists()


def test_a_collective_report_must_name_the_unit(world):
    line = world["unit_line"]
    with pytest.raises(ValidationError) as error:
        achievement_report_upload(line=line, upload=docx_file("Tập thể: Phòng 1"), actor=world["officer"])
    assert error.value.messages == [
        "Tệp không có tên “Viện kiểm sát nhân dân huyện Đông Hưng”: đây không phải báo cáo thành tích của dòng đề "
        "nghị này."
    ]
    document = docx_file("Tên đơn vị: Viện kiểm sát nhân dân huyện Đông Hưng")
    assert achievement_report_upload(line=line, upload=document, actor=world["officer"]).purpose == PURPOSE


def test_the_wrong_persons_docx_is_refused(world, client):
    client.force_login(world["officer"])
    url = reverse("reports:achievement_upload", kwargs={"pk": world["line"].pk})
    response = client.post(url, {"report": docx_file("Họ tên: Lê Đức Cường")}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Tệp không có tên “Trần Thị Bình”: đây không phải báo cáo thành tích của dòng đề nghị này."]
    assert reports_of(world["line"]) == []
    assert not AuditEntry.objects.filter(action="proposal_line.achievement_report").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bang.docx",
            b"plain text, not a Word file",
            "không phải là tệp PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG",
        ),
        (
            "anh.png",
            b"\x89PNG\r\n\x1a\n" + b"0" * 20,
            "Báo cáo thành tích phải là tệp Word (.docx) hoặc tệp PDF đã ký số.",
        ),
    ],
)
def test_a_file_that_is_not_a_report_is_refused(world, name, content, message):
    with pytest.raises(ValidationError) as error:
        achievement_report_upload(line=world["line"], upload=SimpleUploadedFile(name, content), actor=world["officer"])
    assert message in " ".join(error.value.messages)
    assert reports_of(world["line"]) == []


def test_a_docx_that_does_not_open_is_refused(world):
    # A ZIP that looks like Word (it has word/ and [Content_Types].xml) but is no document python-docx can open.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml")
    upload = SimpleUploadedFile("hong.docx", buffer.getvalue())
    with pytest.raises(ValidationError) as error:
        achievement_report_upload(line=world["line"], upload=upload, actor=world["officer"])
    assert error.value.messages == ["Không mở được tệp Word; hãy lưu lại dưới dạng .docx rồi tải lên."]


def test_a_signed_pdf_of_the_person_is_stored_with_its_check(world, pki):
    upload = SimpleUploadedFile("bc.pdf", signed(pki, "Trần Thị Bình"), content_type="application/pdf")
    attachment = achievement_report_upload(line=world["line"], upload=upload, actor=world["officer"])
    check = attachment.verification
    assert (check["signed"], check["intact"], check["trusted"], check["signer"]) == (True, True, True, pki.signer_name)


def test_an_unsigned_tampered_or_wrong_name_pdf_is_refused(world, pki):
    line, officer = world["line"], world["officer"]
    cases = {
        "unsigned": pdf_bytes("Trần Thị Bình"),
        "wrong-name": signed(pki, "Lê Đức Cường"),
    }
    good = signed(pki, "Trần Thị Bình")
    index = good.index(b"BT") if b"BT" in good else len(good) // 3
    cases["tampered"] = good[:index] + (b"X" if good[index : index + 1] != b"X" else b"Y") + good[index + 1 :]
    messages = {}
    for name, data in cases.items():
        with pytest.raises(ValidationError) as error:
            achievement_report_upload(
                line=line, upload=SimpleUploadedFile(f"{name}.pdf", data, content_type="application/pdf"), actor=officer
            )
        messages[name] = " ".join(error.value.messages)
    assert messages["unsigned"] == "Tệp PDF chưa được ký số: hãy tải lên tệp Word, hoặc tệp PDF đã ký số."
    assert messages["wrong-name"].startswith("Tệp không có tên “Trần Thị Bình”")
    assert messages["tampered"].startswith("Chữ ký số trên tệp PDF không hợp lệ")
    assert reports_of(line) == []


def test_who_may_upload_in_which_state(world):
    line, officer, secretary = world["line"], world["officer"], world["secretary"]
    with pytest.raises(ValidationError):  # the secretariat does not write into a unit's draft
        achievement_report_upload(line=line, upload=docx_file("Trần Thị Bình"), actor=secretary)
    proposal_submit(proposal=line.proposal, actor=officer, now=local_dt(2018, 11, 20, 10))
    line.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        achievement_report_upload(line=line, upload=docx_file("Trần Thị Bình"), actor=officer)
    assert error.value.messages == ["Đơn vị chỉ tải lên báo cáo thành tích khi dòng đề nghị đang soạn hoặc bị trả lại."]
    review_accept(line=line, actor=secretary)
    line.refresh_from_db()
    assert achievement_report_upload(line=line, upload=docx_file("Trần Thị Bình"), actor=secretary).purpose == PURPOSE


def test_another_units_line_answers_404(world, client):
    stranger = f.make_officer(f.make_unit(world["province"]))
    client.force_login(stranger)
    url = reverse("reports:achievement_upload", kwargs={"pk": world["line"].pk})
    assert client.post(url, {"report": docx_file("Trần Thị Bình")}).status_code == 404
    assert client.get(reverse("reports:achievement_docx", kwargs={"pk": world["line"].pk})).status_code == 404
    assert reports_of(world["line"]) == []


def test_the_line_page_shows_the_report(world, client):
    client.force_login(world["officer"])
    page = reverse("awards:line_detail", kwargs={"pk": world["line"].pk})
    before = client.get(page).content.decode()
    assert "Hồ sơ chưa có báo cáo thành tích đã hoàn thiện." in before
    assert "Tải lên báo cáo thành tích đã hoàn thiện" in before
    url = reverse("reports:achievement_upload", kwargs={"pk": world["line"].pk})
    response = client.post(url, {"report": docx_file("Trần Thị Bình", name="bao-cao-binh.docx")}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã lưu báo cáo thành tích vào dòng đề nghị."]
    after = response.content.decode()
    assert "Hồ sơ đã có báo cáo thành tích" in after and "bao-cao-binh.docx" in after
    # The report is not listed again among the line's other files (the line has none): only in the section and
    # twice in the history (the file added, the report uploaded).
    assert "attachments" not in after.split('id="achievement-report"')[0].rsplit("<h1", 1)[-1]
    assert after.count("bao-cao-binh.docx") == 3
