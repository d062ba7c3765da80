"""Writes that the cached scoring pages must see although their tables have no ``updated_at``: a scoring sheet's
groups, criteria and bands move the sheet's time, a cluster's leaders of the year move the plan's
(``movements.scoring.scoring_version``, ``reports.dashboards.unit_dashboard_version``). The services already
move the sheet's time; these receivers cover the administration and any other writer."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from movements.models import ClusterYear, ScoringBand, ScoringCriterion, ScoringGroup, ScoringSheet, YearPlan


def _touch_sheet(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    if isinstance(instance, ScoringCriterion):
        sheets = ScoringSheet.objects.filter(groups=instance.group_id)
    else:
        sheets = ScoringSheet.objects.filter(pk=instance.sheet_id)
    sheets.update(updated_at=timezone.now())


def _touch_plan(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    YearPlan.objects.filter(pk=instance.year_plan_id).update(updated_at=timezone.now())


def connect() -> None:
    for model in (ScoringGroup, ScoringCriterion, ScoringBand):
        post_save.connect(_touch_sheet, sender=model, dispatch_uid=f"scoring-version-{model.__name__}")
        post_delete.connect(_touch_sheet, sender=model, dispatch_uid=f"scoring-version-del-{model.__name__}")
    post_save.connect(_touch_plan, sender=ClusterYear, dispatch_uid="scoring-version-clusteryear")
    post_delete.connect(_touch_plan, sender=ClusterYear, dispatch_uid="scoring-version-del-clusteryear")
