import pytest

from tests import factories as f
from tests.factories import count_queries
from units.models import Staff

# The queries of each admin list, uncached, with one and with fifteen more units (each with staff and an officer).
ADMIN_QUERIES = {
    "/admin/units/staff/": 7,
    "/admin/units/unit/": 8,
    "/admin/units/user/": 6,
    "/admin/units/auditentry/": 9,
    "/admin/registrations/registration/": 7,
    "/admin/movements/yearplan/": 6,
    "/admin/movements/title/": 5,
}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/units/staff/",
        "/admin/units/unit/",
        "/admin/units/user/",
        "/admin/units/auditentry/",
        "/admin/registrations/registration/",
        "/admin/movements/yearplan/",
        "/admin/movements/title/",
    ],
)
def test_admin_changelists_use_a_constant_number_of_queries(client, admin_user, province, path):
    client.force_login(admin_user)
    counts = []
    for n in (1, 15):
        for _year_offset in range(n):
            unit = f.make_unit(province)
            f.make_staff(unit)
            f.make_officer(unit)
        counts.append(count_queries(client, path))
    assert counts == [ADMIN_QUERIES[path]] * 2


def test_admin_staff_search_is_accent_free(client, admin_user, unit):
    f.make_staff(unit, "Nguyễn Văn An")
    f.make_staff(unit, "Trần Thị Bình")
    client.force_login(admin_user)
    response = client.get("/admin/units/staff/", {"q": "nguyen van an"})
    assert [s.full_name for s in response.context["cl"].result_list] == ["Nguyễn Văn An"]


def test_admin_creates_staff_through_the_service_with_an_audit_entry(client, admin_user, unit):
    client.force_login(admin_user)
    response = client.post(
        "/admin/units/staff/add/",
        {
            "full_name": "  Phạm  Thị Hoa ",
            "gender": "female",
            "unit": unit.pk,
            "is_active": "on",
            "position": "",
            "rank": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    person = Staff.objects.get()
    assert person.full_name == "Phạm Thị Hoa"
    from units.selectors import audit_trail

    assert audit_trail(person)[0].action == "staff.create"
