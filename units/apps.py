from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Units and staff")

    def ready(self):
        from units import generations, signals  # noqa: F401 - connects the receivers

        generations.install()  # every connection's writes move the tables' generations
        from units.admin_words import use_vietnamese_boolean_icons  # in ready(): imports the admin's templatetags
        from units.import_kinds import register  # in ready(): the app registry is loaded
        from units.imports import ROSTER_KIND  # in ready(): the app registry is loaded

        register(ROSTER_KIND)
        use_vietnamese_boolean_icons()  # "Có"/"Không", not alt="True", under every yes/no icon of the admin
