import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests import factories as f
from units.enums import Role
from units.models import Staff, Unit
from units.services import staff_update, unit_create, user_create


def test_staff_name_is_stored_nfc_with_derived_keys(unit):
    person = f.make_staff(unit, unicodedata.normalize("NFD", "  Nguyễn   Văn An\u200b"))
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.search_key == "nguyen van an"


def test_staff_update_recomputes_keys_and_audits(unit, officer):
    person = f.make_staff(unit, "Nguyễn Văn An")
    staff_update(staff=person, actor=officer, full_name="Nguyễn Văn Ân")
    person.refresh_from_db()
    assert person.search_key == "nguyen van an"
    entry = person_audit(person)
    assert entry.action == "staff.update"
    assert entry.data == {"full_name": ["Nguyễn Văn An", "Nguyễn Văn Ân"]}


def person_audit(person):
    from units.selectors import audit_trail

    return audit_trail(person)[0]


@pytest.mark.parametrize("query", ["nguyen van an", "Nguyễn Văn An", "NGUYEN VAN", "van an", "nguyễn"])
def test_accent_free_search_finds_vietnamese_name(unit, query):
    f.make_staff(unit, "Nguyễn Văn An")
    f.make_staff(unit, "Trần Thị Bình")
    assert list(Staff.objects.search(query).values_list("full_name", flat=True)) == ["Nguyễn Văn An"]


def test_search_finds_decomposed_input(unit):
    f.make_staff(unit, "Đỗ Thị Hòa")
    assert Staff.objects.search(unicodedata.normalize("NFD", "đỗ thị hoà")).count() == 1


def test_roster_order_in_the_database_is_vietnamese(unit):
    for name in ["Nguyễn Văn Bình", "Lê Văn An", "Phạm Thị Ánh", "Bùi Văn Ân", "Hoàng Đông", "Vũ Dũng"]:
        f.make_staff(unit, name)
    names = list(Staff.objects.roster_order().values_list("full_name", flat=True))
    assert names == ["Lê Văn An", "Phạm Thị Ánh", "Bùi Văn Ân", "Nguyễn Văn Bình", "Vũ Dũng", "Hoàng Đông"]


def test_units_know_their_province_at_any_depth(province):
    department = f.make_unit(province, kind_code="department")
    assert department.province == province
    assert province.province == province
    assert set(Unit.objects.filter(province=province)) == {province, department}


def test_only_a_provincial_procuracy_can_be_a_root(db):
    with pytest.raises(ValidationError):
        unit_create(name="Phòng lạc", code="lost", kind=f.kind("department"))


def test_deleting_a_unit_with_staff_is_refused(unit):
    f.make_staff(unit)
    with pytest.raises(IntegrityError):
        Unit.objects.filter(pk=unit.pk).delete()


def test_officer_needs_a_unit(province):
    with pytest.raises(ValidationError):
        user_create(username="x", password=None, role=Role.OFFICER)


def test_officer_takes_the_province_of_the_unit(unit, province):
    user = f.make_officer(unit)
    assert user.province == province


def test_unit_scope_per_role(province, unit, other_unit, officer, secretariat, admin_user):
    other_province = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    f.make_unit(other_province)
    assert list(Unit.objects.for_user(officer)) == [unit]
    assert set(Unit.objects.for_user(secretariat)) == {province, unit, other_unit}
    assert Unit.objects.for_user(admin_user).count() == 5
