from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    REGISTRATION_SUMMARY = "registration-summary", _("Summary of title registrations")
    COUNCIL_PACK = "council-pack", _("Council pack: proposals and eligibility")
    VOTE_MINUTES = "vote-minutes", _("Minutes of the council meeting and vote count")
    DECISION = "decision", _("Decision with its list")
    FORWARDING = "forwarding", _("Forwarding submission with its list")
    SCORING_RESULTS = "scoring-results", _("Results of the unit scoring")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
