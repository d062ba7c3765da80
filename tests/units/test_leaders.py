"""Plan II.2.9: leaders are told apart from people working directly (the year-end review counts the share)."""

import pytest

from tests import factories as f
from units.services import staff_create, staff_update
from units.text import is_leading_position


@pytest.mark.parametrize(
    ("position", "leader"),
    [
        ("Viện trưởng", True),
        ("Phó Viện trưởng", True),
        ("Phó Trưởng phòng", True),
        ("Chánh Văn phòng", True),
        ("Kiểm sát viên", False),
        ("Chuyên viên", False),
        ("", False),
    ],
)
def test_a_position_says_whether_it_leads(position, leader):
    assert is_leading_position(position) is leader


def test_the_position_decides_unless_the_officer_says_otherwise(db, unit, officer):
    person = staff_create(unit=unit, actor=officer, full_name="Trần Văn Bình", gender="male", position="Trưởng phòng")
    assert person.is_leader is True
    staff_update(staff=person, actor=officer, position="Kiểm sát viên")
    person.refresh_from_db()
    assert person.is_leader is False
    staff_update(staff=person, actor=officer, is_leader=True)  # a title that misleads, corrected by hand
    person.refresh_from_db()
    assert person.is_leader is True
    assert f.make_staff(unit).is_leader is False
