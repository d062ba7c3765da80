from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


# Shown for a unit that has no registration row yet for the year.
NOT_STARTED = "not_started"
NOT_STARTED_LABEL = _("Not started")

# The value of the "not registering" choice in the registration form.
NOT_REGISTERING = "none"
