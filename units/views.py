from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import FormView, ListView, View

from units.attachments import attachment_visible
from units.enums import OutboxState, Role
from units.forms import STAFF_FIELDS, StaffFilterForm, StaffForm, StaffLeaveForm, StaffMoveForm, StaffSearchForm
from units.health import health_report
from units.middleware import without_session
from units.models import Attachment, OutboxMessage, Staff, Unit
from units.outbox import outbox_resend
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin, UnitMemberMixin
from units.selectors import province_units, staff_list, staff_list_version
from units.services import staff_create, staff_leave, staff_move, staff_return, staff_update
from units.views_mixins import ServiceFormMixin, run_service


@never_cache
@require_safe
@without_session
def health(request):
    """``/healthz`` for the province's monitoring: 200 when every check passes, else 503; JSON, no login.

    It names no person or unit and gives no error text (that goes to the log), so it can be public."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def _units_to_pick(user):
    """The active units a user may add people to: an officer's own, the secretariat's province, all for admins."""
    return Unit.objects.for_user(user).filter(is_active=True).order_by("display_order", "sort_key")


class StaffListView(RoleRequiredMixin, PagerMixin, ListView):
    """Staff the user may see, in Vietnamese roster order, with accent-free search (and a unit filter for the
    secretariat); each name links to the person's page, each row has the actions the user may take."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    template_name = "units/staff_list.html"
    context_object_name = "staff"
    paginate_by = 50

    def get_queryset(self):
        data = self.request.GET or None
        user = self.request.user
        if user.is_officer:
            self.search_form = StaffSearchForm(data)
        else:
            self.search_form = StaffFilterForm(data, units=_units_to_pick(user))
        valid = self.search_form.is_valid()
        query = self.search_form.cleaned_data["q"] if valid else ""
        unit = self.search_form.cleaned_data.get("unit") if valid else None
        return staff_list(user=user, query=query, unit_id=unit.pk if unit else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = self.search_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["may_return"] = self.request.user.is_secretariat
        context["staff_version"] = staff_list_version(self.request.user)
        return context


class StaffFormPageMixin(UnitMemberMixin, ServiceFormMixin):
    """The pages for one person: loaded through ``Staff.objects.for_user`` (404 outside the user's unit or
    province), the form handed to one service, back to the staff list."""

    template_name = "units/staff_form.html"
    staff = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and "pk" in kwargs:
            self.staff = get_object_or_404(Staff.objects.for_user(request.user).select_related("unit"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return reverse("units:staff_list")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.staff, "cancel_url": self.back()}

    def done(self, text):
        messages.success(self.request, text)
        return redirect(self.back())


class StaffCreateView(StaffFormPageMixin, FormView):
    form_class = StaffForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": _units_to_pick(self.request.user)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_title": _("Add a person")}

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        person = staff_create(unit=form.cleaned_data["unit"], actor=self.request.user, **data)
        return self.done(_("%(name)s was added to %(unit)s.") % {"name": person.full_name, "unit": person.unit.name})


class StaffUpdateView(StaffFormPageMixin, FormView):
    form_class = StaffForm

    def get_form_kwargs(self):
        # The form validates a copy: the service compares the stored values with the new ones.
        copy = Staff.objects.get(pk=self.staff.pk)
        return {**super().get_form_kwargs(), "instance": copy}

    def get_context_data(self, **kwargs):
        title = _("Edit %(name)s") % {"name": self.staff.full_name}
        return {**super().get_context_data(**kwargs), "page_title": title, "show_links": True}

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        staff_update(staff=self.staff, actor=self.request.user, **data)
        return self.done(_("The changes to %(name)s were saved.") % {"name": self.staff.full_name})


class StaffMoveView(StaffFormPageMixin, FormView):
    """Move a person to another unit of the same province (an officer: only a person of their own unit)."""

    form_class = StaffMoveForm

    def get_form_kwargs(self):
        units = province_units(self.staff.unit.province).exclude(pk=self.staff.unit_id)
        return {**super().get_form_kwargs(), "units": units}

    def get_context_data(self, **kwargs):
        title = _("Move %(name)s to another unit") % {"name": self.staff.full_name}
        intro = _(
            "%(name)s leaves %(unit)s and appears in the roster of the receiving unit, with the whole history."
        ) % {"name": self.staff.full_name, "unit": self.staff.unit.name}
        return {**super().get_context_data(**kwargs), "page_title": title, "page_intro": intro}

    def form_done(self, form):
        unit = form.cleaned_data["unit"]
        staff_move(staff=self.staff, unit=unit, actor=self.request.user)
        return self.done(_("%(name)s was moved to %(unit)s.") % {"name": self.staff.full_name, "unit": unit.name})


class StaffLeaveView(StaffFormPageMixin, FormView):
    """Mark that a person left the unit (retired, moved to another agency) on a date."""

    form_class = StaffLeaveForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staff": self.staff}

    def get_context_data(self, **kwargs):
        title = _("%(name)s leaves the unit") % {"name": self.staff.full_name}
        intro = _(
            "From this date the person is no longer on the roster of new registrations and proposals; past "
            "records keep them. A long leave is not leaving: record it as a conduct record of kind long leave."
        )
        return {**super().get_context_data(**kwargs), "page_title": title, "page_intro": intro}

    def form_done(self, form):
        staff_leave(staff=self.staff, left_on=form.cleaned_data["left_on"], actor=self.request.user)
        return self.done(
            _("%(name)s left the unit on %(date)s.")
            % {"name": self.staff.full_name, "date": form.cleaned_data["left_on"].strftime("%d/%m/%Y")}
        )


class StaffReturnView(SecretariatRequiredMixin, View):
    """The secretariat undoes a leaving marked by mistake."""

    def post(self, request, pk):
        staff = get_object_or_404(Staff.objects.for_user(request.user), pk=pk)
        run_service(
            request,
            lambda: staff_return(staff=staff, actor=request.user),
            _("%(name)s is on the roster again.") % {"name": staff.full_name},
        )
        return redirect(url_has_allowed_host_and_scheme_or(request, "units:staff_list"))


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
