"""A unit's own emulation work on the provincial plan (plan III.1, II.2.5): its year's plan or programme, and the
results of its people in the short-term movements it launches for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from movements.enums import UnitPlanKind
from movements.models.base import Movement, ProvinceScopedQuerySet, SentToSecretariat, YearPlan
from units.models import Staff, TimeStampedModel, Unit


class UnitPlan(SentToSecretariat):
    """A district procuracy's emulation plan (Kế hoạch công tác thi đua, khen thưởng) or a department's programme
    (Chương trình) for the year, written on the provincial plan and sent to the secretariat by the plan's
    ``unit_plan_deadline``."""

    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="unit_plans", verbose_name=_("year plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="unit_plans", verbose_name=_("unit"))
    kind = models.CharField(_("kind of document"), max_length=20, choices=UnitPlanKind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("e.g. 05/KH-VKS"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    theme = models.TextField(_("theme"), blank=True)
    targets = models.TextField(_("the unit's own targets"), blank=True)
    AUDIT_NAME = "unit_plan"

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta(SentToSecretariat.Meta):
        ordering = ["year_plan", "unit"]
        verbose_name = _("unit's emulation plan")
        verbose_name_plural = _("units' emulation plans")
        constraints = [
            models.UniqueConstraint(fields=["year_plan", "unit"], name="unitplan_one_per_unit_year"),
            *SentToSecretariat.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.unit} – {self.year_plan.year}"


class MovementResult(TimeStampedModel):
    """One person's result in a short-term movement their unit launched (plan II.2.5): what they achieved and
    whether the unit rates it outstanding (xuất sắc), which can feed a proposal."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="results", verbose_name=_("movement"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    result = models.TextField(_("result"))
    outstanding = models.BooleanField(_("outstanding"), default=False)
    ranking = models.PositiveSmallIntegerField(_("ranking"), null=True, blank=True)

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["movement", "ranking", "staff__sort_key"]
        verbose_name = _("result in a unit's movement")
        verbose_name_plural = _("results in units' movements")
        constraints = [
            models.UniqueConstraint(fields=["movement", "staff"], name="movementresult_once_per_person"),
        ]

    def __str__(self):
        return f"{self.staff} – {self.movement}"
