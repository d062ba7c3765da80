from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Titles and awards")

    def ready(self):
        from awards import receivers  # in ready(): the app registry is loaded
        from awards.enums import AUDIT_ACTIONS  # in ready(): the app registry is loaded
        from awards.imports import PAST_AWARDS_KIND  # in ready(): the app registry is loaded
        from awards.scoring import register_scoring_source  # in ready(): the app registry is loaded
        from units.audit_actions import register as register_actions  # in ready(): the app registry is loaded
        from units.import_kinds import register  # in ready(): the app registry is loaded

        receivers.connect()
        register(PAST_AWARDS_KIND)
        register_actions(AUDIT_ACTIONS)
        register_scoring_source()
