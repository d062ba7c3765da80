"""The registration sheet keeps history true (issue 13.2), asks once before sending (13.4), applies one title to
every empty row (13.6), and gives the unit its own .xlsx and a printable form (13.14)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registrations.enums import NOT_REGISTERING, RegistrationState
from registrations.models import Registration
from registrations.selectors import registration_sheet
from registrations.services import registration_add_supplementary, registration_save_draft, registration_submit
from tests import factories as f
from tests.factories import assert_list_queries, full_lines, local_dt


def sheet_url(plan, unit):
    return reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})


def export_url(plan, unit):
    return reverse("registrations:sheet_export", kwargs={"plan": plan.pk, "unit": unit.pk})


def pdf_url(plan, unit):
    return reverse("reports:registration_form", kwargs={"plan": plan.pk, "unit": unit.pk})


def form_data(unit, staff, individual="LDTT", collective="TTLDTT"):
    data = {"title_unit": str(f.title(collective).pk), "reason_unit": ""}
    for person in staff:
        data[f"title_{person.pk}"] = str(f.title(individual).pk) if individual else ""
        data[f"reason_{person.pk}"] = ""
    return data


@pytest.fixture
def years(province, unit, staff, officer, freeze):
    """2018 submitted in January 2018, 2027 submitted on 20/11/2026; a new person put on the roster on
    01/12/2026 (joined the procuracy on 25/11/2026)."""
    past, current = f.make_plan(province, 2018), f.make_plan(province, 2027)
    registration_submit(
        unit=unit, year_plan=past, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 15)
    )
    registration_submit(
        unit=unit, year_plan=current, actor=officer, lines=full_lines(unit, staff), now=local_dt(2026, 11, 20)
    )
    freeze(local_dt(2026, 12, 1, 10, 0))
    newcomer = f.make_staff(unit, "Phạm Văn Mới", joined_procuracy_on=datetime.date(2026, 11, 25))
    return past, current, newcomer


def test_the_past_submitted_sheet_shows_the_roster_as_submitted(client, secretariat, unit, staff, years):
    past, _current, newcomer = years
    sheet = registration_sheet(unit=unit, year_plan=past)
    assert [row.person.full_name for row in sheet.readonly_rows] == [p.full_name for p in staff]
    assert sheet.supplementary_candidates == []
    client.force_login(secretariat)
    html = client.get(sheet_url(past, unit)).content.decode()
    assert newcomer.full_name not in html
    assert "chưa điền" not in html and "cần đăng ký bổ sung" not in html


def test_the_current_submitted_sheet_marks_the_newcomer_for_a_supplementary_registration(
    client, officer, unit, staff, years
):
    _past, current, newcomer = years
    sheet = registration_sheet(unit=unit, year_plan=current)
    rows = {row.person.full_name: row for row in sheet.readonly_rows}
    assert rows[newcomer.full_name].needs_supplementary and rows[newcomer.full_name].line is None
    assert not any(rows[p.full_name].needs_supplementary for p in staff)
    client.force_login(officer)
    response = client.get(sheet_url(current, unit))
    html = response.content.decode()
    assert "cần đăng ký bổ sung" in html and "chưa điền" not in html
    assert response.context["supplementary"] == [newcomer]
    assert Registration.objects.get(year_plan=current).state == RegistrationState.SUBMITTED


def test_a_past_plan_never_gains_candidates(unit, officer, years):
    past, current, newcomer = years
    with pytest.raises(ValidationError):
        registration_add_supplementary(
            registration=Registration.objects.get(year_plan=past), actor=officer, staff=newcomer, title_id=None
        )
    with pytest.raises(ValidationError, match="người đến sau"):
        registration_add_supplementary(
            registration=Registration.objects.get(year_plan=past),
            actor=officer,
            staff=newcomer,
            title_id=f.title("LDTT").pk,
        )
    line = registration_add_supplementary(
        registration=Registration.objects.get(year_plan=current),
        actor=officer,
        staff=newcomer,
        title_id=f.title("LDTT").pk,
    )
    assert line.supplementary_at is not None


def test_a_closed_draft_does_not_count_people_who_joined_after_the_deadline_as_missing(
    unit, staff, plan, officer, freeze
):
    registration_save_draft(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff[:2]), now=local_dt(2018, 1, 10)
    )
    f.make_staff(unit, "Đỗ Minh Tân", joined_procuracy_on=datetime.date(2018, 3, 1))
    freeze(local_dt(2018, 3, 5))
    sheet = registration_sheet(unit=unit, year_plan=plan)
    assert sheet.missing == [staff[2].full_name]
    assert "Đỗ Minh Tân" not in [row.person.full_name for row in sheet.readonly_rows]


# --- Confirmation before sending --------------------------------------------------------------------------------


@pytest.fixture
def open_now(freeze):
    return freeze(local_dt(2018, 1, 15, 10, 0))


def test_sending_asks_once_and_says_what_will_happen(client, officer, secretariat, unit, staff, plan, open_now):
    client.force_login(officer)
    data = {**form_data(unit, staff), f"title_{staff[0].pk}": str(f.title("CSTDCS").pk), "submit": "1"}
    response = client.post(sheet_url(plan, unit), data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="submit-confirmation"' in html
    assert "Gửi bản đăng ký?" in html
    assert "3 cá nhân" in html and "Chiến sĩ thi đua cơ sở: <strong>1</strong>" in html
    assert "Lao động tiên tiến: <strong>2</strong>" in html and "Tập thể lao động tiên tiến" in html
    assert officer.email in html and secretariat.email in html
    assert "bị khóa" in html
    assert not Registration.objects.exists()  # nothing written yet
    # The carried values submit as shown.
    response = client.post(sheet_url(plan, unit), {**data, "confirmed": "1"}, follow=True)
    registration = Registration.objects.get()
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.lines.get(staff=staff[0]).title.code == "CSTDCS"


def test_back_from_the_confirmation_keeps_what_was_filled(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = {**form_data(unit, staff), f"title_{staff[0].pk}": str(f.title("CSTDCS").pk), "submit": "1", "edit": "1"}
    response = client.post(sheet_url(plan, unit), data)
    assert 'id="submit-confirmation"' not in response.content.decode()
    row = next(r for r in response.context["rows"] if r["person"] == staff[0])
    assert row["selected"] == str(f.title("CSTDCS").pk)
    assert not Registration.objects.exists()


def test_an_incomplete_sheet_is_not_offered_for_confirmation(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = {**form_data(unit, staff), f"title_{staff[2].pk}": "", "submit": "1"}
    response = client.post(sheet_url(plan, unit), data)
    html = response.content.decode()
    assert 'id="submit-confirmation"' not in html and "Lê Đức Cường" in html
    assert not Registration.objects.filter(state=RegistrationState.SUBMITTED).exists()


# --- Apply to all -----------------------------------------------------------------------------------------------


def test_apply_to_all_fills_only_the_empty_rows(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = form_data(unit, staff, individual="")
    data[f"title_{staff[0].pk}"] = str(f.title("CSTDCS").pk)
    data[f"title_{staff[1].pk}"] = NOT_REGISTERING
    data[f"reason_{staff[1].pk}"] = "Nghỉ thai sản"
    response = client.post(
        sheet_url(plan, unit), {**data, "apply_title": str(f.title("LDTT").pk), "apply_all": "1"}, follow=True
    )
    assert "Đã áp dụng “Lao động tiên tiến” cho 1 người chưa điền" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.state == RegistrationState.DRAFT
    titles = {line.staff_id: (line.title.code if line.title else None) for line in registration.lines.all()}
    assert titles == {None: "TTLDTT", staff[0].pk: "CSTDCS", staff[1].pk: None, staff[2].pk: "LDTT"}


def test_apply_to_all_refuses_a_collective_title(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = {**form_data(unit, staff, individual=""), "apply_title": str(f.title("TTLDTT").pk), "apply_all": "1"}
    response = client.post(sheet_url(plan, unit), data)
    assert response.status_code == 200
    assert not Registration.objects.exists()


# --- The unit's own exports -------------------------------------------------------------------------------------


def test_officer_downloads_the_unit_registration_as_xlsx(client, officer, unit, staff, plan):
    from openpyxl import load_workbook  # test-only dependency of the check

    f.register(unit, plan, {staff[0]: "CSTDCS", staff[1]: None})
    client.force_login(officer)
    response = client.get(export_url(plan, unit))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="dang-ky-thi-dua-2018-{unit.code}.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Đăng ký 2018"]
    rows = [list(row) for row in workbook.active.iter_rows(min_row=4, values_only=True)]
    assert rows[0][1] == f"Tập thể: {unit.name}" and rows[0][3] == "Tập thể lao động tiên tiến"
    assert rows[1][:4] == [1, "Nguyễn Văn An", "Kiểm sát viên", "Chiến sĩ thi đua cơ sở"]
    assert rows[2][3:5] == ["Không đăng ký", "Nghỉ dài ngày"]
    assert len(rows) == 4


def test_another_unit_officer_gets_404(client, other_officer, unit, plan):
    client.force_login(other_officer)
    assert client.get(export_url(plan, unit)).status_code == 404
    assert client.get(pdf_url(plan, unit)).status_code == 404


def test_the_xlsx_export_queries_do_not_grow_with_people(client, officer, unit, plan):
    client.force_login(officer)
    assert_list_queries(client, export_url(plan, unit), lambda i: f.make_staff(unit), expected=7)


def test_submitted_sheet_queries_do_not_grow_with_people(client, council_member, unit, plan):
    def add(index):
        person = f.make_staff(unit)
        registration = Registration.objects.filter(unit=unit, year_plan=plan).first()
        if registration is None:
            f.register(unit, plan, {})
        else:
            registration.lines.create(staff=person, title=f.title("LDTT"))
            Registration.objects.filter(pk=registration.pk).update(updated_at=local_dt(2018, 1, 11 + index))

    client.force_login(council_member)
    assert_list_queries(client, sheet_url(plan, unit), add, expected=12)


def test_officer_prints_the_registration_form(client, officer, unit, staff, plan):
    from pypdf import PdfReader  # test-only use

    f.register(unit, plan, {staff[0]: "CSTDCS"})
    client.force_login(officer)
    response = client.get(pdf_url(plan, unit))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"phieu-dang-ky-thi-dua-2018-{unit.code}.pdf" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PHIẾU ĐĂNG KÝ THI ĐUA" in text and "Nguyễn Văn An" in text and "Chiến sĩ thi đua cơ sở" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text
