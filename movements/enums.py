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
