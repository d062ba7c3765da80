"""The council's inspections of units' emulation work (plan II.2.8, III.4): the year's inspection plan, each
inspection with its record (biên bản kiểm tra) and findings, the unit's answer to each finding and its closure."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import FindingState, InspectionBody, InspectionState
from movements.models import YearPlan
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import ScopedQuerySet, province_rows, unit_rows


class InspectionPlanQuerySet(ScopedQuerySet):
    # The province's council work: its secretariat and council members. Officers see their inspections only.
    scope = province_rows("province")


class InspectionPlan(TimeStampedModel):
    """The year's inspection plan (kế hoạch kiểm tra): which units are inspected, when and by whom."""

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="inspection_plans", verbose_name=_("province")
    )
    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="inspection_plans", verbose_name=_("year plan")
    )
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("e.g. 12/KH-VKS"))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("subject"), max_length=500)

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year_plan__year", "-pk"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        constraints = [models.UniqueConstraint(fields=["year_plan"], name="inspection_plan_one_per_year")]

    def __str__(self):
        return self.title


class InspectionQuerySet(ScopedQuerySet):
    # The inspected unit's officers; the province's secretariat and council members.
    scope = unit_rows("unit")


class Inspection(TimeStampedModel):
    """One unit's inspection: planned in the plan, then its record (biên bản) written and issued to the unit."""

    plan = models.ForeignKey(
        InspectionPlan, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("inspection plan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("unit"))
    body = models.CharField(_("inspected by"), max_length=20, choices=InspectionBody.choices)
    scheduled_on = models.DateField(_("planned for"))
    leader = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="led_inspections", verbose_name=_("head of the team")
    )
    members = models.ManyToManyField(
        Staff, related_name="inspections", blank=True, verbose_name=_("members of the team")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=InspectionState.choices, default=InspectionState.PLANNED
    )
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    record_number = models.CharField(
        pgettext_lazy("inspection", "record number"), max_length=50, blank=True, help_text=_("e.g. 03/BB-VKS")
    )
    unit_head = models.CharField(
        _("the unit's head"), max_length=150, blank=True, help_text=_("Who signs the record for the unit.")
    )
    unit_head_title = models.CharField(_("the unit's head's title"), max_length=150, blank=True)
    conclusion = models.TextField(_("general conclusion"), blank=True)
    issued_at = models.DateTimeField(_("record issued at"), null=True, blank=True)

    TRANSITIONS = {
        (InspectionState.PLANNED, InspectionState.ISSUED),
        (InspectionState.ISSUED, InspectionState.CLOSED),
    }
    AUDIT_NAME = "inspection"
    TRANSITION_REFUSED = _("An inspection that is “%(from)s” cannot become “%(to)s”.")

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_on", "pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="inspection_one_per_unit_and_plan"),
            models.CheckConstraint(
                condition=Q(state=InspectionState.PLANNED) | Q(inspected_on__isnull=False),
                name="inspection_issued_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.scheduled_on:%d/%m/%Y}"


class FindingQuerySet(ScopedQuerySet):
    scope = unit_rows("inspection__unit")

    def overdue(self, day: datetime.date):
        """Findings of an issued record still not fixed after their date."""
        return self.filter(inspection__state=InspectionState.ISSUED, due_date__lt=day).exclude(
            state=FindingState.CLOSED
        )


class Finding(TimeStampedModel):
    """A finding of the record: what is wrong, what the unit must fix and by when; the unit's answer, the closure."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="findings", verbose_name=_("inspection")
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    description = models.TextField(_("finding"))
    remedy = models.TextField(_("what the unit must fix"))
    due_date = models.DateField(_("to be fixed by"))
    state = models.CharField(_("state"), max_length=20, choices=FindingState.choices, default=FindingState.OPEN)
    answer = models.TextField(_("the unit's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    review_note = models.TextField(_("the secretariat's note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    TRANSITIONS = {
        (FindingState.OPEN, FindingState.ANSWERED),
        (FindingState.NOT_ACCEPTED, FindingState.ANSWERED),
        (FindingState.ANSWERED, FindingState.CLOSED),
        (FindingState.ANSWERED, FindingState.NOT_ACCEPTED),
    }
    AUDIT_NAME = "finding"
    TRANSITION_REFUSED = _("A finding that is “%(from)s” cannot become “%(to)s”.")

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "position", "pk"]
        verbose_name = _("finding of an inspection")
        verbose_name_plural = _("findings of inspections")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="finding_position_unique"),
            models.CheckConstraint(
                condition=Q(state=FindingState.OPEN) | ~Q(answer=""), name="finding_answered_has_answer"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.description[:80]}"

    def is_overdue(self, day: datetime.date) -> bool:
        return self.state != FindingState.CLOSED and self.due_date < day


__all__ = ["Finding", "Inspection", "InspectionPlan"]
