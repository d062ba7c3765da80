"""AppConfigs that name third-party apps in the application's words (the admin shows an app's ``verbose_name``)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes (sign-in lockouts) under a Vietnamese name; its models' names come from the catalogue."""

    verbose_name = _("Sign-in protection")

    def ready(self):
        super().ready()
        # axes' models print English ("Access Log for admin @ 2026-12-01 14:00:33.009407+00:00") as their __str__,
        # which the admin shows as page titles and checkbox labels: config.axes_admin replaces those texts and
        # registers axes' admins again with the user, the address and the time first. The admin has imported
        # axes.admin already (its autodiscover runs in django.contrib.admin's ready(), listed first).
        from config import axes_admin  # in ready(): imports the models

        axes_admin.install()
