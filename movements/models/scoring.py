"""Unit scoring (chấm điểm thi đua) as data: a sheet per year with groups of criteria, maximum points, evidence
requirements and classification bands (domain-rules §5: QĐ 424/QĐ-VKSTC has the sector's tables; provinces keep
their own), each unit's scores by itself, its cluster head and the secretariat."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from movements.enums import AutoSource, ScoreState
from movements.models.base import ProvinceScopedQuerySet, YearPlan
from units.models import Cluster, TimeStampedModel, Unit


class ClusterYear(models.Model):
    """Who leads an emulation cluster in a year: a head unit (cụm trưởng) and a deputy (cụm phó), by rotation."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="years", verbose_name=_("emulation cluster")
    )
    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="cluster_years", verbose_name=_("year plan")
    )
    head_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("head unit"))
    deputy_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("deputy unit")
    )

    class Meta:
        verbose_name = _("cluster leadership")
        verbose_name_plural = _("cluster leadership")
        constraints = [models.UniqueConstraint(fields=["cluster", "year_plan"], name="clusteryear_once")]

    def __str__(self):
        return f"{self.cluster} {self.year_plan.year}"


class ScoringSheet(TimeStampedModel):
    year_plan = models.OneToOneField(
        YearPlan, on_delete=models.PROTECT, related_name="scoring_sheet", verbose_name=_("year plan")
    )
    name = models.CharField(_("name"), max_length=255)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("copied from")
    )

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")

    def __str__(self):
        return self.name


class ScoringGroup(models.Model):
    sheet = models.ForeignKey(
        ScoringSheet, on_delete=models.CASCADE, related_name="groups", verbose_name=_("scoring sheet")
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sheet", "position", "pk"]
        verbose_name = _("criteria group")
        verbose_name_plural = _("criteria groups")

    def __str__(self):
        return self.name


class ScoringCriterion(models.Model):
    group = models.ForeignKey(
        ScoringGroup, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("criteria group")
    )
    name = models.CharField(_("criterion"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    deductions = models.TextField(_("deductions"), blank=True, help_text=_("How points are deducted."))
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    auto_source = models.CharField(_("filled from"), max_length=30, choices=AutoSource.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group", "position", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive")]

    def __str__(self):
        return self.name


class ScoringBand(models.Model):
    """The points from which a unit is classified (e.g. from 95: Tập thể lao động xuất sắc)."""

    sheet = models.ForeignKey(
        ScoringSheet, on_delete=models.CASCADE, related_name="bands", verbose_name=_("scoring sheet")
    )
    name = models.CharField(_("classification"), max_length=255)
    min_points = models.DecimalField(_("from (points)"), max_digits=6, decimal_places=2)
    title = models.ForeignKey(
        "movements.Title",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("award", "title"),
    )

    class Meta:
        ordering = ["sheet", "-min_points"]
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")

    def __str__(self):
        return self.name


class UnitScoreQuerySet(ProvinceScopedQuerySet):
    pass


class UnitScore(TimeStampedModel):
    """A unit's score on the year's sheet, through its reviews. Its state changes only through
    ``units.workflow.transition``, in ``movements.scoring.services``."""

    TRANSITIONS = {
        (ScoreState.DRAFT, ScoreState.SELF_SCORED),
        (ScoreState.SELF_SCORED, ScoreState.CLUSTER_REVIEWED),
        (ScoreState.SELF_SCORED, ScoreState.DRAFT),
        (ScoreState.CLUSTER_REVIEWED, ScoreState.APPROVED),
        (ScoreState.CLUSTER_REVIEWED, ScoreState.SELF_SCORED),
    }
    AUDIT_NAME = "unit_score"  # audit actions "unit_score.self_scored", …

    sheet = models.ForeignKey(
        ScoringSheet, on_delete=models.PROTECT, related_name="unit_scores", verbose_name=_("scoring sheet")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="scores", verbose_name=_("unit"))
    state = models.CharField(_("state"), max_length=20, choices=ScoreState.choices, default=ScoreState.DRAFT)
    self_total = models.DecimalField(_("self-score"), max_digits=7, decimal_places=2, default=0)
    cluster_total = models.DecimalField(_("cluster head's score"), max_digits=7, decimal_places=2, null=True)
    approved_total = models.DecimalField(_("approved score"), max_digits=7, decimal_places=2, null=True)

    objects = UnitScoreQuerySet.as_manager()

    class Meta:
        ordering = ["sheet", "unit"]
        verbose_name = _("unit score")
        verbose_name_plural = _("unit scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="unitscore_once")]

    def __str__(self):
        return f"{self.unit} {self.sheet.year_plan.year}"

    @property
    def best_total(self):
        """The most reviewed score so far."""
        for value in (self.approved_total, self.cluster_total, self.self_total):
            if value is not None:
                return value
        return 0


class CriterionScore(models.Model):
    unit_score = models.ForeignKey(
        UnitScore, on_delete=models.CASCADE, related_name="criterion_scores", verbose_name=_("unit score")
    )
    criterion = models.ForeignKey(
        ScoringCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("scoring criterion")
    )
    auto_points = models.DecimalField(_("computed"), max_digits=6, decimal_places=2, null=True)
    auto_evidence = models.TextField(_("computed from"), blank=True)
    self_points = models.DecimalField(_("self-score"), max_digits=6, decimal_places=2, null=True)
    evidence = models.TextField(_("evidence"), blank=True)
    cluster_points = models.DecimalField(_("cluster head"), max_digits=6, decimal_places=2, null=True)
    cluster_reason = models.TextField(_("cluster head's reason"), blank=True)
    approved_points = models.DecimalField(_("approved"), max_digits=6, decimal_places=2, null=True)
    approved_reason = models.TextField(_("secretariat's reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        ordering = ["unit_score", "criterion__group__position", "criterion__position"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [models.UniqueConstraint(fields=["unit_score", "criterion"], name="criterionscore_once")]

    def __str__(self):
        return f"{self.unit_score_id}/{self.criterion_id}"
