"""Every change to a fact that eligibility reads marks the affected lines for judgement, in the same transaction
(``awards.services.lines.mark_for_judgement``). The gates (review, agenda, tally, decision) judge their lines again
in any case; the marks keep the pages honest ("to judge again") and start the background refresh.

Connected in ``AwardsConfig.ready``. Bulk writes that send no signal call ``mark_for_judgement`` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from awards.models import (
    AwardRecord,
    ClusterEndorsement,
    ConductRecord,
    Initiative,
    LineInitiative,
    PlanCap,
    RuleSet,
    TitleRule,
)
from awards.services.lines import mark_for_judgement
from movements.models import YearPlan
from registrations.models import Registration, RegistrationLine
from units.models import Staff


def _province(instance) -> int | None:
    if isinstance(instance, ConductRecord):
        return instance.staff.unit.province_id
    if isinstance(instance, (AwardRecord, Initiative)):
        return instance.unit.province_id
    if isinstance(instance, Staff):
        return instance.unit.province_id
    if isinstance(instance, (LineInitiative, ClusterEndorsement)):
        return instance.line.proposal.unit.province_id
    if isinstance(instance, Registration):
        return instance.unit.province_id
    if isinstance(instance, RegistrationLine):
        return instance.registration.unit.province_id
    if isinstance(instance, YearPlan):
        return instance.province_id
    if isinstance(instance, PlanCap):
        return instance.year_plan.province_id
    return None  # a rule set or title rule: every province


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    try:
        province_id = _province(instance)
    except Exception:  # noqa: BLE001 - a row whose parent is being deleted with it: the parent's signal marks
        return
    mark_for_judgement(province_id)


def _authors_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _changed(sender, instance)


FACTS = (
    AwardRecord,
    ClusterEndorsement,
    ConductRecord,
    Initiative,
    LineInitiative,
    PlanCap,
    RuleSet,
    TitleRule,
    YearPlan,
    Registration,
    RegistrationLine,
    Staff,
)


def connect() -> None:
    for model in FACTS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"judge-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"judge-{model.__name__}-delete")
    m2m_changed.connect(_authors_changed, sender=Initiative.authors.through, dispatch_uid="judge-initiative-authors")
