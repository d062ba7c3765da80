"""The user's notifications: the list (the bell's page), opening one (read, then its page), all read at once.
Only the user's own rows: another user's id is 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from units.models import Notification
from units.notifications import mark_read, notifications_for


class NotificationListView(LoginRequiredMixin, TemplateView):
    template_name = "units/notifications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = notifications_for(self.request.user, page=self.request.GET.get("page"))
        context |= {"page_obj": page, "notifications": page.object_list, "query_string": ""}
        return context


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one notification read and go to its page (a local path; anything else goes back to the list)."""

    def post(self, request, pk):
        notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=pk)
        mark_read(request.user, [notification.pk])
        target = notification.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("units:notifications")


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        changed = mark_read(request.user)
        if changed:
            messages.success(request, _("All notifications are marked read."))
        return redirect("units:notifications")
