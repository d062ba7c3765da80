from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


# Shown for a unit that has no registration row yet for the year.
NOT_STARTED = "not_started"
NOT_STARTED_LABEL = _("Not started")

# The value of the "not registering" choice in the registration form.
NOT_REGISTERING = "none"


# The audit log's actions of this app and their words in a history (registered in ``units.audit_actions``).
AUDIT_ACTIONS = {
    "registration.create": pgettext_lazy("audit action", "started the registration"),
    "registration.save": pgettext_lazy("audit action", "saved the registration as a draft"),
    "registration.submitted": pgettext_lazy("audit action", "submitted the registration"),
    "registration.returned": pgettext_lazy("audit action", "returned the registration"),
    "registration.supplementary": pgettext_lazy("audit action", "added a supplementary registration"),
    "registration.extend": pgettext_lazy("audit action", "extended the unit's registration deadline"),
    "registration.remind": pgettext_lazy("audit action", "sent a reminder of the registration deadline"),
}
