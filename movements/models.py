import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import TimeStampedModel, Unit


def end_of_day(day: datetime.date) -> datetime.datetime:
    """A deadline date is inclusive to 23:59:59 local time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


class YearPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return self
        return self.filter(province_id=user.province_id) if user.province_id else self.none()


class YearPlan(TimeStampedModel):
    """A province's emulation plan for one year (e.g. Kế hoạch 02/KH-VKS ngày 07/01/2018) and its deadlines.

    It also carries what the province's documents print in their header and footer, so that names, numbers,
    signer and recipients come from data, not code.
    """

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="year_plans", verbose_name=_("provincial procuracy")
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.CharField(_("plan number"), max_length=50, blank=True, help_text=_("e.g. 02/KH-VKS"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    theme = models.TextField(_("emulation theme"), blank=True)
    # Plan III.2: units send their registrations "chậm nhất vào ngày 17/01/2018".
    registration_deadline = models.DateField(
        _("registration deadline"), help_text=_("Inclusive: registrations are accepted until 23:59:59 that day.")
    )
    superior_agency = models.CharField(
        _("superior agency (document header)"), max_length=150, default="VIỆN KSND TỐI CAO"
    )
    issuing_agency = models.CharField(
        _("issuing agency (document header)"), max_length=200, blank=True, help_text=_("Defaults to the unit name.")
    )
    agency_symbol = models.CharField(_("agency symbol in numbers"), max_length=30, default="VKS")
    place_name = models.CharField(_("place name for document dates"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True, default="VIỆN TRƯỞNG")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One recipient per line, without the leading dash.")
    )

    objects = YearPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("emulation year plan")
        verbose_name_plural = _("emulation year plans")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="yearplan_one_per_province_year"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2200), name="yearplan_year_range"),
        ]

    def __str__(self):
        return f"{self.year} – {self.province}"

    @property
    def registration_closes_at(self) -> datetime.datetime:
        return end_of_day(self.registration_deadline)

    @property
    def header_agency(self) -> str:
        return self.issuing_agency or self.province.name.upper()

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
