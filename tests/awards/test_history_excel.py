"""Past awards from Excel, the person page, the honour roll and the .xlsx exports of the award lists."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.enums import LineState, Outcome
from awards.imports import AWARD_COLUMNS, past_awards_apply, past_awards_check
from awards.models import AwardRecord
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import line_transition
from movements.enums import ConferringLevel
from movements.services import exemplary_add, exemplary_select
from tests import factories as f
from tests.awards.test_eligibility import initiative
from tests.factories import award, outcome_of, propose, register

HEADER = [c.header for c in AWARD_COLUMNS]


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("khen-thuong.xlsx", output.getvalue())


def row(title, year, unit, name="", born="", number=None, level=""):
    number = number or f"{year % 100:02d}/QĐ-VKS"
    return [number, f"10/01/{year + 1}", level, title, year, unit.code, name, born]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


def test_imported_past_awards_make_a_streak_title_eligible(media, province, plan, unit, staff, officer, secretary):
    person = staff[0]  # Nguyễn Văn An, born 01/05/1985
    register(unit, plan, {person: "CSTD_NGANH"})
    upload = xlsx(
        [
            row("Chiến sĩ thi đua cơ sở", 2016, unit, "NGUYỄN VĂN AN", "01/05/1985"),
            row("cstdcs", 2017, unit, "Nguyễn Văn An", "01/05/1985", level="Viện trưởng VKSND tỉnh"),
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert batch.problems == [] and [r["action"] for r in batch.rows] == ["create", "create"]
    past_awards_apply(batch=batch, actor=secretary, choices={})
    assert sorted(AwardRecord.objects.filter(staff=person).values_list("year", "level")) == [
        (2016, ConferringLevel.PROVINCIAL_HEAD),
        (2017, ConferringLevel.PROVINCIAL_HEAD),
    ]
    cstdcs, nganh = propose(
        unit,
        plan,
        [
            (person, "CSTDCS", [initiative(unit, person, "unit", "SK 1")]),
            (person, "CSTD_NGANH", [initiative(unit, person)]),
        ],
    )
    line_transition(line=cstdcs, to_state=LineState.ACCEPTED, actor=secretary)
    line_transition(line=cstdcs, to_state=LineState.APPROVED, actor=secretary)
    check = outcome_of(nganh, "streak")
    assert check["outcome"] == Outcome.PASS and "2016, 2017, 2018" in check["message"]


def test_a_file_with_bad_rows_records_nothing_and_names_each_problem(media, province, unit, staff, secretary):
    upload = xlsx(
        [
            row("Lao động tiên tiến", 2017, unit, "Nguyễn Văn An", "01/05/1985"),
            row("Danh hiệu lạ", 2017, unit, "Nguyễn Văn An", "01/05/1985"),
            ["45/QĐ", "10/01/2018", "", "LDTT", 2017, "KHONG-CO", "Trần Thị Bình", ""],
            row("Tập thể lao động xuất sắc", 2017, unit, "Nguyễn Văn An", "01/05/1985"),
            row("Lao động tiên tiến", 2017, unit, "Nguyễn Văn An", "01/05/1985"),
            row("Lao động tiên tiến", 2017, unit, level="Ủy ban"),
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert [(p["line"], p["column"]) for p in batch.problems] == [
        (3, "Danh hiệu, hình thức"),
        (4, "Mã đơn vị"),
        (5, "Danh hiệu, hình thức"),
        (6, "Họ và tên"),
        (7, "Cấp khen thưởng"),
        (7, "Danh hiệu, hình thức"),
    ]
    messages = [p["message"] for p in batch.problems]
    assert "không có trong danh mục" in messages[0]
    assert "KHONG-CO" in messages[1]
    assert "không tặng cho cá nhân" in messages[2]
    assert "dòng 2" in messages[3]
    with pytest.raises(ValidationError):
        past_awards_apply(batch=batch, actor=secretary, choices={})
    assert not AwardRecord.objects.exists()


def test_uncertain_people_wait_for_a_choice(media, province, unit, other_unit, staff, secretary):
    moved = f.make_staff(other_unit, "Phạm Văn Minh", date_of_birth=datetime.date(1980, 2, 2))
    upload = xlsx(
        [
            row("LDTT", 2016, unit, "Nguyễn Văn An"),  # no date of birth
            row("LDTT", 2016, unit, "Phạm Văn Minh", "02/02/1980"),  # now in another unit
            row("LDTT", 2016, unit, "Ngô Văn Không", "01/01/1970"),  # nobody
            row("TTLDTT", 2016, unit),  # the unit itself
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert batch.problems == []
    assert [r["action"] for r in batch.rows] == ["choose", "choose", "choose", "create"]
    assert [c["id"] for c in batch.rows[0]["candidates"]] == [staff[0].pk]
    assert [c["id"] for c in batch.rows[1]["candidates"]] == [moved.pk]
    assert batch.rows[2]["candidates"] == []
    with pytest.raises(ValidationError, match="2, 3, 4"):
        past_awards_apply(batch=batch, actor=secretary, choices={})
    assert not AwardRecord.objects.exists()
    with pytest.raises(ValidationError, match="Dòng 2"):
        past_awards_apply(batch=batch, actor=secretary, choices={2: str(moved.pk), 3: str(moved.pk), 4: "skip"})
    batch = past_awards_apply(batch=batch, actor=secretary, choices={2: str(staff[0].pk), 3: str(moved.pk), 4: "skip"})
    assert batch.summary == {"create": 3, "exists": 0, "skip": 1}
    record = AwardRecord.objects.get(staff=moved)
    assert record.unit == unit  # the unit at the time, not the person's unit now
    assert AwardRecord.objects.get(staff=None).unit == unit


def test_an_award_already_recorded_is_not_imported_twice(media, province, unit, staff, secretary):
    award(staff[0], "LDTT", 2016)
    upload = xlsx([row("LDTT", 2016, unit, "Nguyễn Văn An", "01/05/1985")])
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert batch.rows[0]["action"] == "exists"
    batch = past_awards_apply(batch=batch, actor=secretary, choices={})
    assert batch.summary["exists"] == 1 and AwardRecord.objects.count() == 1


def test_the_review_page_asks_for_the_person_and_keeps_the_choice(client, media, province, unit, staff, secretary):
    client.force_login(secretary)
    response = client.post(reverse("awards:award_import"), {"file": xlsx([row("LDTT", 2016, unit, "Nguyễn Văn An")])})
    page = client.get(response.url).content.decode()
    assert "Nguyễn Văn An (sinh ?) là ai?" in page and "01/05/1985" in page
    failed = client.post(response.url, {})
    assert "Chọn người" in failed.content.decode()
    client.post(response.url, {"person_2": str(staff[0].pk)})
    assert AwardRecord.objects.get().staff == staff[0]


def test_officers_cannot_import_past_awards(client, officer):
    client.force_login(officer)
    assert client.get(reverse("awards:award_import")).status_code == 404
    assert client.get(reverse("units:import_template", kwargs={"kind": "past_awards"})).status_code == 404


def test_the_person_page_shows_titles_by_year_and_what_is_next(client, province, plan, unit, staff, officer):
    person = staff[0]
    award(person, "LDTT", 2016)
    award(person, "CSTDCS", 2016)
    award(person, "CSTDCS", 2017)
    client.force_login(officer)
    response = client.get(reverse("awards:person", kwargs={"pk": person.pk}))
    by_year = dict(response.context["by_year"])
    assert {r.title.code for r in by_year[2016]} == {"LDTT", "CSTDCS"}
    assert [r.title.code for r in by_year[2017]] == ["CSTDCS"]
    outlook = {item.title.code: item.outcome for item in response.context["outlook"]}
    assert response.context["year"] == 2018
    # 2016 and 2017 held: Chiến sĩ thi đua ngành depends on the 2018 CSTĐCS.
    assert outlook["CSTD_NGANH"] == Outcome.REVIEW
    assert outlook["LDTT"] == Outcome.PASS
    assert "nếu năm nay được công nhận" in response.content.decode()
    assert (
        client.get(reverse("awards:person", kwargs={"pk": f.make_staff(f.make_unit(province)).pk})).status_code == 404
    )


def test_the_honour_roll_lists_the_selected_examples_and_higher_titles(
    client, province, plan, unit, other_unit, staff, officer, secretary
):
    example = exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Giải quyết án đúng hạn 100%")
    exemplary_select(example=example, actor=secretary, for_province=True, for_supreme=False)
    exemplary_add(year_plan=plan, staff=staff[1], actor=officer, account="Chưa được chọn")
    award(staff[1], "CSTDCS", 2018)
    award(staff[2], "LDTT", 2018)
    award(None, "TTLDXS", 2018, unit=other_unit)
    award(None, "TTLDTT", 2018, unit=unit)
    client.force_login(f.make_officer(other_unit))
    response = client.get(reverse("awards:honour_roll"), {"year": 2018})
    assert [e.staff for e in response.context["examples"]] == [staff[0]]
    assert [r.staff for r in response.context["people"]] == [staff[1]]
    assert [r.unit for r in response.context["collectives"]] == [other_unit]
    assert "Giải quyết án đúng hạn 100%" in response.content.decode()


def sheet_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_history_export_holds_the_rows_of_the_page(client, province, unit, staff, officer):
    for year in (2015, 2016, 2017):
        award(staff[0], "LDTT", year)
    award(staff[1], "LDTT", 2017)
    client.force_login(officer)
    page = client.get(reverse("awards:history"), {"year": 2017})
    rows = sheet_rows(client.get(reverse("awards:history_export"), {"year": 2017}))
    assert rows[0][:3] == ["STT", "Năm", "Cá nhân"]
    assert [(r[1], r[2]) for r in rows[1:]] == [(rec.year, rec.staff.full_name) for rec in page.context["records"]]
    assert len(rows) == 3


def test_the_review_and_decision_exports_hold_the_rows_of_their_pages(client, province, plan, unit, staff, secretary):
    register(unit, plan, {})
    lines = propose(unit, plan, [(staff[0], "LDTT", []), (staff[1], "LDTT", [])])
    for line in lines:
        line_transition(line=line, to_state=LineState.ACCEPTED, actor=secretary)
        line_transition(line=line, to_state=LineState.APPROVED, actor=secretary)
    decision = decision_create(year_plan=plan, kind="decision", lines=lines, actor=secretary)
    decision_issue(decision=decision, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    client.force_login(secretary)
    review = sheet_rows(client.get(reverse("awards:review_export", kwargs={"plan": plan.pk})))
    assert sorted(r[1] for r in review[1:]) == sorted(p.full_name for p in staff[:2])
    assert all(r[7] == "45/QĐ-VKS, 25/12/2018" for r in review[1:])
    page = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    exported = sheet_rows(client.get(reverse("awards:decision_export", kwargs={"pk": decision.pk})))
    assert [r[1] for r in exported[1:]] == [line.subject_name for line in page.context["lines"]]


def test_the_history_filters_by_any_unit_of_the_province(client, province, unit, other_unit, staff, officer):
    award(staff[0], "LDTT", 2017)
    elsewhere = award(f.make_staff(other_unit, "Hà Văn Sơn"), "LDTT", 2017)
    client.force_login(officer)
    response = client.get(reverse("awards:history"), {"unit": other_unit.pk})
    assert list(response.context["records"]) == [elsewhere]
    assert f'<option value="{other_unit.pk}" selected>' in response.content.decode()


# --- Found in review ---------------------------------------------------------------------------------------------


def test_a_revoked_award_is_not_brought_back_by_an_import(media, province, unit, staff, secretary):
    from awards.services.decisions import award_revoke

    record = award(staff[0], "LDTT", 2016)
    award_revoke(
        award=record, actor=secretary, revoked_by="9/QĐ-VKS", revoked_on=datetime.date(2018, 3, 1), reason="Sai sót"
    )
    batch = past_awards_check(
        province=province, upload=xlsx([row("LDTT", 2016, unit, "Nguyễn Văn An", "01/05/1985")]), actor=secretary
    )
    assert "9/QĐ-VKS" in batch.problems[0]["message"]
    assert AwardRecord.objects.valid().count() == 0


def test_a_form_given_twice_in_a_year_is_two_awards(media, province, unit, staff, secretary):
    upload = xlsx(
        [
            row(
                "Giấy khen của Viện trưởng Viện kiểm sát nhân dân tỉnh",
                2016,
                unit,
                "Nguyễn Văn An",
                "01/05/1985",
                "1/QĐ",
            ),
            row("GK_VKS_TINH", 2016, unit, "Nguyễn Văn An", "01/05/1985", "7/QĐ"),
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert batch.problems == []
    assert past_awards_apply(batch=batch, actor=secretary, choices={}).summary["create"] == 2


def test_the_level_must_be_the_titles_and_the_decision_after_the_year(media, province, unit, staff, secretary):
    upload = xlsx(
        [
            row("LDTT", 2016, unit, "Nguyễn Văn An", "01/05/1985", level="Chủ tịch UBND tỉnh"),
            row("CSTD_TQ", 2016, unit, "Nguyễn Văn An", "01/05/1985", level="Viện trưởng VKSND tỉnh"),
            ["3/QĐ", "10/01/2015", "", "CSTDCS", 2016, unit.code, "Nguyễn Văn An", "01/05/1985"],
        ]
    )
    batch = past_awards_check(province=province, upload=upload, actor=secretary)
    assert [(p["line"], p["column"]) for p in batch.problems] == [
        (2, "Cấp khen thưởng"),
        (3, "Cấp khen thưởng"),
        (4, "Ngày quyết định"),
    ]
    assert "Thủ tướng" in batch.problems[1]["message"]


def test_a_row_that_became_uncertain_since_the_check_is_named(media, province, unit, staff, secretary):
    batch = past_awards_check(
        province=province, upload=xlsx([row("LDTT", 2016, unit, "Nguyễn Văn An", "01/05/1985")]), actor=secretary
    )
    f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1985, 5, 1))
    with pytest.raises(ValidationError, match="dòng 2 đã thay đổi"):
        past_awards_apply(batch=batch, actor=secretary, choices={})


def test_exports_write_text_never_formulas_and_birth_dates_only_within_scope(client, province, unit, other_unit):
    officer = f.make_officer(other_unit)
    person = f.make_staff(unit, '=HYPERLINK("http://x.example","Bấm")')
    award(person, "LDTT", 2017)
    client.force_login(officer)
    sheet = load_workbook(io.BytesIO(client.get(reverse("awards:history_export")).content)).active
    name_cell, born_cell = sheet["C2"], sheet["D2"]
    assert name_cell.data_type == "s" and name_cell.value.startswith("=HYPERLINK")
    assert born_cell.value is None  # another unit's person: no date of birth


def test_the_person_page_counts_this_years_approved_title(client, province, plan, unit, staff, officer, secretary):
    person = staff[0]
    award(person, "CSTDCS", 2016)
    award(person, "CSTDCS", 2017)
    register(unit, plan, {person: "CSTDCS"})
    (line,) = propose(unit, plan, [(person, "CSTDCS", [initiative(unit, person, "unit", "SK 1")])])
    line_transition(line=line, to_state=LineState.ACCEPTED, actor=secretary)
    line_transition(line=line, to_state=LineState.APPROVED, actor=secretary)
    client.force_login(officer)
    response = client.get(reverse("awards:person", kwargs={"pk": person.pk}))
    outlook = {item.title.code: item.outcome for item in response.context["outlook"]}
    # The streak is complete, but QĐ 307's 75 % is not encoded: for the secretariat to check, never "✓".
    assert outlook["CSTD_NGANH"] == "manual"
    assert "Cần Thường trực kiểm tra: QĐ 307/2008" in response.content.decode()
