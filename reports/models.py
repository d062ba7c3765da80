from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from movements.models import YearPlan
from reports.enums import JobState, ReportKind
from units.models import Unit
from units.scoping import Scope, ScopedQuerySet


class ReportJobQuerySet(ScopedQuerySet):
    # Generated documents are for the secretariat of the province (and admins).
    scope = Scope(secretariat="province")


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
    # The digital signature put on the file (reports.signing): signer, time, certificate's fingerprint.
    signature = models.JSONField(_("digital signature"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Each attempt has its number; a task of an earlier attempt that arrives late changes nothing.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("handed to a worker at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    parts_total = models.PositiveIntegerField(_("parts"), default=0)
    parts_done = models.PositiveIntegerField(_("parts done"), default=0)
    # The attempt whose final task merges the parts: claimed once, so two "last parts" merge only once.
    merge_attempt = models.PositiveSmallIntegerField(default=0, editable=False)
    # The same document asked for twice while the first is queued or running is the same job (a double click).
    request_key = models.CharField(max_length=64, blank=True, editable=False)

    # Moved only by conditional updates (``reports.services``, through ``transition_where``): workers race.
    TRANSITIONS = {
        (JobState.QUEUED, JobState.RUNNING),  # an attempt starts
        (JobState.RUNNING, JobState.RUNNING),  # a new attempt of a job whose worker stopped giving signs of life
        (JobState.RUNNING, JobState.DONE),
        (JobState.RUNNING, JobState.FAILED),
        (JobState.FAILED, JobState.QUEUED),  # generated again
    }
    AUDIT_NAME = "report"

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
            models.UniqueConstraint(
                fields=["request_key"],
                condition=Q(state__in=[JobState.QUEUED, JobState.RUNNING]) & ~Q(request_key=""),
                name="reportjob_one_open_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class ReportPart(models.Model):
    """One part of a long document (a unit's rows), rendered by a task of its own on any worker; its PDF waits in
    the shared storage until the final task merges the parts in order."""

    job = models.ForeignKey(ReportJob, on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField(_("order"))
    done = models.BooleanField(_("rendered"), default=False)
    file = models.CharField(_("file"), max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    # The digital signature put on the file (reports.signing): signer, time, certificate's fingerprint.
    signature = models.JSONField(_("digital signature"), default=dict, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["job", "index"]
        verbose_name = _("document part")
        verbose_name_plural = _("document parts")
        constraints = [models.UniqueConstraint(fields=["job", "index"], name="reportpart_once_per_index")]

    def __str__(self):
        return f"{self.job_id}/{self.index}"


class DataEntrySnapshotQuerySet(ScopedQuerySet):
    # A unit's officer sees their unit's rows; the secretariat, council members and the statistics officer (the
    # secretariat's rule by default) their province's.
    scope = Scope(officer="unit", secretariat="unit__province", council_member="unit__province")


class DataEntrySnapshot(models.Model):
    """How complete a unit's data in the software was at the end of a period (plan II.2.3: the statistics
    department follows the units' data entry and reports the result periodically). One row per unit and period
    (the month's first day), written by ``reports.monitoring.snapshot_take``; ``completeness`` is the mean of the
    parts that apply, in per cent."""

    year_plan = models.ForeignKey(YearPlan, on_delete=models.PROTECT, related_name="+", verbose_name=_("year plan"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    period = models.DateField(_("period"), help_text=_("The first day of the month the snapshot is for."))
    staff_active = models.PositiveIntegerField(_("active staff"), default=0)
    staff_complete = models.PositiveIntegerField(_("complete staff records"), default=0)
    awards_entered = models.PositiveIntegerField(_("award records entered"), default=0)
    registered = models.BooleanField(_("registration submitted"), default=False)
    pledged = models.BooleanField(_("pledge recorded"), default=False)
    exemplary = models.PositiveIntegerField(_("exemplary individuals named"), default=0)
    movements = models.PositiveIntegerField(_("movements to report on"), default=0)
    reports_submitted = models.PositiveIntegerField(_("movement reports submitted"), default=0)
    completeness = models.DecimalField(_("completeness (%)"), max_digits=4, decimal_places=1, default=0)
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )

    objects = DataEntrySnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["period", "unit"]
        verbose_name = _("data entry snapshot")
        verbose_name_plural = _("data entry snapshots")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="dataentrysnapshot_once_per_unit_period"),
            models.CheckConstraint(
                condition=Q(completeness__gte=0) & Q(completeness__lte=100), name="dataentrysnapshot_percent_range"
            ),
            models.CheckConstraint(
                condition=Q(staff_complete__lte=models.F("staff_active")), name="dataentrysnapshot_staff_le_active"
            ),
            models.CheckConstraint(
                condition=Q(reports_submitted__lte=models.F("movements")),
                name="dataentrysnapshot_reports_le_movements",
            ),
        ]
        indexes = [models.Index(fields=["year_plan", "period"], name="dataentrysnapshot_plan_period")]

    def __str__(self):
        return f"{self.unit_id} {self.period:%m/%Y}"
