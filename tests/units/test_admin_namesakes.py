"""The admin warns before adding a second person of the same name and date of birth to a unit (issue 10 point 13)."""

import datetime

import pytest

from tests import factories as f
from units.models import Staff

CONFIRM = "Đây là người trùng tên (khác người đã có)"


@pytest.fixture
def existing(unit):
    return f.make_staff(unit, "Nguyễn Thị Thủy", gender="female", date_of_birth=datetime.date(1990, 3, 8))


def person(unit, name="Nguyễn Thị Thuỷ", born="08/03/1990", **extra):
    """The admin's add form as a browser sends it ("Thuỷ": the other placement of the tone mark)."""
    return {
        "full_name": name,
        "gender": "female",
        "unit": unit.pk,
        "date_of_birth": born,
        "is_active": "on",
        "position": "",
        "rank": "",
        "email": "",
        **extra,
    }


def test_adding_a_namesake_born_the_same_day_is_refused_with_a_warning(client, admin_user, unit, existing):
    client.force_login(admin_user)
    response = client.post("/admin/units/staff/add/", person(unit))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Viện kiểm sát nhân dân huyện Đông Hưng đã có Nguyễn Thị Thủy, sinh ngày 08/03/1990. "
        f"Nếu đây là người khác, hãy đánh dấu “{CONFIRM}”."
    ]
    page = response.content.decode()
    assert 'type="checkbox" name="same_name_confirmed"' in page and CONFIRM in page
    assert list(Staff.objects.values_list("full_name", flat=True)) == ["Nguyễn Thị Thủy"]


def test_the_confirmation_box_is_hidden_until_there_is_a_namesake(client, admin_user, unit, existing):
    client.force_login(admin_user)
    page = client.get("/admin/units/staff/add/").content.decode()
    assert 'type="hidden" name="same_name_confirmed"' in page
    assert 'type="checkbox" name="same_name_confirmed"' not in page


def test_a_ticked_namesake_is_added(client, admin_user, unit, existing):
    client.force_login(admin_user)
    response = client.post("/admin/units/staff/add/", person(unit, same_name_confirmed="on"))
    assert response.status_code == 302
    assert sorted(Staff.objects.filter(unit=unit).values_list("full_name", flat=True)) == [
        "Nguyễn Thị Thuỷ",
        "Nguyễn Thị Thủy",
    ]


def test_namesakes_both_without_a_date_of_birth_are_warned(client, admin_user, unit):
    f.make_staff(unit, "Trần Văn Bình", date_of_birth=None)
    client.force_login(admin_user)
    response = client.post("/admin/units/staff/add/", person(unit, "TRẦN VĂN BÌNH", born="", gender="male"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Viện kiểm sát nhân dân huyện Đông Hưng đã có Trần Văn Bình, chưa có ngày sinh. "
        f"Nếu đây là người khác, hãy đánh dấu “{CONFIRM}”."
    ]
    assert Staff.objects.count() == 1


@pytest.mark.parametrize(
    "other",
    [
        {"born": "09/03/1990"},  # another date of birth
        {"born": ""},  # one date known, the other not
        {"name": "Nguyễn Thị Thu"},  # another name
    ],
)
def test_no_warning_for_another_date_or_name(client, admin_user, unit, existing, other):
    client.force_login(admin_user)
    response = client.post("/admin/units/staff/add/", person(unit, **other))
    assert response.status_code == 302
    assert Staff.objects.count() == 2


def test_no_warning_for_a_namesake_in_another_unit(client, admin_user, unit, other_unit, existing):
    client.force_login(admin_user)
    response = client.post("/admin/units/staff/add/", person(other_unit))
    assert response.status_code == 302
    assert Staff.objects.get(unit=other_unit).full_name == "Nguyễn Thị Thuỷ"


def test_editing_a_person_does_not_warn_about_themselves(client, admin_user, unit, existing):
    client.force_login(admin_user)
    response = client.post(
        f"/admin/units/staff/{existing.pk}/change/",
        person(unit, "Nguyễn Thị Thủy", position="Kiểm sát viên"),
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.position == "Kiểm sát viên"


def test_moving_a_person_into_a_unit_with_their_namesake_is_warned(client, admin_user, unit, other_unit, existing):
    newcomer = f.make_staff(other_unit, "Nguyễn Thị Thủy", gender="female", date_of_birth=datetime.date(1990, 3, 8))
    client.force_login(admin_user)
    response = client.post(f"/admin/units/staff/{newcomer.pk}/change/", person(unit, "Nguyễn Thị Thủy"))
    assert response.status_code == 200
    assert "Nguyễn Thị Thủy, sinh ngày 08/03/1990" in " ".join(response.context["adminform"].form.non_field_errors())
    newcomer.refresh_from_db()
    assert newcomer.unit == other_unit
