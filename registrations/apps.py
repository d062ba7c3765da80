from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Title registrations")

    def ready(self):
        # Imported here, once the models are loaded: the module reads them.
        from registrations.enums import AUDIT_ACTIONS  # in ready(): the app registry is loaded
        from registrations.scoring import register_scoring_source  # in ready(): the app registry is loaded
        from units.audit_actions import register  # in ready(): the app registry is loaded

        register_scoring_source()
        register(AUDIT_ACTIONS)
