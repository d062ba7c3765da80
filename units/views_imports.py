"""Excel imports: the template to fill in, the upload, the check report and the confirmation.

The check writes nothing but the import batch; the staff records or the award history change only when the user
confirms a batch without problems. What each kind writes is registered by its own app (``units.import_kinds``: the
roster in ``units.imports``, past awards in ``awards.imports``), so these pages do not know the apps above."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from units.attachments import attachments_of
from units.enums import ImportKind, Role
from units.forms import StaffImportForm
from units.import_kinds import kind_spec
from units.imports import roster_check
from units.models import ImportBatch, Unit
from units.permissions import RoleRequiredMixin, has_role
from units.spreadsheet import template_bytes
from units.views_mixins import run_service
from units.xlsx import xlsx_response


class ImportTemplateView(RoleRequiredMixin, View):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def get(self, request, kind):
        spec = kind_spec(kind)
        if not has_role(request.user, *spec.roles):
            raise Http404
        return xlsx_response(spec.filename, template_bytes(spec.sheet, spec.columns, spec.notes))


class StaffImportView(RoleRequiredMixin, FormView):
    """Upload a unit's roster: officers for their own unit, the secretariat for any unit of the province."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    form_class = StaffImportForm
    template_name = "units/import_upload.html"

    def get_form_kwargs(self):
        units = Unit.objects.for_user(self.request.user).active().order_by("display_order", "sort_key")
        return {**super().get_form_kwargs(), "units": units}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Import the staff roster from Excel"),
            "template_url": reverse("units:import_template", kwargs={"kind": ImportKind.STAFF_ROSTER}),
            "recent": ImportBatch.objects.for_user(self.request.user)
            .filter(kind=ImportKind.STAFF_ROSTER)
            .select_related("unit", "created_by")[:10],
        }

    def form_valid(self, form):
        batch = roster_check(unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"], actor=self.request.user)
        return redirect("units:import_detail", pk=batch.pk)


class ImportDetailView(RoleRequiredMixin, TemplateView):
    """The check report of an uploaded file; confirming imports every row in one transaction."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    template_name = "units/import_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.batch = get_object_or_404(
                ImportBatch.objects.for_user(request.user).select_related("unit", "province", "created_by"),
                pk=kwargs["pk"],
            )
            self.spec = kind_spec(self.batch.kind)
            if not has_role(request.user, *self.spec.roles):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        batch = self.batch
        counts = {}
        for row in batch.rows:
            counts[row["action"]] = counts.get(row["action"], 0) + 1
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "counts": counts,
            "attachments": attachments_of(batch),
            "upload_url": reverse(self.spec.upload_url),
            "done_url": reverse(self.spec.done_url),
            # A failed confirmation keeps the people already chosen.
            "rows": [{**row, "chosen": self.request.POST.get(f"person_{row['line']}", "")} for row in batch.rows],
        }

    def post(self, request, *args, **kwargs):
        apply = lambda: self.spec.apply(batch=self.batch, actor=request.user, data=request.POST)  # noqa: E731
        if not run_service(request, apply, self.spec.result_text):
            return self.get(request, *args, **kwargs)  # the report again, with the people already chosen
        return redirect("units:import_detail", pk=self.batch.pk)
