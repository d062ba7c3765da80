import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import ConductRecord
from awards.services import conduct_record_create
from tests import uploads as u
from units.attachments import attachments_of
from units.uploads import validate_upload


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("quyet-dinh.pdf", u.PDF, "pdf"),
        ("bao-cao.docx", u.office("docx"), "docx"),
        ("danh-sach.xlsx", u.office("xlsx"), "xlsx"),
        ("anh.JPG", u.JPG, "jpg"),
        ("anh.jpeg", u.JPG, "jpg"),
        ("scan.png", u.PNG, "png"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, kind):
    assert validate_upload(u.upload(name, content))[0] == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.pdf", u.office("docx"), "nội dung là DOCX"),
        ("virus.png", u.EXE, "không phải là tệp PDF"),
        ("script.pdf", b"<script>alert(1)</script>", "không phải là tệp PDF"),
        ("anh.png", u.JPG, "nội dung là JPG"),
        ("ban-giao-uoc", u.PDF, "không có đuôi"),
        ("khong-phai-zip.docx", b"PK\x03\x04 broken", "không phải là tệp PDF"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_disguised_broken_or_empty_files_are_refused(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_upload(u.upload(name, content))
    assert message in " ".join(error.value.messages)


def test_too_big_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="giới hạn là 100"):
        validate_upload(u.upload("lon.pdf", u.PDF + b"0" * 200))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_rejected_upload_keeps_the_form_and_saves_nothing(client, officer, staff):
    client.force_login(officer)
    response = client.post(
        reverse("awards:conduct_create", kwargs={"staff": staff[0].pk}),
        {
            "year": 2018,
            "kind": "discipline",
            "discipline_level": 1,
            "decision_number": "05/QĐ-VKS",
            "description": "Vi phạm thời hạn",
            "files": [u.upload("quyet-dinh.pdf", u.office("docx"))],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "nội dung là DOCX" in " ".join(form.errors["files"])
    assert form["decision_number"].value() == "05/QĐ-VKS" and form["description"].value() == "Vi phạm thời hạn"
    assert not ConductRecord.objects.exists()


def test_attachment_is_served_only_to_those_who_see_its_record(
    client, officer, other_officer, secretariat, council_member, staff, tmp_path
):
    record = conduct_record_create(
        staff=staff[0],
        actor=officer,
        year=2018,
        kind="discipline",
        discipline_level=2,
        files=[u.upload("Quyết định kỷ luật.pdf", u.PDF)],
    )
    attachment = attachments_of(record).get()
    assert attachment.sha256 and attachment.size == len(u.PDF) and attachment.mime_type == "application/pdf"
    # Stored under MEDIA_ROOT with a random name, never the uploaded one.
    assert "Quyết định" not in attachment.file.name and attachment.file.path.startswith(str(tmp_path))
    url = reverse("units:attachment", kwargs={"pk": attachment.pk})
    client.force_login(officer)
    response = client.get(url)
    assert b"".join(response.streaming_content) == u.PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(secretariat)
    assert client.get(url).status_code == 200
    for outsider in (other_officer, council_member):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
