"""The one scoping mechanism: which rows a user may see. Each queryset class declares a :class:`Scope` mapping each
role to a field path; :meth:`ScopedQuerySet.for_user` applies it, so every view's first line,
``Model.objects.for_user(user)``, is the same rule written once.

    class RegistrationQuerySet(ScopedQuerySet):
        scope = Scope(officer="unit", secretariat="unit__province")

- admins (``user.is_admin``) see everything, anonymous users nothing;
- an officer's path is compared with ``user.unit_id``, the secretariat's and a council member's with
  ``user.province_id`` (a user without that id sees nothing);
- ``province(path)`` compares any role's path with ``user.province_id`` (a year plan, an officer's province);
- a callable ``rule(queryset, user)`` writes a rule no path says (the movements an officer's unit takes part in);
- ``None``: the role sees nothing;
- the statistics officer (``Role.STATISTICS``, plan II.2.3) reads the whole province: ``statistics`` defaults to
  the secretariat's rule (which rows a role may *read*; the views' ``allowed_roles`` keep every write page theirs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from units.enums import Role

__all__ = ["Scope", "ScopedQuerySet", "province", "province_rows", "unit", "unit_rows"]


@dataclass(frozen=True)
class _Path:
    """A field path compared with one of the user's ids (``unit_id`` or ``province_id``)."""

    path: str
    key: str

    def __call__(self, queryset: models.QuerySet, user) -> models.QuerySet:
        value = getattr(user, self.key)
        return queryset.filter(**{self.path: value}) if value else queryset.none()


def unit(path: str) -> _Path:
    """``path`` compared with the user's unit."""
    return _Path(path, "unit_id")


def province(path: str) -> _Path:
    """``path`` compared with the user's province."""
    return _Path(path, "province_id")


_SECRETARIAT = object()  # the default of ``Scope.statistics``: the secretariat's rule

Rule = str | _Path | Callable[[models.QuerySet, object], models.QuerySet] | None


@dataclass(frozen=True)
class Scope:
    """What each role sees: a path (compared with the officer's unit, the others' province), ``province(path)``,
    a callable ``rule(queryset, user)``, or ``None`` (nothing)."""

    officer: Rule = None
    secretariat: Rule = None
    council_member: Rule = None
    # The statistics officer reads what the secretariat reads unless a queryset says otherwise.
    statistics: Rule | object = _SECRETARIAT

    def rule(self, role: str):
        if role == Role.OFFICER:
            return _as_rule(self.officer, "unit_id")
        if role == Role.SECRETARIAT:
            return _as_rule(self.secretariat, "province_id")
        if role == Role.COUNCIL_MEMBER:
            return _as_rule(self.council_member, "province_id")
        if role == Role.STATISTICS:
            rule = self.secretariat if self.statistics is _SECRETARIAT else self.statistics
            return _as_rule(rule, "province_id")
        return None


def unit_rows(path: str = "unit") -> Scope:
    """Rows that belong to a unit at ``path``: the officer sees their unit's, the secretariat and council members
    their province's."""
    return Scope(officer=path, secretariat=f"{path}__province", council_member=f"{path}__province")


def province_rows(path: str = "province") -> Scope:
    """Rows of a province's council work (meetings, decisions): its secretariat and council members; no officer."""
    return Scope(secretariat=path, council_member=path)


def _as_rule(rule: Rule, key: str):
    return _Path(rule, key) if isinstance(rule, str) else rule


class ScopedQuerySet(models.QuerySet):
    """A queryset whose class declares ``scope``; ``for_user`` is the only access rule of its model."""

    scope: Scope = Scope()

    def for_user(self, user) -> models.QuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return self
        rule = self.scope.rule(user.role)
        return rule(self, user) if rule is not None else self.none()
