from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Title registrations")

    def ready(self):
        # Imported here, once the models are loaded: the module reads them.
        from registrations.scoring import register_scoring_source  # in ready(): the app registry is loaded

        register_scoring_source()
