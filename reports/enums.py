from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportKind(models.TextChoices):
    REGISTRATION_SUMMARY = "registration-summary", _("Summary of title registrations")
    COUNCIL_PACK = "council-pack", _("Council pack: proposals and eligibility")
    VOTE_MINUTES = "vote-minutes", _("Minutes of the council meeting and vote count")
    DECISION = "decision", _("Decision with its list")
    FORWARDING = "forwarding", _("Forwarding submission with its list")
    SCORING_RESULTS = "scoring-results", _("Results of the unit scoring")
    INSPECTION_RECORD = "inspection-record", _("Record of an inspection of emulation work")  # plan II.2.8, III.4
    DATA_ENTRY_NOTICE = "data-entry-notice", _("Notice on the units' data entry")  # plan II.2.3
    YEAR_REVIEW = "year-review", _("Year-end review of emulation and commendation work")  # plan II.2.8
    INTERIM_REVIEW = "interim-review", _("Six-month review of emulation and commendation work")
    STATISTICS = "statistics", _("Statistical report on emulation and commendation")  # TT 02/2023/TT-BNV
    CERTIFICATES = "certificates", _("Certificates of a decision")
    CONSULTATION_RECORD = "consultation-record", _("Record of the public consultation")  # domain-rules §3.3


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# The audit log's actions of this app and their words in a history (registered in ``units.audit_actions``).
AUDIT_ACTIONS = {
    "report.request": pgettext_lazy("audit action", "asked for the document"),
    "report.retry": pgettext_lazy("audit action", "asked for the document again"),
    "report.queued": pgettext_lazy("audit action", "put the document in the queue"),
    "report.running": pgettext_lazy("audit action", "began generating the document"),
    "report.done": pgettext_lazy("audit action", "finished the document"),
    "report.failed": pgettext_lazy("audit action", "recorded that the document failed"),
    "data_entry.snapshot": pgettext_lazy("audit action", "took the snapshot of the units' data entry"),
    "data_entry.notice": pgettext_lazy("audit action", "sent the notice on the units' data entry"),
}
