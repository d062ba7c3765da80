from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from movements.models import YearPlan
from reports.enums import JobState, ReportKind
from units.models import Unit


class ReportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Generated documents are for the secretariat of the province (and admins)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return self
        if user.is_secretariat and user.province_id:
            return self.filter(province_id=user.province_id)
        return self.none()


def report_file_path(job, filename):
    return f"reports/{job.province_id}/{job.created_at:%Y}/{job.pk}-{filename}"


class ReportJob(models.Model):
    """A document generated in the background: who asked, its progress, the file and its checksum."""

    kind = models.CharField(_("document"), max_length=40, choices=ReportKind.choices)
    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_jobs")
    year_plan = models.ForeignKey(YearPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    state = models.CharField(_("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=report_file_path, blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportjob_progress_max_100"),
            models.CheckConstraint(
                condition=~Q(state=JobState.DONE) | ~Q(checksum=""), name="reportjob_done_has_checksum"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"
