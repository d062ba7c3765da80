from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class ConferringLevel(models.TextChoices):
    """Who confers a title (domain-rules §3.1)."""

    PROVINCIAL_HEAD = "provincial_head", _("Head of the provincial procuracy")
    SUPREME_PROCURACY = "supreme_procuracy", _("Prosecutor General of the Supreme People's Procuracy")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    STATE_PRESIDENT = "state_president", _("State President")
