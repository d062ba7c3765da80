"""Reads of units and staff."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from units.cache import data_version
from units.models import AuditEntry, Staff, Unit
from units.text import search_key


def province_units(province: Unit) -> QuerySet[Unit]:
    """The units of a province that take part in its emulation work, in display order."""
    return (
        Unit.objects.filter(province=province, is_active=True)
        .select_related("kind")
        .order_by("display_order", "sort_key")
    )


def unit_roster(unit: Unit) -> QuerySet[Staff]:
    """A unit's active staff in Vietnamese roster order."""
    return Staff.objects.filter(unit=unit, is_active=True).roster_order()


def namesakes(
    unit: Unit, full_name: str, date_of_birth: datetime.date | None, *, exclude_pk: int | None = None
) -> QuerySet[Staff]:
    """Staff of the unit who may be the same person: the same name but for case and marks ("Thuỷ"/"Thủy", as the
    roster import matches them) and the same date of birth, or both without one."""
    return (
        Staff.objects.filter(unit=unit, search_key=search_key(full_name), date_of_birth=date_of_birth)
        .exclude(pk=exclude_pk)
        .roster_order()
    )


def province_namesakes(
    province_id: int, full_name: str, date_of_birth: datetime.date | None, *, exclude_pk: int | None = None
) -> QuerySet[Staff]:
    """Staff anywhere in the province who may be the person being added: the same accent-free name
    (``Staff.search_key``) and the same date of birth (or both without one), with their unit."""
    return (
        Staff.objects.filter(
            unit__province_id=province_id, search_key=search_key(full_name), date_of_birth=date_of_birth
        )
        .exclude(pk=exclude_pk)
        .select_related("unit")
        .roster_order()
    )


def staff_list(*, user, query: str = "", unit_id: int | None = None) -> QuerySet[Staff]:
    staff = Staff.objects.for_user(user).select_related("unit")
    if unit_id:
        staff = staff.filter(unit_id=unit_id)
    return staff.search(query).roster_order()


def staff_list_version(user) -> str | None:
    """What the staff list's rows are cached under, in one query: the count and latest change of the staff the
    user may see and of the units (their names are shown). Starts with the user's unit."""
    return data_version(
        Unit.objects.filter(pk=user.unit_id),
        [(Staff.objects.for_user(user), "updated_at"), (Unit.objects.all(), "updated_at")],
    )


def audit_trail(target, *, exclude_actions: tuple[str, ...] = (), limit: int = 50):
    """The audit entries of one object, newest first."""
    return (
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .exclude(action__in=exclude_actions)
        .select_related("actor")[:limit]
    )
