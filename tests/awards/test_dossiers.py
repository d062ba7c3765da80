"""The dossier of a forwarding submission (issue 16, domain-rules.md §6): what it must hold, the .zip and its
manifest, sending it."""

import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import dossiers
from awards.enums import DecisionKind, DossierState
from awards.models import Consultation, Dossier, RuleSet, TitleRule
from awards.services.achievement import achievement_report_upload
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.dossiers import dossier_build, dossier_send, send_problems
from reports.enums import ReportKind
from reports.services import report_request
from tests import factories as f
from tests.factories import accept_all, eligible_for_nganh, local_dt, propose, register
from units.attachments import attachment_delete, attachments_add, attachments_of
from units.models import AuditEntry


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload_report(line, actor):
    name = line.subject_name
    data = docx_bytes("BÁO CÁO THÀNH TÍCH", f"Họ và tên: {name}")
    return achievement_report_upload(line=line, upload=SimpleUploadedFile("bao-cao.docx", data), actor=actor)


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def world(django_capture_on_commit_callbacks, province, plan, unit, staff, officer, secretary):
    """A Chiến sĩ thi đua ngành candidate with her initiative, approved by an 11-member council (10 present),
    put in a forwarding submission 12/TTr-VKS; the submission's PDF and the minutes generated."""
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    initiative = eligible_for_nganh(unit, staff[0])
    (line,) = propose(unit, plan, [(staff[0], "CSTD_NGANH", [initiative])])
    accept_all([line], secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [f.make_staff(office, f"Thành viên Hội đồng Số{i:02d}") for i in range(11)]
    meeting = meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8, 0),
        members=[(person, "Ủy viên", index != 10) for index, person in enumerate(members)],
        chair="Nguyễn Văn Thành",
        secretary="Trần Thị Thư",
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretary)
    tally_record(item=item, actor=secretary, yes=9, no=1, blank=0, written_yes=1)
    line.refresh_from_db()
    upload_report(line, secretary)
    attachments_add(
        owner=initiative,
        files=[SimpleUploadedFile("quyet-dinh-cong-nhan.pdf", pdf_bytes())],
        actor=secretary,
        unit=unit,
    )
    attachments_add(owner=line, files=[SimpleUploadedFile("minh-chung.pdf", pdf_bytes())], actor=secretary, unit=unit)
    submission = decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=[line], actor=secretary)
    decision_issue(decision=submission, actor=secretary, number="12/TTr-VKS", issued_on=datetime.date(2018, 12, 26))
    with django_capture_on_commit_callbacks(execute=True):
        report_request(kind=ReportKind.FORWARDING, year_plan=plan, actor=secretary, params={"decision": submission.pk})
        report_request(kind=ReportKind.VOTE_MINUTES, year_plan=plan, actor=secretary, params={"meeting": meeting.pk})
    submission.refresh_from_db()
    line.refresh_from_db()
    return {"submission": submission, "line": line, "meeting": meeting, "initiative": initiative, "person": staff[0]}


def build(django_capture_on_commit_callbacks, submission, actor) -> Dossier:
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_build(decision=submission, actor=actor)
    dossier.refresh_from_db()
    return dossier


def test_a_complete_dossier_has_nothing_missing(world):
    assert dossiers.dossier_check(world["submission"]) == []


def test_the_zip_matches_its_manifest(django_capture_on_commit_callbacks, world, secretary):
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    with dossier.file.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == dossier.checksum and len(data) == dossier.size
    manifest, problems = dossiers.verify(data)
    assert problems == []
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert json.loads(archive.read("manifest.json")) == manifest == dossier.manifest
    for document in manifest["documents"]:
        content = archive.read(document["path"])
        assert hashlib.sha256(content).hexdigest() == document["sha256"]
        assert len(content) == document["size"]
        assert document["path"].isascii()
    kinds = sorted(document["kind"] for document in manifest["documents"])
    assert kinds == ["achievement-report", "initiative", "list", "minutes", "proof", "submission"]
    person = world["person"]
    (report,) = [d for d in manifest["documents"] if d["kind"] == "achievement-report"]
    assert report["subject"] == {
        "type": "person",
        "staff_id": person.pk,
        "name": person.full_name,
        "unit": person.unit.name,
    }
    assert report["media_type"].endswith("wordprocessingml.document")
    assert person.full_name in _docx_text(archive.read(report["path"]))
    assert manifest["submission"]["number"] == "12/TTr-VKS" and manifest["submission"]["date"] == "2018-12-26"
    assert manifest["rule_set"]["code"] == RuleSet.objects.for_year(2018).code
    assert manifest["format"] == "thidua-dossier" and manifest["version"] == 1 and manifest["complete"] is True
    (meeting,) = manifest["vote"]["meetings"]
    assert (meeting["date"], meeting["members_total"], meeting["members_present"]) == ("2018-12-20", 11, 10)
    (candidate,) = meeting["candidates"]
    assert (candidate["yes"], candidate["no"], candidate["blank"], candidate["written_yes"]) == (9, 1, 0, 1)
    assert candidate["subject"]["staff_id"] == person.pk and candidate["title"]["code"] == "CSTD_NGANH"
    assert [c["subject"]["name"] for c in manifest["candidates"]] == [person.full_name]
    assert {d["subject"]["staff_id"] for d in manifest["documents"] if d["kind"] == "achievement-report"} == {
        c["subject"]["staff_id"] for c in manifest["candidates"]
    }
    assert AuditEntry.objects.filter(action="dossier.build", object_id=dossier.pk).count() == 1


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_a_tampered_zip_is_reported():
    buffer = io.BytesIO()
    content = "%PDF-1.4 tờ trình".encode()
    manifest = {
        "documents": [
            {"path": "01-to-trinh/a.pdf", "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        ]
    }
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("01-to-trinh/a.pdf", content + b"!")
        archive.writestr("extra.txt", b"x")
    _manifest, problems = dossiers.verify(buffer.getvalue())
    assert problems == ["changed: 01-to-trinh/a.pdf", "not in the manifest: extra.txt"]


def test_a_report_removed_after_the_build_makes_the_dossier_stale_and_incomplete(
    django_capture_on_commit_callbacks, world, secretary
):
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    assert send_problems(dossier) == []
    line = world["line"]
    (report,) = attachments_of(line).filter(purpose="achievement-report")
    attachment_delete(attachment=report, actor=secretary, unit=line.proposal.unit)
    name = world["person"].full_name
    assert dossiers.dossier_check(world["submission"]) == [
        f"Thiếu báo cáo thành tích của {name} (Chiến sĩ thi đua ngành Kiểm sát nhân dân)."
    ]
    problems = send_problems(dossier)
    assert f"Thiếu báo cáo thành tích của {name} (Chiến sĩ thi đua ngành Kiểm sát nhân dân)." in problems
    assert "Tài liệu đã thay đổi sau khi lập hồ sơ: lập lại hồ sơ trước khi gửi." in problems
    with pytest.raises(ValidationError):
        dossier_send(dossier=dossier, actor=secretary)


def test_a_proof_added_after_the_build_only_makes_the_dossier_stale(
    django_capture_on_commit_callbacks, world, secretary
):
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    line = world["line"]
    attachments_add(owner=line, files=[SimpleUploadedFile("them.pdf", pdf_bytes())], actor=secretary)
    assert dossiers.dossier_check(world["submission"]) == []
    assert send_problems(dossier) == ["Tài liệu đã thay đổi sau khi lập hồ sơ: lập lại hồ sơ trước khi gửi."]
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    assert send_problems(dossier) == []
    assert len([d for d in dossier.manifest["documents"] if d["kind"] == "proof"]) == 2


def test_missing_items_are_named_in_any_order(django_capture_on_commit_callbacks, world, secretary):
    """Missing documents found before the build are listed, each where it is fixed; once supplied, nothing."""
    line, initiative = world["line"], world["initiative"]
    for attachment in attachments_of(initiative):
        attachment_delete(attachment=attachment, actor=secretary)
    for attachment in attachments_of(line).filter(purpose="achievement-report"):
        attachment_delete(attachment=attachment, actor=secretary)
    name = world["person"].full_name
    items = dossiers.dossier_checklist(world["submission"])
    problems = {item.kind: [(p.text, p.url) for p in item.problems] for item in items}
    assert problems["achievement-report"] == [
        (
            f"Thiếu báo cáo thành tích của {name} (Chiến sĩ thi đua ngành Kiểm sát nhân dân).",
            reverse("awards:line_detail", kwargs={"pk": line.pk}),
        )
    ]
    assert problems["initiative"] == [
        (
            f"Thiếu văn bản công nhận sáng kiến “{initiative.title}” của {name}.",
            reverse("awards:initiative_detail", kwargs={"pk": initiative.pk}),
        )
    ]
    assert problems["submission"] == problems["minutes"] == problems["list"] == []
    with pytest.raises(ValidationError):
        dossier_send(dossier=build(django_capture_on_commit_callbacks, world["submission"], secretary), actor=secretary)
    attachments_add(owner=initiative, files=[SimpleUploadedFile("cong-nhan.pdf", pdf_bytes())], actor=secretary)
    assert len(dossiers.dossier_check(world["submission"])) == 1


def test_a_pdf_generated_before_the_issue_does_not_count(django_capture_on_commit_callbacks, plan, secretary, world):
    """A draft's PDF has no number: only the issued submission's PDF goes in."""
    submission = world["submission"]
    from reports.models import ReportJob

    ReportJob.objects.filter(kind=ReportKind.FORWARDING).update(
        created_at=submission.updated_at - datetime.timedelta(days=1)
    )
    assert dossiers.dossier_check(submission) == ["Chưa tạo bản PDF của tờ trình đã ban hành và danh sách kèm theo."]


def test_the_rule_sets_list_of_items_decides(world):
    rule_set = RuleSet.objects.for_year(2018)
    rule_set.dossier_items = ["submission", "minutes"]
    rule_set.save(update_fields=["dossier_items"])
    items = dossiers.dossier_checklist(world["submission"])
    assert [item.kind for item in items] == ["submission", "minutes"]
    assert dossiers.dossier_items(None) == dossiers.DEFAULT_ITEMS


def test_send_is_refused_while_the_consultation_is_open(django_capture_on_commit_callbacks, world, secretary):
    rule = TitleRule.objects.get(rule_set=RuleSet.objects.for_year(2018), title__code="CSTD_NGANH")
    rule.requires_consultation = True
    rule.consultation_days = 10
    rule.save(update_fields=["requires_consultation", "consultation_days"])
    submission = world["submission"]
    Consultation.objects.create(
        decision=submission, opens_on=datetime.date(2099, 1, 1), closes_on=datetime.date(2099, 1, 10)
    )
    dossier = build(django_capture_on_commit_callbacks, submission, secretary)
    problems = send_problems(dossier)
    assert "Chưa tạo biên bản lấy ý kiến." in problems
    assert any("10/01/2099" in problem for problem in problems)
    with pytest.raises(ValidationError):
        dossier_send(dossier=dossier, actor=secretary)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_send_locks_the_dossier(django_capture_on_commit_callbacks, world, secretary):
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    dossier_send(dossier=dossier, actor=secretary)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.sent_by) == (DossierState.SENT, secretary)
    entry = AuditEntry.objects.get(action="dossier.sent", object_id=dossier.pk)
    assert entry.data["checksum"] == dossier.checksum
    with pytest.raises(ValidationError, match="đã được gửi"):
        dossier_build(decision=world["submission"], actor=secretary)
    with pytest.raises(ValidationError):
        dossier_send(dossier=dossier, actor=secretary)


def test_only_an_issued_forwarding_submission_has_a_dossier(plan, secretary, world):
    external = decision_create(
        year_plan=plan, kind=DecisionKind.EXTERNAL, lines=[world["line"]], actor=secretary, issuer="VKSND tối cao"
    )
    with pytest.raises(ValidationError, match="tờ trình"):
        dossier_build(decision=external, actor=secretary)


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_the_submission_page_shows_the_checklist_and_the_buttons(
    django_capture_on_commit_callbacks, client, world, secretary
):
    submission = world["submission"]
    url = reverse("awards:decision_detail", kwargs={"pk": submission.pk})
    client.force_login(secretary)
    page = client.get(url).content.decode()
    assert "Hồ sơ trình cấp trên" in page and "Chưa lập hồ sơ." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:dossier_build", kwargs={"pk": submission.pk}))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Tải hồ sơ (.zip)" in page and "Gửi hồ sơ" in page
    download = client.get(reverse("awards:dossier_download", kwargs={"pk": submission.pk}))
    assert download["Content-Type"] == "application/zip"
    _manifest, problems = dossiers.verify(
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    assert problems == []
    confirm = client.get(reverse("awards:dossier_send", kwargs={"pk": submission.pk})).content.decode()
    assert "không thể lập lại" in confirm and world["person"].full_name in confirm
    client.post(reverse("awards:dossier_send", kwargs={"pk": submission.pk}))
    assert Dossier.objects.get(decision=submission).state == DossierState.SENT
    assert "Đã gửi cấp trên lúc" in client.get(url).content.decode()


def test_officers_and_council_members_cannot_reach_the_dossier(client, world, officer, province):
    submission = world["submission"]
    for user in (officer, f.make_user("council_member", province=province)):
        client.force_login(user)
        for name in ("awards:dossier_download", "awards:dossier_send"):
            assert client.get(reverse(name, kwargs={"pk": submission.pk})).status_code == 404
        assert client.post(reverse("awards:dossier_build", kwargs={"pk": submission.pk})).status_code == 404
    assert not Dossier.objects.exists()


def test_the_documented_check_accepts_a_built_dossier(django_capture_on_commit_callbacks, world, secretary, tmp_path):
    """The Python example of docs/dossier-format.md, run on a real dossier and on a tampered copy."""
    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "dossier-format.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    code = code.split("manifest, problems = check(sys.argv[1])")[0]
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the documentation's own example
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    path = tmp_path / "ho-so.zip"
    with dossier.file.open("rb") as handle:
        path.write_bytes(handle.read())
    manifest, problems = namespace["check"](path)
    assert (manifest["submission"]["number"], problems) == ("12/TTr-VKS", [])
    tampered = tmp_path / "sua.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data + b"x" if name.startswith("04-") else data)
    _manifest, problems = namespace["check"](tampered)
    assert len(problems) == 1 and problems[0].startswith("04-bao-cao-thanh-tich/")


def test_a_report_that_comes_late_goes_in_until_the_dossier_is_sent(
    django_capture_on_commit_callbacks, world, secretary
):
    line = world["line"]
    assert line.state == "forwarded"
    upload_report(line, secretary)  # a signed copy came by hand after the submission was issued: still taken
    dossier = build(django_capture_on_commit_callbacks, world["submission"], secretary)
    dossier_send(dossier=dossier, actor=secretary)
    with pytest.raises(ValidationError):
        upload_report(line, secretary)  # sent up: the line's dossier is closed
