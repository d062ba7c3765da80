"""The pre-filled achievement report (issue 16): the .docx read back with python-docx holds the person's or the
unit's facts (name, unit, position, titles with their years, initiatives, conduct), the form of the decree of the
proposal's year (2018: NĐ 91/2017; 2025: NĐ 98/2023), and the download's access rule."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from awards.enums import ConductKind, DisciplineLevel
from awards.services.records import conduct_record_create
from reports.achievement_docx import FORMS, achievement_docx, form_for
from tests import factories as f
from tests.factories import award, local_dt, make_initiative, propose, register
from units.enums import Role


def read(data: bytes):
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def table_rows(tables, first_header: str, column: str):
    """The data rows of the awards table whose second column is ``column``."""
    for rows in tables:
        if rows and rows[0][0] == first_header and rows[0][1] == column:
            return rows[1:]
    raise AssertionError(f"no table {column}")


@pytest.fixture
def world(db, freeze):
    freeze(local_dt(2018, 11, 20, 9))
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    officer = f.make_officer(unit)
    plan = f.make_plan(province, 2018)
    person = f.make_staff(
        unit,
        "Trần Thị Bình",
        gender="female",
        position="Phó Viện trưởng",
        rank="Kiểm sát viên trung cấp",
        date_of_birth=datetime.date(1980, 3, 9),
        joined_procuracy_on=datetime.date(2005, 8, 1),
    )
    colleague = f.make_staff(unit, "Lê Đức Cường")
    award(person, "LDTT", 2015)
    award(person, "CSTDCS", 2016)
    award(person, "CSTDCS", 2017)
    award(person, "LDTT", 2012)  # outside the five years: not listed
    award(None, "TTLDTT", 2017, unit=unit)
    initiative = make_initiative(unit, [person], title="Sổ tay kiểm sát án hình sự", year=2018)
    make_initiative(unit, [colleague], title="Sáng kiến của người khác", year=2018)
    register(unit, plan, {person: "CSTDCS", colleague: "LDTT"})
    person_line, unit_line = propose(
        unit,
        plan,
        [(person, "CSTDCS", [initiative]), (None, "TTLDTT", [])],
        submit=False,
        actor=officer,
    )
    propose(unit, plan, [(colleague, "LDTT", [])], submit=False, actor=officer)
    return {
        "province": province,
        "unit": unit,
        "officer": officer,
        "plan": plan,
        "person": person,
        "colleague": colleague,
        "line": person_line,
        "unit_line": unit_line,
    }


def test_individual_report_prefilled(world):
    paragraphs, tables = read(achievement_docx(world["line"]))
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Mẫu số 02"
    assert "Nghị định số 91/2017/NĐ-CP" in paragraphs[1]
    header = list(tables[0][0])
    assert "VIỆN KIỂM SÁT NHÂN DÂN HUYỆN ĐÔNG HƯNG" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "BÁO CÁO THÀNH TÍCH" in paragraphs
    assert "ĐỀ NGHỊ TẶNG CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2018" in paragraphs
    assert "Trần Thị Bình, Phó Viện trưởng, Viện kiểm sát nhân dân huyện Đông Hưng" in paragraphs
    assert "- Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt): Trần Thị Bình" in paragraphs
    assert "- Sinh ngày, tháng, năm: 09/03/1980; Giới tính: Nữ" in paragraphs
    assert "- Đơn vị công tác: Viện kiểm sát nhân dân huyện Đông Hưng" in paragraphs
    assert "- Chức vụ (Đảng, chính quyền, đoàn thể): Phó Viện trưởng" in paragraphs
    assert "- Ngạch, chức danh: Kiểm sát viên trung cấp" in paragraphs
    assert (
        "- Thời gian công tác trong ngành Kiểm sát: từ ngày 01/08/2005 (13 năm tính đến ngày 31/12/2018)" in paragraphs
    )
    # What the unit writes is left as bracketed placeholders.
    assert "- Quê quán: [xã, huyện, tỉnh]" in paragraphs
    assert "[Cá nhân ghi chức năng, nhiệm vụ được giao]" in paragraphs
    assert "Hoàn thành xuất sắc nhiệm vụ" in paragraphs  # the line's achievement summary
    # The person's initiatives with their recognition; not a colleague's.
    assert (
        "- Sáng kiến “Sổ tay kiểm sát án hình sự” (năm 2018), được công nhận cấp cơ sở theo Quyết định số "
        "18/QĐ-VKS ngày 15/10/2018 (sáng kiến làm căn cứ đề nghị lần này)." in paragraphs
    )
    assert "Sáng kiến của người khác" not in text
    assert any(p.startswith("Trong các năm 2014–2018 không bị xử lý kỷ luật") for p in paragraphs)
    # Titles by year (2014–2018), with their decisions; the 2012 award is outside the window; the unit's not hers.
    titles = table_rows(tables, "Năm", "Danh hiệu thi đua")
    assert titles == [
        ["2015", "Lao động tiên tiến", "Quyết định số 15/QĐ-VKS ngày 10/01/2016"],
        ["2016", "Chiến sĩ thi đua cơ sở", "Quyết định số 16/QĐ-VKS ngày 10/01/2017"],
        ["2017", "Chiến sĩ thi đua cơ sở", "Quyết định số 17/QĐ-VKS ngày 10/01/2018"],
    ]
    forms = table_rows(tables, "Năm", "Hình thức khen thưởng")
    assert forms == [["", "(Chưa có trong hệ thống các năm 2014–2018)", ""]]
    signatures = tables[-1][0]
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in signatures[1] and "Trần Thị Bình" in signatures[1]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in signatures[0]


def test_individual_report_lists_conduct(world):
    conduct_record_create(
        staff=world["person"],
        actor=world["officer"],
        year=2017,
        kind=ConductKind.DISCIPLINE,
        discipline_level=DisciplineLevel.REPRIMAND,
        decision_number="03/QĐ-VKS",
        decision_date=datetime.date(2017, 6, 1),
    )
    paragraphs, _tables = read(achievement_docx(world["line"]))
    assert "- Năm 2017: Kỷ luật (Khiển trách), Quyết định số 03/QĐ-VKS ngày 01/06/2017." in paragraphs
    assert not any(p.startswith("Trong các năm 2014–2018 không bị xử lý kỷ luật") for p in paragraphs)


def test_collective_report_has_the_unit_figures(world):
    paragraphs, tables = read(achievement_docx(world["unit_line"]))
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Mẫu số 01"
    assert "ĐỀ NGHỊ TẶNG TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2018" in paragraphs
    assert "- Tên đơn vị: Viện kiểm sát nhân dân huyện Đông Hưng" in paragraphs
    assert "- Tổng số cán bộ, công chức, người lao động: 2 người (nữ: 1; lãnh đạo đơn vị: 1)" in paragraphs
    assert (
        "Kết quả bình xét thi đua năm 2018 của đơn vị (cá nhân được đề nghị): Chiến sĩ thi đua cơ sở: 1 người; "
        "Lao động tiên tiến: 1 người." in paragraphs
    )
    # Every recognised initiative of the unit, with its authors.
    assert "tác giả: Trần Thị Bình" in text and "Sáng kiến của người khác" in text
    assert "Năm 2018, đơn vị không có cán bộ bị xử lý kỷ luật" in text
    titles = table_rows(tables, "Năm", "Danh hiệu thi đua")
    assert titles == [["2017", "Tập thể lao động tiên tiến", "Quyết định số 17/QĐ-VKS ngày 10/01/2018"]]
    assert "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP" in tables[-1][0][0]


def test_form_follows_the_year(world, freeze):
    freeze(local_dt(2025, 11, 20, 9))
    province, unit, person = world["province"], world["unit"], world["person"]
    plan = f.make_plan(province, 2025)
    award(person, "CSTDCS", 2024)
    register(unit, plan, {person: "LDTT", world["colleague"]: "LDTT"})
    (line,) = propose(unit, plan, [(person, "LDTT", [])], submit=False, actor=world["officer"])
    paragraphs, tables = read(achievement_docx(line))
    assert paragraphs[0] == "Mẫu số 02"
    assert "Nghị định số 98/2023/NĐ-CP" in paragraphs[1]
    assert "ĐỀ NGHỊ TẶNG LAO ĐỘNG TIÊN TIẾN NĂM 2025" in paragraphs
    assert table_rows(tables, "Năm", "Danh hiệu thi đua") == [
        ["2024", "Chiến sĩ thi đua cơ sở", "Quyết định số 24/QĐ-VKS ngày 10/01/2025"]
    ]
    # 2018's report keeps the 2013 law's decree.
    assert "Nghị định số 91/2017/NĐ-CP" in read(achievement_docx(world["line"]))[0][1]


def test_form_by_rule_set_code_and_year():
    class RuleSetStub:
        def __init__(self, code, year_from):
            self.code, self.year_from = code, year_from

    assert form_for(RuleSetStub("tt-01-2019", 2019), 2020) is FORMS["nd-91-2017"]
    assert form_for(RuleSetStub("law-2022-tt-02-2024", 2024), 2025) is FORMS["nd-98-2023"]
    assert form_for(RuleSetStub("a-later-rule-set", 2026), 2026) is FORMS["nd-98-2023"]
    assert form_for(None, 2017) is FORMS["nd-91-2017"]


def test_download_for_the_unit_and_the_secretariat_only(world, client):
    url = reverse("reports:achievement_docx", kwargs={"pk": world["line"].pk})
    client.force_login(world["officer"])
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-thanh-tich-tran-thi-binh-2018.docx"'
    assert "Trần Thị Bình" in "\n".join(read(response.content)[0])

    client.force_login(f.make_user(Role.SECRETARIAT, province=world["province"]))
    assert "Trần Thị Bình" in "\n".join(read(client.get(url).content)[0])

    other = f.make_officer(f.make_unit(world["province"]))
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(f.make_user(Role.COUNCIL_MEMBER, province=world["province"]))
    assert client.get(url).status_code == 404
