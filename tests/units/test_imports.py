"""The staff roster import: the template, the row-by-row check, all-or-nothing, matching instead of duplicating."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests import factories as f
from units.enums import ImportState
from units.imports import ROSTER_COLUMNS, roster_apply, roster_check
from units.models import AuditEntry, ImportBatch, Staff

HEADER = [c.header for c in ROSTER_COLUMNS]


def xlsx(rows, header=HEADER, name="danh-sach.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def row(name, gender="Nam", born="15/03/1985", position="Kiểm sát viên", rank="Kiểm sát viên sơ cấp", joined=""):
    return [name, gender, born, position, rank, joined, "", ""]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_template_has_the_columns_and_a_guide(client, officer):
    client.force_login(officer)
    response = client.get(reverse("units:import_template", kwargs={"kind": "staff_roster"}))
    workbook = load_workbook(io.BytesIO(response.content))
    data, guide = workbook.worksheets
    assert [cell.value for cell in data[1]] == HEADER
    assert data.max_row == 1 or all(cell.value is None for cell in data[2])  # no example row to import by mistake
    guide_text = " ".join(str(c.value) for r in guide.iter_rows() for c in r if c.value)
    assert "Nam hoặc Nữ" in guide_text and "không dòng nào được lưu" in guide_text


def test_a_file_with_good_and_bad_rows_saves_nothing_and_reports_each_bad_row(media, unit, officer):
    before = Staff.objects.count()
    upload = xlsx(
        [
            row("Nguyễn Văn An"),
            row("Trần Thị Bình", gender="X"),
            row("", born="01/01/1990"),
            row("Lê Văn Cường", born="31/02/1990"),
            row("Phạm Văn Dũng", born="01/01/1980", joined="01/01/1970"),
            row("Nguyễn Văn An"),
        ]
    )
    batch = roster_check(unit=unit, upload=upload, actor=officer)
    problems = [(p["line"], p["column"]) for p in batch.problems]
    assert problems == [
        (3, "Giới tính"),
        (4, "Họ và tên"),
        (5, "Ngày sinh"),
        (6, "Ngày vào ngành"),
        (7, "Họ và tên"),
    ]
    messages = {p["line"]: p["message"] for p in batch.problems}
    assert "“Nam” hoặc “Nữ”" in messages[3]
    assert "bắt buộc" in messages[4]
    assert "31/02/1990" in messages[5]
    assert "dòng 2" in messages[7]
    assert Staff.objects.count() == before
    with pytest.raises(Exception, match="lỗi"):
        roster_apply(batch=batch, actor=officer)
    assert Staff.objects.count() == before


def test_a_missing_column_is_reported_and_nothing_read(media, unit, officer):
    batch = roster_check(unit=unit, upload=xlsx([["Nguyễn Văn An"]], header=["Họ và tên"]), actor=officer)
    assert [(p["line"], p["column"]) for p in batch.problems] == [(1, "Giới tính")]
    assert batch.rows == []


def test_a_file_that_is_not_excel_is_refused(media, unit, officer):
    upload = SimpleUploadedFile("danh-sach.xlsx", b"%PDF-1.4 not a workbook")
    batch = roster_check(unit=unit, upload=upload, actor=officer)
    assert batch.problems[0]["line"] == 0
    assert "PDF" in batch.problems[0]["message"]


def test_names_are_normalised_and_existing_people_matched_not_duplicated(media, unit, officer):
    existing = f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1985, 3, 15), position="Chuyên viên")
    undated = f.make_staff(unit, "Hoàng Thị Hoa", date_of_birth=None, gender="female")
    upload = xlsx(
        [
            row("NGUYỄN  văn an", position="Kiểm sát viên"),
            row("hoàng thị hoa", gender="Nữ", born="02/02/1990"),
            row("đỗ  thị đào", gender="nữ", born="03/03/1992"),
        ]
    )
    batch = roster_check(unit=unit, upload=upload, actor=officer)
    assert batch.problems == []
    assert [(r["action"], r["staff_id"]) for r in batch.rows] == [
        ("update", existing.pk),
        ("update", undated.pk),
        ("create", None),
    ]
    count = Staff.objects.filter(unit=unit).count()
    batch = roster_apply(batch=batch, actor=officer)
    assert batch.state == ImportState.APPLIED
    assert batch.summary == {"create": 1, "update": 2, "unchanged": 0}
    assert Staff.objects.filter(unit=unit).count() == count + 1
    existing.refresh_from_db()
    undated.refresh_from_db()
    assert existing.position == "Kiểm sát viên" and existing.full_name == "Nguyễn Văn An"
    assert undated.date_of_birth == datetime.date(1990, 2, 2)
    new = Staff.objects.get(unit=unit, full_name="Đỗ Thị Đào")
    assert new.gender == "female" and new.date_of_birth == datetime.date(1992, 3, 3)
    assert AuditEntry.objects.filter(action="import.apply", object_id=batch.pk).exists()
    # Importing the same file again changes nothing.
    again = roster_apply(batch=roster_check(unit=unit, upload=upload, actor=officer), actor=officer)
    assert again.summary == {"create": 0, "update": 0, "unchanged": 3}
    assert Staff.objects.filter(unit=unit).count() == count + 1


def test_empty_cells_do_not_erase_what_is_known(media, unit, officer):
    person = f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1985, 3, 15), rank="Kiểm tra viên")
    roster_apply(
        batch=roster_check(unit=unit, upload=xlsx([row("Nguyễn Văn An", rank="")]), actor=officer), actor=officer
    )
    person.refresh_from_db()
    assert person.rank == "Kiểm tra viên"


def test_two_people_of_the_same_name_need_the_date_of_birth(media, unit, officer):
    f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1985, 3, 15))
    f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1990, 1, 1))
    batch = roster_check(unit=unit, upload=xlsx([row("Nguyễn Văn An", born="")]), actor=officer)
    assert batch.problems[0]["line"] == 2 and "2 người" in batch.problems[0]["message"]


def test_the_pages_check_then_import_on_confirmation(client, media, unit, officer):
    client.force_login(officer)
    page = client.get(reverse("units:staff_import"))
    assert list(page.context["form"].fields["unit"].queryset) == [unit]
    response = client.post(
        reverse("units:staff_import"), {"unit": unit.pk, "file": xlsx([row("Vũ Văn Nam"), row("Bùi Thị Lan", "Nữ")])}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("units:import_detail", kwargs={"pk": batch.pk})
    detail = client.get(response.url).content.decode()
    assert "Vũ Văn Nam" in detail and "Xác nhận nhập" in detail
    assert not Staff.objects.filter(full_name="Vũ Văn Nam").exists()
    client.post(response.url)
    assert set(Staff.objects.filter(unit=unit).values_list("full_name", flat=True)) >= {"Vũ Văn Nam", "Bùi Thị Lan"}
    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED
    # A second confirmation imports nothing more.
    client.post(response.url)
    assert Staff.objects.filter(full_name="Vũ Văn Nam").count() == 1


def test_a_bad_file_shows_its_problems_on_the_page(client, media, unit, officer):
    client.force_login(officer)
    response = client.post(reverse("units:staff_import"), {"unit": unit.pk, "file": xlsx([row("An", born="x")])})
    detail = client.get(response.url).content.decode()
    assert "không dòng nào được lưu" in detail and "Ngày sinh" in detail
    assert "Xác nhận nhập" not in detail


def test_an_officer_cannot_import_into_another_unit_or_see_its_batches(
    client, media, unit, other_unit, officer, other_officer
):
    client.force_login(other_officer)
    response = client.post(reverse("units:staff_import"), {"unit": unit.pk, "file": xlsx([row("Vũ Văn Nam")])})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    batch = roster_check(unit=unit, upload=xlsx([row("Vũ Văn Nam")]), actor=officer)
    assert client.get(reverse("units:import_detail", kwargs={"pk": batch.pk})).status_code == 404
    assert client.post(reverse("units:import_detail", kwargs={"pk": batch.pk})).status_code == 404
    assert not Staff.objects.filter(full_name="Vũ Văn Nam").exists()


def test_the_admin_imports_a_valid_roster_in_one_step(client, media, unit, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    url = reverse("admin:units_staff_import")
    assert "Nhập từ Excel" in client.get(reverse("admin:units_staff_changelist")).content.decode()
    bad = client.post(url, {"unit": unit.pk, "file": xlsx([row("Vũ Văn Nam", gender="?")])})
    assert "Giới tính" in bad.content.decode() and not Staff.objects.filter(full_name="Vũ Văn Nam").exists()
    good = client.post(url, {"unit": unit.pk, "file": xlsx([row("Vũ Văn Nam")])})
    assert good.url == reverse("admin:units_staff_changelist")
    assert Staff.objects.get(full_name="Vũ Văn Nam").unit == unit


# --- Found in review ---------------------------------------------------------------------------------------------


def test_two_rows_cannot_both_update_one_person(media, unit, officer):
    f.make_staff(unit, "Hoàng Thị Hoa", date_of_birth=None, gender="female")
    upload = xlsx([row("Hoàng Thị Hoa", "Nữ", "02/02/1990"), row("Hoàng Thị Hoa", "Nữ", "05/05/1995")])
    batch = roster_check(unit=unit, upload=upload, actor=officer)
    assert [(p["line"], p["column"]) for p in batch.problems] == [(3, "Họ và tên")]
    assert "Dòng 2 đã ứng với người này" in batch.problems[0]["message"]


def test_a_name_differing_only_in_marks_with_the_same_birth_date_is_the_same_person(media, unit, officer):
    person = f.make_staff(unit, "Nguyễn Thị Thủy", date_of_birth=datetime.date(1985, 3, 15), gender="female")
    batch = roster_check(unit=unit, upload=xlsx([row("Nguyễn Thị Thuỷ", "Nữ", rank="Kiểm tra viên")]), actor=officer)
    assert [(r["action"], r["staff_id"]) for r in batch.rows] == [("update", person.pk)]
    roster_apply(batch=batch, actor=officer)
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Thị Thủy" and person.rank == "Kiểm tra viên"


@pytest.mark.parametrize(
    ("cell", "column", "message"),
    [
        ("01/09/08", "Ngày sinh", "4 chữ số"),
        ("01/01/99999999999", "Ngày sinh", "4 chữ số"),
        ("32/13/2000", "Ngày sinh", "không phải ngày"),
        ("=DATE(1985,3,15)", "Ngày sinh", "công thức"),
        ("#N/A", "Họ và tên", "lỗi Excel"),
        ("=1+1", "Chức vụ", "công thức"),
        (12345, "Họ và tên", "không phải là chữ"),
    ],
)
def test_cells_that_are_not_values_are_reported(media, unit, officer, cell, column, message):
    values = row("Nguyễn Văn An")
    values[{"Họ và tên": 0, "Ngày sinh": 2, "Chức vụ": 3}[column]] = cell
    batch = roster_check(unit=unit, upload=xlsx([values]), actor=officer)
    assert [(p["line"], p["column"]) for p in batch.problems] == [(2, column)]
    assert message in batch.problems[0]["message"]


def test_a_sheet_claiming_a_huge_size_is_read_quickly(media, unit, officer):
    import time
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(xlsx([row("Nguyễn Văn An")])) as source, zipfile.ZipFile(data, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:H2"/>', b'<dimension ref="A1:XFD1048576"/>')
            target.writestr(item, content)
    started = time.monotonic()
    batch = roster_check(unit=unit, upload=SimpleUploadedFile("x.xlsx", data.getvalue()), actor=officer)
    assert time.monotonic() - started < 5  # not a benchmark: a guard against reading 16,384 empty columns a row
    assert batch.problems == [] and len(batch.rows) == 1


def test_a_damaged_sheet_is_a_problem_not_an_error(media, unit, officer):
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(xlsx([row("Nguyễn Văn An")])) as source, zipfile.ZipFile(data, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    batch = roster_check(unit=unit, upload=SimpleUploadedFile("x.xlsx", data.getvalue()), actor=officer)
    assert batch.rows == [] and batch.problems[0]["line"] == 0
