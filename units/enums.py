from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Unit officer")
    SECRETARIAT = "secretariat", _("Council secretariat")
    COUNCIL_MEMBER = "council_member", _("Council member")
    # The statistics and IT department's officer who follows the units' data entry (plan II.2.3): reads the
    # whole province, writes nothing but the monitoring notices.
    STATISTICS = "statistics", _("Statistics officer")
    ADMIN = "admin", _("Administrator")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportKind(models.TextChoices):
    STAFF_ROSTER = "staff_roster", _("Staff roster")
    PAST_AWARDS = "past_awards", _("Past award decisions")


class ImportState(models.TextChoices):
    CHECKED = "checked", _("Checked, not imported")
    APPLIED = "applied", _("Imported")


class ArticleKind(models.TextChoices):
    """What a unit's leaders and staff write (plan II.2.7: "các tin, bài nghiên cứu pháp luật")."""

    NEWS = "news", _("News item")
    ARTICLE = "article", _("Article")
    RESEARCH = "research", _("Legal research article")


class ArticleOutlet(models.TextChoices):
    SECTOR_WEBSITE = "sector_website", _("The sector's web site")
    JOURNAL = "journal", _("A journal")
    PROVINCIAL_PRESS = "provincial_press", _("The provincial press")
    OTHER = "other", _("Other")
