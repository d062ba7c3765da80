from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView, View

from units.attachments import attachment_visible
from units.enums import OutboxState, Role
from units.forms import StaffSearchForm
from units.health import health_report
from units.middleware import without_session
from units.models import Attachment, OutboxMessage, Unit
from units.outbox import outbox_resend
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.selectors import staff_list


@never_cache
@require_safe
@without_session
def health(request):
    """``/healthz`` for the province's monitoring: 200 when every check passes, else 503; JSON, no login.

    It names no person or unit and gives no error text (that goes to the log), so it can be public."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


class StaffListView(RoleRequiredMixin, ListView):
    """Staff the user may see, in Vietnamese roster order, with accent-free search."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    template_name = "units/staff_list.html"
    context_object_name = "staff"
    paginate_by = 50

    def get_queryset(self):
        self.search_form = StaffSearchForm(self.request.GET or None)
        query = self.search_form.cleaned_data["q"] if self.search_form.is_valid() else ""
        return staff_list(user=self.request.user, query=query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = self.search_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class OutboxResendView(SecretariatRequiredMixin, View):
    """Put a failed e-mail of the secretariat's province back in the queue."""

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage.objects.filter(unit__in=Unit.objects.for_user(request.user)), pk=pk)
        if message.state != OutboxState.FAILED:
            messages.error(request, _("Only a failed e-mail can be sent again."))
        else:
            outbox_resend(message, actor=request.user)
            messages.success(request, _("The e-mail was queued again."))
        return redirect(url_has_allowed_host_and_scheme_or(request, "home"))


def url_has_allowed_host_and_scheme_or(request, fallback: str) -> str:
    """The ``next`` parameter if it is a safe local URL, else the named fallback."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback)


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Files are never served by the web server: only here, after the owner's access rule says yes."""

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
        if not attachment_visible(attachment, request.user):
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.mime_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
