from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo province and the national-size data set, built through every app's services: the top layer, so
    that no app below knows about demo data."""

    name = "demo"
    verbose_name = _("Demo data")
