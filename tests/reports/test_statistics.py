"""The statutory statistical reports (Thông tư 02/2023/TT-BNV, biểu 0601–0605): figures per form, the .xlsx
layout, the PDF text and who may open the page."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from movements.enums import Launcher, MovementKind
from movements.services import movement_create
from reports.pdf import render_parts
from reports.statistics import TABLE_FIRST_ROW, duration_band, statistics_document, statistics_table
from tests import factories as f
from tests.factories import pdf_text
from units.enums import Role

START, END = datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)


def _movement(province, secretariat, name, launched_by, kind, start, end):
    return movement_create(
        province=province,
        actor=secretariat,
        name=name,
        launched_by=launched_by,
        kind=kind,
        start_date=start,
        end_date=end,
        report_deadline=end,
    )


@pytest.fixture
def world(province, plan):
    secretariat = f.make_user(Role.SECRETARIAT, province=province)
    d = datetime.date
    _movement(
        province,
        secretariat,
        "Thi đua thường xuyên 2019",
        Launcher.PROVINCE,
        MovementKind.REGULAR,
        d(2019, 1, 1),
        d(2019, 12, 31),
    )
    _movement(
        province,
        secretariat,
        "Đợt thi đua 100 ngày",
        Launcher.PROVINCE,
        MovementKind.PERIODIC,
        d(2019, 3, 1),
        d(2019, 6, 8),
    )
    _movement(
        province,
        secretariat,
        "Chuyên đề của ngành",
        Launcher.SUPREME_PROCURACY,
        MovementKind.THEMATIC,
        d(2019, 5, 1),
        d(2021, 4, 30),
    )
    # Launched in 2018: not in the 2019 report.
    _movement(
        province, secretariat, "Phong trào cũ", Launcher.PROVINCE, MovementKind.REGULAR, d(2018, 1, 1), d(2018, 12, 31)
    )
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    leader = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng", is_leader=True)
    worker = f.make_staff(unit, "Trần Thị Bình")
    other = f.make_staff(unit, "Lê Văn Cường")
    # Decision dates 10/01/2019 (award() dates a year's award on 10 January of the next year).
    f.award(leader, "BK_VKSTC", 2018)
    f.award(worker, "BK_VKSTC", 2018)
    f.award(other, "CSTD_NGANH", 2018)
    f.award(None, "CO_NGANH", 2018, unit=unit)
    f.award(worker, "BK_TTG", 2018)
    f.award(None, "TTLDXS", 2018, unit=unit)  # the provincial head's: in no form of 0602/0603
    f.award(other, "BK_VKSTC", 2017)  # decided 10/01/2018: outside the period
    return {"province": province, "plan": plan, "secretariat": secretariat, "unit": unit}


def _row(table, code):
    return next(row for row in table.rows if row.code == code)


def test_duration_bands():
    d = datetime.date
    assert duration_band(d(2019, 1, 1), d(2019, 12, 31)) == "1"
    assert duration_band(d(2019, 3, 1), d(2019, 6, 8)) == "under1"
    assert duration_band(d(2019, 5, 1), d(2021, 4, 30)) == "1to3"
    assert duration_band(d(2019, 1, 1), d(2022, 6, 30)) == "3to5"
    assert duration_band(d(2019, 1, 1), d(2023, 12, 31)) == "5plus"


def test_form_0601_counts_the_movements_launched_in_the_period(world):
    table = statistics_table("0601", province=world["province"], start=START, end=END)
    assert _row(table, "01").values == [3, None, 1, 2]
    assert _row(table, "02").values == [None] * 4
    assert _row(table, "03").values == [1, None, 1, 0]
    assert _row(table, "05").values == [2, None, 0, 2]
    assert [_row(table, c).values[0] for c in ["06", "07", "08", "09", "10"]] == [1, 1, 1, 0, 0]
    assert _row(table, "11").values == [2, None, 1, 1]
    assert _row(table, "12").values == [1, None, 0, 1]
    assert any("Cột 2 và dòng 02 để trống" in note for note in table.footnotes)


def test_form_0603_counts_the_sector_awards_by_form_and_subject(world):
    table = statistics_table("0603", province=world["province"], start=START, end=END)
    # Columns: total, Bằng khen, CSTĐ ngành, Cờ thi đua ngành, Kỷ niệm chương.
    assert _row(table, "01").values == [4, 2, 1, 1, 0]
    assert _row(table, "02").values == [1, 0, 0, 1, 0]  # collectives
    assert _row(table, "03").values == [0] * 5  # businesses: none in a procuracy
    assert _row(table, "05").values == [3, 2, 1, 0, 0]  # individuals
    assert _row(table, "06").values == [None] * 5  # leaders by level: unknown
    assert _row(table, "10").values == [2, 1, 1, 0, 0]  # people working directly: not leaders
    assert _row(table, "11").values == [0] * 5  # past records have no proposal, so no way of commendation
    assert any("có 1 người giữ chức vụ lãnh đạo" in note for note in table.footnotes)
    assert any("4 khen thưởng nhập từ hồ sơ cũ" in note for note in table.footnotes)


def test_form_0602_counts_the_state_awards(world):
    table = statistics_table("0602", province=world["province"], start=START, end=END)
    labels = [column.label or column.group for column in table.columns]
    person = labels.index("Cá nhân", labels.index("Tập thể", 2))  # Bằng khen TTg: tập thể, cá nhân
    assert _row(table, "01").values[0] == 1
    assert _row(table, "09").values[person] == 1
    assert _row(table, "06").values[0] == 0
    assert _row(table, "02").values == [None] * len(table.columns)
    assert table.columns[person].group == "Bằng khen của Thủ tướng Chính phủ"


def test_forms_0604_and_0605_are_blank_with_a_note(world):
    for code in ["0604", "0605"]:
        table = statistics_table(code, province=world["province"], start=START, end=END)
        assert all(value is None for row in table.rows for value in row.values)
        assert table.footnotes


def test_xlsx_has_the_form_layout_and_the_figures(client, world):
    client.force_login(world["secretariat"])
    url = reverse("reports:statistics_export", kwargs={"plan": world["plan"].pk})
    response = client.get(url, {"form": "0603", "start": "2019-01-01", "end": "2019-12-31"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số 0603.N/BNV-TĐKT"
    assert "02/2023/TT-BNV" in sheet["A2"].value
    assert sheet["A5"].value.startswith("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ")
    assert sheet["A6"].value == "Kỳ báo cáo: năm 2019"
    assert [sheet.cell(10, c).value for c in range(1, 9)] == ["A", "B", "C", "(1)", "(2)", "(3)", "(4)", "(5)"]
    first = TABLE_FIRST_ROW
    assert [sheet.cell(first, c).value for c in range(1, 9)] == ["Tổng số", "01", None, 4, 2, 1, 1, 0]
    leaders = first + 6  # row 06, after the heading and rows 02–05
    assert sheet.cell(leaders, 2).value == "06" and sheet.cell(leaders, 4).value is None
    texts = [sheet.cell(r, 1).value or "" for r in range(1, sheet.max_row + 1)]
    assert "Ghi chú:" in texts and "Người lập biểu" in texts


def test_pdf_has_the_header_the_form_number_and_the_figures(world):
    plan = world["plan"]
    plan.signer_name = "Nguyễn Văn Thành"
    plan.save()
    spec = statistics_document(
        plan, {"form": "0601", "start": "2019-01-01", "end": "2019-12-31"}, issued_on=datetime.date(2020, 1, 5)
    )
    pdf, pages = render_parts(spec.parts)
    text = "\n".join(pdf_text(pdf))
    for expected in [
        "Biểu số 0601.N/BNV-TĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO THỐNG KÊ",
        "Số phong trào thi đua",
        "Kỳ báo cáo: năm 2019",
        "Thi đua thường xuyên hàng năm",
        "Ghi chú:",
        "Nơi nhận:",
        "Nguyễn Văn Thành",
    ]:
        assert expected in text, expected
    assert spec.filename == "bieu-0601-20190101-20191231.pdf"


def test_page_previews_and_asks_for_the_pdf(client, world):
    client.force_login(world["secretariat"])
    url = reverse("reports:statistics", kwargs={"plan": world["plan"].pk})
    page = client.get(url, {"form": "0601"}).content.decode()
    assert "Biểu số 0601.N/BNV-TĐKT" in page and "Kỳ báo cáo: năm" in page
    response = client.post(
        reverse("reports:statistics_document", kwargs={"plan": world["plan"].pk}),
        {"form": "0601", "start": "2019-01-01", "end": "2019-12-31"},
    )
    assert response.status_code == 302
    from reports.models import ReportJob  # noqa: PLC0415 - a test's own check

    job = ReportJob.objects.get(kind="statistics")
    assert job.params == {"form": "0601", "start": "2019-01-01", "end": "2019-12-31"}


def test_period_from_to_and_refused_when_reversed(client, world):
    client.force_login(world["secretariat"])
    url = reverse("reports:statistics", kwargs={"plan": world["plan"].pk})
    page = client.get(url, {"form": "0601", "start": "2019-03-01", "end": "2019-06-30"}).content.decode()
    assert "Kỳ báo cáo: từ ngày 01/03/2019 đến ngày 30/06/2019" in page
    page = client.get(url, {"form": "0601", "start": "2019-06-30", "end": "2019-03-01"}).content.decode()
    assert "Biểu số" not in page


@pytest.mark.parametrize("name", ["reports:statistics", "reports:statistics_export"])
def test_officer_and_council_member_get_404(client, world, name):
    url = reverse(name, kwargs={"plan": world["plan"].pk})
    for user in [f.make_officer(world["unit"]), f.make_user(Role.COUNCIL_MEMBER, province=world["province"])]:
        client.force_login(user)
        assert client.get(url, {"form": "0601"}).status_code == 404


def test_statistics_officer_reads_but_cannot_ask_for_the_pdf(client, world):
    client.force_login(f.make_user(Role.STATISTICS, province=world["province"]))
    url = reverse("reports:statistics", kwargs={"plan": world["plan"].pk})
    page = client.get(url, {"form": "0601"})
    assert page.status_code == 200 and "statistics/document/" not in page.content.decode()
    post = client.post(reverse("reports:statistics_document", kwargs={"plan": world["plan"].pk}), {"form": "0601"})
    assert post.status_code == 404


def test_foreign_secretariat_gets_404(client, world):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    client.force_login(f.make_user(Role.SECRETARIAT, province=foreign))
    assert client.get(reverse("reports:statistics", kwargs={"plan": world["plan"].pk})).status_code == 404


def test_a_person_promoted_after_the_award_counts_as_working_directly(world):
    from awards.models import AwardRecord
    from units.models import Staff

    worker = Staff.objects.get(full_name="Trần Thị Bình")
    AwardRecord.objects.filter(staff=worker).update(was_leader=False)  # as issued: not a leader then
    Staff.objects.filter(pk=worker.pk).update(is_leader=True, position="Phó Viện trưởng")  # promoted since
    table = statistics_table("0603", province=world["province"], start=START, end=END)
    assert _row(table, "10").values == [2, 1, 1, 0, 0]  # still working directly when awarded
    AwardRecord.objects.filter(staff=worker).update(was_leader=None)  # a record from before the flag: today's
    table = statistics_table("0603", province=world["province"], start=START, end=END)
    assert _row(table, "10").values == [1, 0, 1, 0, 0]
