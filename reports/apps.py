from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and documents")

    def ready(self):
        from awards.dossiers import register_provider  # in ready(): the app registry is loaded
        from reports.dossier_sources import generated_documents  # in ready(): the app registry is loaded
        from reports.enums import AUDIT_ACTIONS  # in ready(): the app registry is loaded
        from units.audit_actions import register  # in ready(): the app registry is loaded

        register(AUDIT_ACTIONS)
        register_provider(generated_documents)
