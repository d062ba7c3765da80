"""Writes to units, staff and users, and the audit log every service writes to."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.enums import Role
from units.models import AuditEntry, ServiceHeartbeat, Staff, Unit, UnitKind, User
from units.text import clean, is_leading_position

SECRETARIAT_GROUP = "Thường trực Hội đồng"


def audit_log(
    *,
    actor,
    action: str,
    target,
    unit: Unit | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        unit=unit,
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason or "",
        data=data or {},
    )


@transaction.atomic
def unit_create(
    *,
    name: str,
    code: str,
    kind: UnitKind,
    parent: Unit | None = None,
    short_name: str = "",
    display_order: int = 0,
    email: str = "",
    actor=None,
) -> Unit:
    if parent is None and not kind.is_provincial_procuracy:
        raise ValidationError(_("Only a provincial procuracy can stand at the root of the tree."))
    unit = Unit(
        name=name,
        code=code,
        kind=kind,
        parent=parent,
        short_name=short_name,
        display_order=display_order,
        email=email,
        province=parent.province if parent else None,
    )
    unit.full_clean(exclude=["province", "sort_key"])
    unit.save()
    if parent is None:
        unit.province = unit
        unit.save(update_fields=["province"])
    audit_log(actor=actor, action="unit.create", target=unit, unit=unit)
    return unit


def _staff_fields(data: dict) -> dict:
    """Cleaned names; a new position decides ``is_leader`` unless the caller sets it."""
    fields = dict(data)
    for name in ("full_name", "position", "rank"):
        if name in fields:
            fields[name] = clean(fields[name] or "")
    if "position" in fields and "is_leader" not in fields:
        fields["is_leader"] = is_leading_position(fields["position"])
    return fields


@transaction.atomic
def staff_create(*, unit: Unit, actor=None, **fields) -> Staff:
    staff = Staff(unit=unit, **_staff_fields(fields))
    staff.full_clean(exclude=["sort_key", "search_key"])
    staff.save()
    audit_log(actor=actor, action="staff.create", target=staff, unit=unit, data={"full_name": staff.full_name})
    return staff


@transaction.atomic
def staff_update(*, staff: Staff, actor=None, **fields) -> Staff:
    fields = _staff_fields(fields)
    changed = {}
    for name, value in fields.items():
        old = getattr(staff, name)
        if old != value:
            changed[name] = [str(old), str(value)]
            setattr(staff, name, value)
    if not changed:
        return staff
    staff.full_clean(exclude=["sort_key", "search_key"])
    staff.save()
    audit_log(actor=actor, action="staff.update", target=staff, unit=staff.unit, data=changed)
    return staff


@transaction.atomic
def staff_move(*, staff: Staff, unit: Unit, actor=None) -> Staff:
    """Move a person to another unit of the same province; the receiving unit sees them from now on."""
    if not staff.is_active:
        raise ValidationError(_("%(name)s has left; bring them back before moving them.") % {"name": staff.full_name})
    if unit.pk == staff.unit_id:
        raise ValidationError({"unit": _("%(name)s is already in this unit.") % {"name": staff.full_name}})
    if unit.province_id != staff.unit.province_id or not unit.is_active:
        raise ValidationError({"unit": _("A person can only be moved to another unit of the same province.")})
    old = staff.unit
    staff.unit = unit
    staff.save(update_fields=["unit", "updated_at"])
    data = {"unit": [old.name, unit.name], "from_unit": old.pk, "to_unit": unit.pk}
    audit_log(actor=actor, action="staff.move", target=staff, unit=unit, data=data)
    return staff


@transaction.atomic
def staff_leave(*, staff: Staff, left_on, actor=None) -> Staff:
    """Mark a person as having left the unit's roster on ``left_on``; they stay in every past record."""
    if not staff.is_active:
        raise ValidationError(_("%(name)s has already left.") % {"name": staff.full_name})
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("The date cannot be in the future.")})
    if staff.joined_procuracy_on and left_on < staff.joined_procuracy_on:
        raise ValidationError({"left_on": _("The date of leaving cannot be before the date of joining.")})
    staff.left_on = left_on
    staff.is_active = False
    staff.save(update_fields=["left_on", "is_active", "updated_at"])
    audit_log(actor=actor, action="staff.leave", target=staff, unit=staff.unit, data={"left_on": left_on.isoformat()})
    return staff


@transaction.atomic
def staff_return(*, staff: Staff, actor=None) -> Staff:
    """Undo :func:`staff_leave`: the person is on the unit's roster again."""
    if staff.is_active:
        raise ValidationError(_("%(name)s has not left.") % {"name": staff.full_name})
    old = staff.left_on
    staff.left_on = None
    staff.is_active = True
    staff.save(update_fields=["left_on", "is_active", "updated_at"])
    audit_log(
        actor=actor,
        action="staff.return",
        target=staff,
        unit=staff.unit,
        data={"left_on": old.isoformat() if old else ""},
    )
    return staff


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    unit: Unit | None = None,
    province: Unit | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    staff=None,
    actor=None,
) -> User:
    if role == Role.OFFICER and unit is None:
        raise ValidationError(_("A unit officer must be bound to a unit."))
    if role in (Role.SECRETARIAT, Role.COUNCIL_MEMBER) and province is None:
        raise ValidationError(_("The secretariat and council members belong to a provincial procuracy."))
    user = User(
        username=username,
        role=role,
        unit=unit,
        province=province if unit is None else unit.province,
        first_name=clean(first_name),
        last_name=clean(last_name),
        email=email,
        # The secretariat edits rule parameters and the scoring sheet in the admin (province-scoped there).
        is_staff=role in (Role.ADMIN, Role.SECRETARIAT),
        is_superuser=role == Role.ADMIN,
        staff=staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if role == Role.SECRETARIAT:
        from django.contrib.auth.models import Group

        group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
        if group:
            user.groups.add(group)
    audit_log(actor=actor, action="user.create", target=user, unit=unit, data={"role": role})
    return user


def heartbeat_record(*, name: str, at=None, detail: str = "") -> ServiceHeartbeat:
    """Note that the background service ``name`` ("beat", "worker") was alive at ``at`` (now by default).

    One row per service, overwritten: the health page reads only the latest. Not audited: it is not a change to
    anyone's data, and it happens every minute."""
    heartbeat, _created = ServiceHeartbeat.objects.update_or_create(
        name=name, defaults={"at": at or timezone.now(), "detail": detail[:255]}
    )
    return heartbeat
