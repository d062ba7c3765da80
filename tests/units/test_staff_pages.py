"""Issue 13, item 3: the unit keeps its staff one person at a time (add, edit, move, leave, return)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.factories import assert_list_queries, get_counting_queries
from units.models import AuditEntry, Staff

pytestmark = pytest.mark.django_db

PERSON = {
    "full_name": "Phạm Thị Hoa",
    "gender": "female",
    "date_of_birth": "12/03/1980",
    "position": "Kiểm sát viên",
    "rank": "Kiểm sát viên sơ cấp",
    "email": "hoa@example.test",
    "joined_procuracy_on": "01/09/2005",
    "started_service_on": "",
}


def test_an_officer_adds_a_person_to_their_unit(client, officer, unit):
    client.force_login(officer)
    response = client.post(reverse("units:staff_create"), {**PERSON, "unit": unit.pk})
    assert response.status_code == 302
    person = Staff.objects.get(full_name="Phạm Thị Hoa")
    assert person.unit == unit and person.date_of_birth == datetime.date(1980, 3, 12)
    assert AuditEntry.objects.filter(action="staff.create", object_id=person.pk, actor=officer).exists()
    page = client.get(response.url).content.decode()
    assert "Đã thêm Phạm Thị Hoa vào Viện kiểm sát nhân dân huyện Đông Hưng." in page


def test_an_officer_cannot_add_to_another_unit(client, officer, other_unit):
    client.force_login(officer)
    response = client.post(reverse("units:staff_create"), {**PERSON, "unit": other_unit.pk})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Staff.objects.filter(full_name="Phạm Thị Hoa").exists()


def test_the_secretariat_cannot_add_to_another_provinces_unit(client, secretariat):
    foreign = f.make_unit(f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    client.force_login(secretariat)
    response = client.post(reverse("units:staff_create"), {**PERSON, "unit": foreign.pk})
    assert "unit" in response.context["form"].errors
    assert not Staff.objects.filter(full_name="Phạm Thị Hoa").exists()


def test_a_namesake_of_the_province_is_shown_and_confirmed_once(client, officer, unit, other_unit):
    f.make_staff(other_unit, "Nguyễn Văn An", date_of_birth=datetime.date(1980, 3, 12))
    client.force_login(officer)
    data = {**PERSON, "full_name": "nguyen van an", "unit": unit.pk}
    response = client.post(reverse("units:staff_create"), data)
    page = response.content.decode()
    assert "Có thể trùng với: Nguyễn Văn An (Viện kiểm sát nhân dân huyện Hưng Hà, sinh 12/03/1980)" in page
    assert 'type="checkbox" name="add_anyway"' in page and "Vẫn thêm" in page
    assert Staff.objects.filter(search_key="nguyen van an").count() == 1
    response = client.post(reverse("units:staff_create"), {**data, "add_anyway": "on"})
    assert response.status_code == 302
    assert Staff.objects.filter(search_key="nguyen van an").count() == 2


def test_another_date_of_birth_is_no_namesake(client, officer, unit):
    f.make_staff(unit, "Phạm Thị Hoa", date_of_birth=datetime.date(1981, 3, 12))
    client.force_login(officer)
    response = client.post(reverse("units:staff_create"), {**PERSON, "unit": unit.pk})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("date_of_birth", "12/03/2099", "Ngày không được sau hôm nay."),
        ("joined_procuracy_on", "01/01/1970", "Ngày vào ngành không được trước ngày sinh."),
        ("date_of_birth", "1980-13-45", None),
    ],
)
def test_dates_are_checked(client, officer, unit, field, value, error):
    client.force_login(officer)
    response = client.post(reverse("units:staff_create"), {**PERSON, "unit": unit.pk, field: value})
    assert response.status_code == 200 and field in response.context["form"].errors
    if error:
        assert error in response.content.decode()


def test_an_officer_edits_a_date_and_the_change_is_audited(client, officer, unit):
    person = f.make_staff(unit, "Phạm Thị Hoa")
    client.force_login(officer)
    page = client.get(reverse("units:staff_update", kwargs={"pk": person.pk})).content.decode()
    assert 'value="01/01/2010"' in page  # dd/mm/yyyy
    assert reverse("awards:conduct_create", kwargs={"staff": person.pk}) in page  # long leave: a conduct record
    response = client.post(
        reverse("units:staff_update", kwargs={"pk": person.pk}), {**PERSON, "joined_procuracy_on": "15/08/2008"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.joined_procuracy_on == datetime.date(2008, 8, 15)
    entry = AuditEntry.objects.get(action="staff.update", object_id=person.pk)
    assert entry.data["joined_procuracy_on"] == ["2010-01-01", "2008-08-15"]


def test_an_officer_cannot_open_another_units_person(client, officer, other_unit):
    person = f.make_staff(other_unit)
    client.force_login(officer)
    for name in ("units:staff_update", "units:staff_move", "units:staff_leave"):
        assert client.get(reverse(name, kwargs={"pk": person.pk})).status_code == 404


def test_an_officer_moves_a_person_and_the_receiving_unit_sees_them(client, officer, other_officer, unit, other_unit):
    person = f.make_staff(unit, "Phạm Thị Hoa")
    client.force_login(officer)
    url = reverse("units:staff_move", kwargs={"pk": person.pk})
    assert other_unit.name in client.get(url).content.decode()
    response = client.post(url, {"unit": other_unit.pk})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit == other_unit
    assert AuditEntry.objects.get(action="staff.move", object_id=person.pk).data["to_unit"] == other_unit.pk
    assert client.get(reverse("units:staff_update", kwargs={"pk": person.pk})).status_code == 404
    client.force_login(other_officer)
    assert "Phạm Thị Hoa" in client.get(reverse("units:staff_list")).content.decode()


def test_a_move_to_another_province_is_refused(client, secretariat, unit):
    person = f.make_staff(unit)
    foreign = f.make_unit(f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    client.force_login(secretariat)
    response = client.post(reverse("units:staff_move", kwargs={"pk": person.pk}), {"unit": foreign.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    person.refresh_from_db()
    assert person.unit == unit


def test_leaving_and_coming_back(client, officer, secretariat, unit, freeze):
    freeze(f.local_dt(2026, 12, 1, 9))
    person = f.make_staff(unit, "Phạm Thị Hoa", joined_procuracy_on=datetime.date(2010, 1, 1))
    client.force_login(officer)
    url = reverse("units:staff_leave", kwargs={"pk": person.pk})
    for value, error in (("02/12/2026", "Ngày không được sau hôm nay."), ("31/12/2009", "Ngày nghỉ không được trước")):
        response = client.post(url, {"left_on": value})
        assert error in response.content.decode()
    response = client.post(url, {"left_on": "30/11/2026"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.left_on == datetime.date(2026, 11, 30) and not person.is_active
    page = client.get(reverse("units:staff_list")).content.decode()
    assert "Nghỉ từ 30/11/2026" in page
    back = reverse("units:staff_return", kwargs={"pk": person.pk})
    assert back not in page  # only the secretariat brings a person back
    assert client.post(back).status_code == 404
    client.force_login(secretariat)
    assert back in client.get(reverse("units:staff_list")).content.decode()
    client.post(back)
    person.refresh_from_db()
    assert person.is_active and person.left_on is None
    entries = AuditEntry.objects.filter(object_id=person.pk, action__startswith="staff.").order_by("pk")
    assert [entry.action for entry in entries] == ["staff.create", "staff.leave", "staff.return"]


def test_the_secretariat_filters_by_unit(client, secretariat, unit, other_unit):
    f.make_staff(unit, "Nguyễn Văn An")
    f.make_staff(other_unit, "Phạm Văn Khách")
    client.force_login(secretariat)
    response = client.get(reverse("units:staff_list"), {"unit": other_unit.pk})
    assert [p.full_name for p in response.context["staff"]] == ["Phạm Văn Khách"]
    page = response.content.decode()
    assert reverse("awards:person", kwargs={"pk": response.context["staff"][0].pk}) in page
    assert 'name="unit"' in page


def test_an_officer_has_no_unit_filter(client, officer, unit):
    client.force_login(officer)
    assert 'name="unit"' not in client.get(reverse("units:staff_list")).content.decode()


def test_staff_list_filtered_by_unit_queries(client, secretariat, unit):
    client.force_login(secretariat)
    response = assert_list_queries(
        client,
        reverse("units:staff_list") + f"?unit={unit.pk}&q=nguyen",
        lambda i: f.make_staff(unit, f"Nguyễn Văn Số{i}"),
        expected=8,  # the unit filter: its choices, and the chosen unit checked against them; the rows' version
    )
    assert len(response.context["staff"]) == 3


def test_staff_list_of_an_officer_queries(client, officer, unit):
    client.force_login(officer)
    response = assert_list_queries(
        client, reverse("units:staff_list"), lambda i: f.make_staff(unit, f"Nguyễn Văn Số{i}"), expected=6
    )  # 5 and the version the rows are cached under (a miss after every new person)
    assert len(response.context["staff"]) == 3


def test_staff_rows_come_from_the_cache_until_a_person_changes(client, officer, unit, secretariat):
    from units.services import staff_update

    person = f.make_staff(unit, "Nguyễn Văn Sơn")
    client.force_login(officer)
    url = reverse("units:staff_list")
    first, misses = get_counting_queries(client, url)  # uncached
    with CaptureQueriesContext(connection) as hits:
        second = client.get(url)
    assert len(hits) < misses
    assert not [q for q in hits.captured_queries if '"units_staff"."full_name"' in q["sql"]]  # no rows read
    assert second.content.decode().count("Nguyễn Văn Sơn") == first.content.decode().count("Nguyễn Văn Sơn") == 1
    staff_update(staff=person, actor=secretariat, full_name="Nguyễn Văn Sang")
    page = client.get(url).content.decode()
    assert "Nguyễn Văn Sang" in page and "Nguyễn Văn Sơn" not in page
