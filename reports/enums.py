from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    REGISTRATION_SUMMARY = "registration-summary", _("Summary of title registrations")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
