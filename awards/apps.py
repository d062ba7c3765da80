from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Titles and awards")

    def ready(self):
        from awards import receivers

        receivers.connect()
