import datetime

import pytest
from django.urls import reverse

from registrations.enums import NOT_REGISTERING, RegistrationState
from registrations.models import Registration
from registrations.services import deadline_extension_grant, registration_save_draft, registration_submit
from tests import factories as f
from tests.factories import count_queries, full_lines, local_dt


def sheet_url(plan, unit):
    return reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})


def form_data(unit, staff, individual="LDTT", collective="TTLDTT", **overrides):
    data = {"title_unit": str(f.title(collective).pk), "reason_unit": ""}
    for person in staff:
        data[f"title_{person.pk}"] = str(f.title(individual).pk)
        data[f"reason_{person.pk}"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def open_now(freeze):
    return freeze(local_dt(2018, 1, 15, 10, 0))


def test_officer_sees_missing_people_and_the_form(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    response = client.get(sheet_url(plan, unit))
    html = response.content.decode()
    assert response.context["editable"] is True
    assert response.context["sheet"].missing == [unit.name, "Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường"]
    assert "Lao động tiên tiến" in html and "Tập thể lao động tiên tiến" in html
    # Individual titles are not offered to the collective, nor collective titles to people.
    rows = {row["title_name"]: {label for _, label in row["choices"]} for row in response.context["rows"]}
    assert "Tập thể lao động xuất sắc" in rows["title_unit"]
    assert "Lao động tiên tiến" not in rows["title_unit"]
    assert "Tập thể lao động tiên tiến" not in rows[f"title_{staff[0].pk}"]
    assert f'<select name="title_{staff[0].pk}"' in html


def test_officer_submits_a_complete_registration(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    response = client.post(
        sheet_url(plan, unit), {**form_data(unit, staff), "submit": "1", "confirmed": "1"}, follow=True
    )
    registration = Registration.objects.get(unit=unit, year_plan=plan)
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.lines.count() == 4
    assert "Đã gửi đăng ký" in response.content.decode()
    assert response.context["editable"] is False
    assert response.context["form"] is None


def test_incomplete_submit_shows_who_is_missing_and_saves_nothing(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = form_data(unit, staff)
    data[f"title_{staff[2].pk}"] = ""
    response = client.post(sheet_url(plan, unit), {**data, "submit": "1"})
    assert "Lê Đức Cường" in " ".join(response.context["form"].non_field_errors())
    assert not Registration.objects.exists()
    # What the officer entered is still in the form.
    assert response.context["form"][f"title_{staff[0].pk}"].value() == str(f.title("LDTT").pk)


def test_draft_save_keeps_partial_lines(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = form_data(unit, staff)
    data[f"title_{staff[2].pk}"] = ""
    client.post(sheet_url(plan, unit), {**data, "save": "1"})
    registration = Registration.objects.get()
    assert registration.state == RegistrationState.DRAFT
    assert registration.lines.count() == 3
    response = client.get(sheet_url(plan, unit))
    assert response.context["sheet"].missing == ["Lê Đức Cường"]


def test_not_registering_without_reason_is_a_form_error(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = form_data(unit, staff, **{f"title_{staff[1].pk}": NOT_REGISTERING})
    response = client.post(sheet_url(plan, unit), {**data, "save": "1"})
    assert response.context["form"].errors[f"reason_{staff[1].pk}"] == ["Hãy nêu lý do không đăng ký."]
    assert not Registration.objects.exists()


def test_collective_title_posted_for_a_person_is_refused_in_vietnamese(client, officer, unit, staff, plan, open_now):
    client.force_login(officer)
    data = form_data(unit, staff, **{f"title_{staff[0].pk}": str(f.title("TTLDXS").pk)})
    response = client.post(sheet_url(plan, unit), {**data, "save": "1"})
    errors = response.context["form"].errors[f"title_{staff[0].pk}"]
    assert errors == [f"“{f.title('TTLDXS').pk}” không phải là danh hiệu có thể đăng ký ở đây."]
    assert not Registration.objects.exists()


def test_after_the_deadline_the_server_refuses(client, officer, unit, staff, plan, freeze):
    freeze(local_dt(2018, 1, 18, 0, 0, 0))
    client.force_login(officer)
    response = client.get(sheet_url(plan, unit))
    assert response.context["editable"] is False
    assert "đã hết hạn" in response.content.decode()
    response = client.post(sheet_url(plan, unit), {**form_data(unit, staff), "submit": "1"})
    assert not Registration.objects.exists()
    assert "23 giờ 59 ngày 17/01/2018" in " ".join(response.context["form"].non_field_errors())


def test_at_235959_on_the_deadline_the_submission_is_accepted(client, officer, unit, staff, plan, freeze):
    freeze(local_dt(2018, 1, 17, 23, 59, 59))
    client.force_login(officer)
    client.post(sheet_url(plan, unit), {**form_data(unit, staff), "submit": "1", "confirmed": "1"})
    assert Registration.objects.get().state == RegistrationState.SUBMITTED


def test_extension_lets_the_unit_submit_late(client, officer, secretariat, unit, staff, plan, freeze):
    freeze(local_dt(2018, 1, 19, 8, 0))
    client.force_login(secretariat)
    client.post(
        reverse("registrations:extension", kwargs={"plan": plan.pk, "unit": unit.pk}),
        {"new_deadline": "22/01/2018", "reason": "Đơn vị có cán bộ mới điều động"},
    )
    client.force_login(officer)
    response = client.post(
        sheet_url(plan, unit), {**form_data(unit, staff), "submit": "1", "confirmed": "1"}, follow=True
    )
    assert Registration.objects.get().state == RegistrationState.SUBMITTED
    assert "22/01/2018" in response.content.decode()


def test_secretariat_returns_and_officer_resubmits(client, officer, secretariat, unit, staff, plan, open_now):
    registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff))
    client.force_login(secretariat)
    url = reverse("registrations:return", kwargs={"plan": plan.pk, "unit": unit.pk})
    client.post(url, {"reason": "Đề nghị xem lại danh hiệu của đồng chí Bình"})
    assert Registration.objects.get().state == RegistrationState.RETURNED
    client.force_login(officer)
    page = client.get(sheet_url(plan, unit))
    assert "Đề nghị xem lại danh hiệu của đồng chí Bình" in page.content.decode()
    assert page.context["editable"] is True
    data = form_data(unit, staff, **{f"title_{staff[1].pk}": str(f.title("CSTDCS").pk)})
    client.post(sheet_url(plan, unit), {**data, "submit": "1", "confirmed": "1"})
    registration = Registration.objects.get()
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.lines.get(staff=staff[1]).title.code == "CSTDCS"


def test_return_without_reason_changes_nothing(client, officer, secretariat, unit, staff, plan, open_now):
    registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff))
    client.force_login(secretariat)
    client.post(reverse("registrations:return", kwargs={"plan": plan.pk, "unit": unit.pk}), {"reason": ""})
    assert Registration.objects.get().state == RegistrationState.SUBMITTED


def test_secretariat_reads_but_cannot_post_a_registration(client, secretariat, unit, staff, plan, open_now):
    client.force_login(secretariat)
    response = client.get(sheet_url(plan, unit))
    assert response.context["editable"] is False
    assert client.post(sheet_url(plan, unit), {**form_data(unit, staff), "submit": "1"}).status_code == 404
    assert not Registration.objects.exists()


def test_overview_shows_states_and_counts_per_title(client, secretariat, province, plan, open_now):
    units = [
        f.make_unit(province, f"Viện kiểm sát nhân dân huyện {name}", order=i)
        for i, name in enumerate(["Đông Hưng", "Hưng Hà", "Vũ Thư"])
    ]
    for unit in units:
        f.make_officer(unit)
    staff = [f.make_staff(units[0]) for _ in range(3)]
    registration_submit(
        unit=units[0],
        year_plan=plan,
        actor=units[0].officers.get(),
        lines=full_lines(units[0], staff, individual="CSTDCS"),
    )
    registration_save_draft(unit=units[1], year_plan=plan, actor=units[1].officers.get(), lines=[])
    client.force_login(secretariat)
    response = client.get(reverse("registrations:overview", kwargs={"plan": plan.pk}))
    rows = {row.unit.pk: row for row in response.context["table"]["rows"]}
    assert [rows[u.pk].state for u in units] == ["submitted", "draft", "not_started"]
    cstdcs = f.title("CSTDCS").pk
    assert rows[units[0].pk].title_counts[cstdcs] == 3
    assert response.context["table"]["totals"][cstdcs] == 3
    assert [(label, count) for _, label, count in response.context["table"]["summary"]] == [
        ("Đã gửi", 1),
        ("Bị trả lại để sửa", 0),
        ("Bản nháp", 1),
        ("Chưa bắt đầu", 2),
    ]


def test_unit_page_queries_do_not_grow_with_staff(client, province, plan, open_now):
    small = f.make_unit(province)
    large = f.make_unit(province)
    f.make_staff(small)
    for _ in range(40):
        f.make_staff(large)
    counts = []
    for unit, _n in ((small, 1), (large, 40)):
        officer = f.make_officer(unit)
        staff = list(unit.staff.all())
        registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff))
        client.force_login(officer)
        counts.append(count_queries(client, sheet_url(plan, unit)))
    assert counts == [12] * 2


def test_submitted_unit_page_queries_do_not_grow_with_staff(client, secretariat, province, plan, open_now):
    counts = []
    for n in (1, 25):
        unit = f.make_unit(province)
        staff = [f.make_staff(unit) for _ in range(n)]
        registration_submit(unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, staff))
        client.force_login(secretariat)
        counts.append(count_queries(client, sheet_url(plan, unit)))
    assert counts == [12] * 2


def test_overview_queries_do_not_grow_with_units_and_staff(client, secretariat, province, open_now):
    counts = []
    for year, n_units in ((2018, 1), (2019, 12)):
        plan = f.make_plan(province, year, deadline=datetime.date(2018, 1, 17 + year - 2018))
        for _ in range(n_units):
            unit = f.make_unit(province)
            staff = [f.make_staff(unit) for _ in range(3)]
            registration_submit(unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, staff))
            deadline_extension_grant(
                unit=unit, year_plan=plan, new_deadline=datetime.date(2018, 2, 1), reason="Lý do", actor=secretariat
            )
        client.force_login(secretariat)
        counts.append(count_queries(client, reverse("registrations:overview", kwargs={"plan": plan.pk})))
    assert counts == [10] * 2
