from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.views import HomeView, SignInView
from units.views import health

# The admin speaks as the application does (Django's own "Trang quản trị cho Django" names no agency).
admin.site.site_header = _("Emulation and commendation administration")
admin.site.site_title = _("Emulation and commendation administration")
admin.site.index_title = _("System administration")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", health, name="healthz"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("units.urls")),
    path("", include("movements.urls")),
    path("", include("registrations.urls")),
    path("", include("reports.urls")),
    path("", include("awards.urls")),
]
# Static files from the app server only with DEBUG (`make serve` under local settings); never in production.
urlpatterns += staticfiles_urlpatterns()
