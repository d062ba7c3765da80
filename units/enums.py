from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Unit officer")
    SECRETARIAT = "secretariat", _("Council secretariat")
    COUNCIL_MEMBER = "council_member", _("Council member")
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
