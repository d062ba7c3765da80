from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.enums import ConductKind, DisciplineLevel, LeaveType, RecognitionLevel
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import Scope, ScopedQuerySet, unit_rows
from units.text import clean, search_key


class InitiativeQuerySet(ScopedQuerySet):
    # The initiatives of the units the user may see.
    scope = unit_rows("unit")


class Initiative(TimeStampedModel):
    """A sáng kiến: the recognised initiative that Chiến sĩ thi đua titles rest on. One initiative supports one
    award only (domain-rules §4.2); the proposals enforce that with a unique link."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveIntegerField(_("year"))
    summary = models.TextField(_("summary"), blank=True)
    authors = models.ManyToManyField(Staff, related_name="initiatives", verbose_name=_("authors"))
    recognition_level = models.CharField(
        _("recognised at"), max_length=20, choices=RecognitionLevel.choices, default=RecognitionLevel.NONE
    )
    decision_number = models.CharField(_("recognising decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("recognising decision date"), null=True, blank=True)
    search_key = models.CharField(max_length=500, editable=False, default="")

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(recognition_level=RecognitionLevel.NONE) | ~Q(decision_number=""),
                name="initiative_recognition_has_decision",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2200), name="initiative_year_range"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = clean(self.title)
        self.search_key = search_key(self.title)
        super().save(*args, **kwargs)


class ConductRecordQuerySet(ScopedQuerySet):
    # Sensitive: the person's unit officer, the province's secretariat and admins; council members and the
    # statistics officer never.
    scope = Scope(officer="staff__unit", secretariat="staff__unit__province", statistics=None)


class ConductRecord(TimeStampedModel):
    """A fact about a staff member in a year that can bar an award: a disciplinary measure, a serious violation, a
    case annulled or suspended through the procuracy's fault, or a long leave."""

    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="conduct_records", verbose_name=_("staff member")
    )
    year = models.PositiveIntegerField(_("year it counts in"))
    kind = models.CharField(_("kind"), max_length=30, choices=ConductKind.choices)
    discipline_level = models.PositiveSmallIntegerField(
        _("disciplinary measure"), choices=DisciplineLevel.choices, null=True, blank=True
    )
    leave_type = models.CharField(_("type of leave"), max_length=20, choices=LeaveType.choices, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    act_year = models.PositiveIntegerField(
        _("year of the act"), null=True, blank=True, help_text=_("For a disciplinary measure: when the act happened.")
    )
    counted_in_act_year = models.BooleanField(
        _("already counted against the year of the act"),
        default=False,
        help_text=_("The act was already used to refuse a title for the year it happened (TT 02/2024/TT-VKSTC)."),
    )
    description = models.TextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ConductRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "start_date"]
        verbose_name = _("conduct record")
        verbose_name_plural = _("conduct records")
        indexes = [models.Index(fields=["year", "kind"], name="conduct_year_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ConductKind.DISCIPLINE) | Q(discipline_level__isnull=False),
                name="conduct_discipline_has_level",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ConductKind.LONG_LEAVE) | (~Q(leave_type="") & Q(start_date__isnull=False)),
                name="conduct_leave_has_type_and_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="conduct_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.staff} – {self.get_kind_display()} ({self.year})"
