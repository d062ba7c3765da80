"""Issue 16 in a real browser: the unit's officer downloads the pre-filled achievement report of a proposal line,
finishes it in Word (here: python-docx adds a paragraph), uploads it back and sees on the line that the dossier
has it; a report naming someone else is refused with the reason."""

import io

import pytest
from docx import Document

from awards.services.achievement import achievement_report_of
from tests import factories as f
from tests.factories import propose, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    officer = f.make_user("officer", unit=unit, username="donghung")
    plan = f.make_plan(province, 2018)
    person = f.make_staff(unit, "Trần Thị Bình", gender="female", position="Kiểm sát viên")
    other = f.make_staff(unit, "Lê Đức Cường")
    f.award(person, "LDTT", 2017)
    register(unit, plan, {person: "LDTT", other: "LDTT"})
    (line,) = propose(unit, plan, [(person, "LDTT", [])], submit=False, actor=officer)
    return {"line": line}


def test_officer_downloads_finishes_and_uploads_the_report(journey, world, tmp_path):
    line = world["line"]
    tab = journey("achievement-reports")
    page = tab.page
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(f"/proposal-lines/{line.pk}/")
    section = page.locator("#achievement-report")
    assert "Hồ sơ chưa có báo cáo thành tích đã hoàn thiện." in section.inner_text()
    tab.snap("line")

    with page.expect_download() as download_info:
        page.click("#achievement-docx")
    download = download_info.value
    assert download.suggested_filename == "bao-cao-thanh-tich-tran-thi-binh-2018.docx"
    document = Document(download.path())
    texts = [p.text for p in document.paragraphs]
    assert "- Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt): Trần Thị Bình" in texts
    document.add_paragraph("Trong năm 2018, chủ trì giải quyết 45 vụ án hình sự, không có án bị hủy.")
    finished = tmp_path / "bao-cao-hoan-thien.docx"
    document.save(finished)

    # Someone else's report first: refused, nothing stored.
    wrong = Document()
    wrong.add_paragraph("Họ tên: Lê Đức Cường")
    buffer = io.BytesIO()
    wrong.save(buffer)
    wrong_path = tmp_path / "nham-nguoi.docx"
    wrong_path.write_bytes(buffer.getvalue())
    page.set_input_files("#id_report", str(wrong_path))
    page.click("#achievement-form button[type=submit]")
    page.wait_for_load_state()
    assert "Tệp không có tên “Trần Thị Bình”" in page.content()
    assert achievement_report_of(line) is None
    tab.snap("refused")

    page.set_input_files("#id_report", str(finished))
    page.click("#achievement-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu báo cáo thành tích vào dòng đề nghị." in page.content()
    status = page.locator("#achievement-report .achievement-report-status").inner_text()
    assert "Hồ sơ đã có báo cáo thành tích" in status and "bao-cao-hoan-thien.docx" in status
    tab.snap("uploaded")
    stored = achievement_report_of(line)
    assert stored.original_name == "bao-cao-hoan-thien.docx"
    with stored.file.open("rb") as handle:
        texts = [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]
    assert "Trong năm 2018, chủ trì giải quyết 45 vụ án hình sự, không có án bị hủy." in texts
