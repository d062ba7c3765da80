"""Writes to year plans."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from movements.models import YearPlan
from units.models import Unit
from units.services import audit_log

PLAN_FIELDS = (
    "number",
    "issued_on",
    "theme",
    "registration_deadline",
    "superior_agency",
    "issuing_agency",
    "agency_symbol",
    "place_name",
    "signer_title",
    "signer_name",
    "recipients",
)


@transaction.atomic
def year_plan_create(*, province: Unit, year: int, actor=None, **fields) -> YearPlan:
    if not province.kind.is_provincial_procuracy:
        raise ValidationError(_("Year plans belong to a provincial procuracy."))
    if YearPlan.objects.filter(province=province, year=year).exists():
        raise ValidationError(_("The plan for %(year)s already exists.") % {"year": year})
    plan = YearPlan(province=province, year=year, **{k: v for k, v in fields.items() if k in PLAN_FIELDS})
    plan.full_clean()
    plan.save()
    audit_log(actor=actor, action="year_plan.create", target=plan, unit=province, data={"year": year})
    return plan


@transaction.atomic
def year_plan_update(*, plan: YearPlan, actor=None, **fields) -> YearPlan:
    changed = {}
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(name)
        if getattr(plan, name) != value:
            changed[name] = [str(getattr(plan, name)), str(value)]
            setattr(plan, name, value)
    if changed:
        plan.full_clean()
        plan.save()
        audit_log(actor=actor, action="year_plan.update", target=plan, unit=plan.province, data=changed)
    return plan
