"""The one workflow mechanism: every model with a ``state`` declares its transitions, and every state change goes
through :func:`transition` (one object, saved with ``update_fields``) or :func:`transition_where` (a conditional
UPDATE, for claims that race: a worker taking a job, the outbox sending a mail).

A model declares::

    class Registration(models.Model):
        TRANSITIONS = {
            (RegistrationState.DRAFT, RegistrationState.SUBMITTED),
            ...
        }
        # optional: the audit action's prefix ("registration.submitted"); default: the model's name
        AUDIT_NAME = "registration"
        # optional: the refusal in the model's own words, with %(from)s and %(to)s (the states' labels)
        TRANSITION_REFUSED = _("A registration that is “%(from)s” cannot become “%(to)s”.")

The audit entry has one shape: ``from_state``/``to_state``/``reason`` in their columns and, in ``data``,
``{"changes": {field: {"old": …, "new": …}}}`` for every other field the transition set.

``tests/units/test_workflow.py`` lists the models with a ``state`` field and checks each has a table and that no
other code assigns ``.state``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from units.models import AuditEntry
from units.services import audit_log

__all__ = ["allowed", "audit_name", "transition", "transition_where"]


def allowed(model: type[models.Model], from_state, to_state) -> bool:
    return (str(from_state), str(to_state)) in {(str(a), str(b)) for a, b in model.TRANSITIONS}


def audit_name(model: type[models.Model]) -> str:
    return getattr(model, "AUDIT_NAME", None) or model._meta.model_name


def _label(model, state) -> str:
    field = model._meta.get_field("state")
    return str(dict(field.flatchoices).get(state, state))


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def _current(obj: models.Model, name: str):
    """A field's value as stored; a foreign key by its id, so reading the old value costs no query."""
    field = type(obj)._meta.get_field(name)
    return getattr(obj, field.attname) if field.is_relation and field.many_to_one else getattr(obj, name)


def check(obj: models.Model, to_state) -> None:
    """Refuse a transition the model's table does not allow, in words."""
    model = type(obj)
    if not allowed(model, obj.state, to_state):
        labels = {"from": _label(model, obj.state), "to": _label(model, to_state)}
        refused = getattr(model, "TRANSITION_REFUSED", None)
        if refused:
            raise ValidationError(str(refused) % labels)
        raise ValidationError(
            _("“%(object)s” is “%(from)s” and cannot become “%(to)s”.") % {"object": model._meta.verbose_name, **labels}
        )


def transition(
    obj: models.Model,
    to_state,
    *,
    actor,
    reason: str = "",
    unit=None,
    action: str | None = None,
    fields: dict | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """Move ``obj`` to ``to_state``: check the table, set ``fields`` too, save only what changed, write the audit
    entry. Call it inside the service's transaction, after the service's own checks. Returns the audit entry."""
    check(obj, to_state)
    model = type(obj)
    from_state = obj.state
    changes = {}
    for name, value in (fields or {}).items():
        old = _current(obj, name)
        if _plain(old) != _plain(value):
            changes[name] = {"old": _plain(old), "new": _plain(value)}
        setattr(obj, name, value)
    obj.state = to_state
    update = ["state", *(fields or {})]
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        update.append("updated_at")
    obj.save(update_fields=_concrete(model, update))
    payload = {"changes": changes} if changes else {}
    if data:
        payload.update(data)
    return audit_log(
        actor=actor,
        action=action or f"{audit_name(model)}.{to_state}",
        target=obj,
        unit=unit if unit is not None else _unit_of(obj),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=payload,
    )


def transition_where(queryset: models.QuerySet, from_states: Iterable, to_state, **values) -> int:
    """A conditional UPDATE: rows of ``queryset`` in one of ``from_states`` move to ``to_state`` (with ``values``);
    the number of rows moved says who won a race. Every pair must be in the model's table. Not audited: used for
    machine claims (jobs, mail), whose own rows are their record."""
    model = queryset.model
    from_states = [str(s) for s in from_states]
    for from_state in from_states:
        if not allowed(model, from_state, to_state):
            raise ValueError(f"{model.__name__}: {from_state} → {to_state} is not in TRANSITIONS")
    return queryset.filter(state__in=from_states).update(state=to_state, **values)


def _concrete(model, names: list[str]) -> list[str]:
    result = []
    for name in names:
        field = model._meta.get_field(name)
        result.append(field.name)
    return list(dict.fromkeys(result))


def _unit_of(obj):
    for attribute in ("unit", "province"):
        if any(f.name == attribute for f in type(obj)._meta.concrete_fields):
            return getattr(obj, attribute)
    return None
