from django.db import models
from django.utils.translation import gettext_lazy as _


class Launcher(models.TextChoices):
    """Who launched an emulation movement (plan, section II.1)."""

    SUPREME_PROCURACY = "supreme_procuracy", _("Supreme People's Procuracy")
    PROVINCE = "province", _("Provincial procuracy")
    LOCAL_AUTHORITY = "local_authority", _("Local authorities")
    UNION = "union", _("Unions and mass organisations")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular, yearly")
    PERIODIC = "periodic", _("Periodic or short-term")
    THEMATIC = "thematic", _("Thematic")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


class AutoSource(models.TextChoices):
    """Criteria the system fills from its own records (plan II.2.3, II.2.6, III.2, III.3)."""

    NONE = "", _("Scored by the unit")
    REGISTRATION_ON_TIME = "registration_on_time", _("Registration submitted on time")
    PLEDGE_SIGNED = "pledge_signed", _("Emulation pledge signed")
    EXEMPLARY_NAMED = "exemplary_named", _("At least one exemplary individual named")
    MOVEMENT_REPORTS = "movement_reports", _("Movement reports submitted on time")
    STAFF_RECORDS = "staff_records", _("Share of staff records complete")


class ScoreState(models.TextChoices):
    DRAFT = "draft", _("Being scored by the unit")
    SELF_SCORED = "self_scored", _("Self-scored, with the cluster head")
    CLUSTER_REVIEWED = "cluster_reviewed", _("Reviewed by the cluster head, with the secretariat")
    APPROVED = "approved", _("Approved by the secretariat")
