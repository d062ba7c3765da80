"""Access rules shared by every app's views.

Objects outside a user's scope answer 404, never 403, so a URL does not reveal that another unit's data exists.
Querysets carry the scope (``Model.objects.for_user(user)``); these mixins only check the role.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from units.enums import Role


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    if user.role == Role.STATISTICS and Role.COUNCIL_MEMBER in roles:
        # The statistics officer (plan II.2.3) reads the province where council members read: every page open
        # to a council member is a read (tests/test_access.py); no write page names either role.
        return True
    return user.role in roles


class RoleRequiredMixin(LoginRequiredMixin):
    """Signed-in users whose role is in ``allowed_roles`` (admins always); others get 404."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, *self.allowed_roles):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SecretariatRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.SECRETARIAT,)


class UnitMemberMixin(RoleRequiredMixin):
    """Officers of a unit and the secretariat of its province."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)


def can_act_for_unit(user, unit) -> bool:
    """Whether a user may change a unit's records: its officers, its province's secretariat, admins."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.role == Role.OFFICER:
        return user.unit_id == unit.pk
    if user.role == Role.SECRETARIAT:
        return user.province_id == unit.province_id
    return False


def require_unit_access(user, unit) -> None:
    if not can_act_for_unit(user, unit):
        raise PermissionDenied


def require_secretariat_of(user, province_id: int) -> None:
    """For a service: the province's secretariat (or an admin) only, else ``PermissionDenied``."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    if user.is_admin:
        return
    if user.role != Role.SECRETARIAT or user.province_id != province_id:
        raise PermissionDenied
