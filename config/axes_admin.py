"""django-axes in the admin in the application's words: its models' ``__str__`` (the change page's title, the
changelist's checkbox labels, the history) and its lists (the user, the IP address and the time first).

``config.apps.AxesConfig.ready()`` puts the texts in place and registers the admins below in place of axes' own."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _when(value) -> str:
    """ "14:00 01/12/2026", in the project's time zone."""
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else "—"


def access_log_text(log: AccessLog) -> str:
    """ "Lần đăng nhập của admin lúc 21:00 01/12/2026" for axes' "Access Log for admin @ 2026-12-01 14:00:…"."""
    return gettext("Sign-in of %(user)s at %(time)s") % {"user": log.username or "—", "time": _when(log.attempt_time)}


def access_failure_text(failure: AccessFailureLog) -> str:
    """ "Đăng nhập sai của admin lúc 21:00 01/12/2026 từ địa chỉ 127.0.0.1" (", bị khóa" when it locked out)."""
    values = {"user": failure.username or "—", "time": _when(failure.attempt_time), "ip": failure.ip_address or "—"}
    if failure.locked_out:
        return gettext("Failed sign-in of %(user)s at %(time)s from %(ip)s, locked out") % values
    return gettext("Failed sign-in of %(user)s at %(time)s from %(ip)s") % values


def access_attempt_text(attempt: AccessAttempt) -> str:
    """ "Lần thử đăng nhập sai của admin lúc 21:00 01/12/2026" for axes' "Attempted Access: 2026-12-01 …"."""
    values = {"user": attempt.username or "—", "time": _when(attempt.attempt_time)}
    return gettext("Failed sign-in attempt of %(user)s at %(time)s") % values


class VietnameseAccessAttemptAdmin(AccessAttemptAdmin):
    list_display = ["username", "ip_address", "attempt_time", "failures_since_start", "status", "path_info"]

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        """axes' action, whose message is an f-string (never translated)."""
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, gettext("Expired sign-in attempts cleaned up: %(count)s.") % {"count": count})


class VietnameseAccessLogAdmin(AccessLogAdmin):
    list_display = ("username", "ip_address", "attempt_time", "logout_time", "path_info")


class VietnameseAccessFailureLogAdmin(AccessFailureLogAdmin):
    list_display = ("username", "ip_address", "attempt_time", "locked_out", "path_info")


def install():
    """The texts as the models' ``__str__`` and the admins above in place of axes' own (from ``ready()``)."""
    AccessLog.__str__ = access_log_text
    AccessFailureLog.__str__ = access_failure_text
    AccessAttempt.__str__ = access_attempt_text
    for model, model_admin in (
        (AccessAttempt, VietnameseAccessAttemptAdmin),
        (AccessLog, VietnameseAccessLogAdmin),
        (AccessFailureLog, VietnameseAccessFailureLogAdmin),
    ):
        if admin.site.is_registered(model):  # AXES_ENABLE_ADMIN: axes registers its admins only then
            admin.site.unregister(model)
            admin.site.register(model, model_admin)
