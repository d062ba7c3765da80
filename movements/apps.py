from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = _("Emulation plans and movements")

    def ready(self):
        from movements.enums import AUDIT_ACTIONS  # in ready(): the app registry is loaded
        from units.audit_actions import register  # in ready(): the app registry is loaded

        register(AUDIT_ACTIONS)

        from movements.receivers import connect  # in ready(): the models are loaded

        connect()
