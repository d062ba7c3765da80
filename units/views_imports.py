"""Excel imports: the template to fill in, the upload, the check report and the confirmation.

The check writes nothing but the import batch; the staff records or the award history change only when the user
confirms a batch without problems (``units.imports.roster_apply``, ``awards.imports.past_awards_apply``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from reports.xlsx import xlsx_response
from units.enums import ImportKind, Role
from units.forms import StaffImportForm
from units.imports import ROSTER_COLUMNS, ROSTER_NOTES, roster_apply, roster_check
from units.models import ImportBatch, Unit
from units.permissions import RoleRequiredMixin, has_role
from units.spreadsheet import template_bytes


def import_templates():
    from awards.imports import AWARD_COLUMNS, AWARD_NOTES

    return {
        ImportKind.STAFF_ROSTER: ("danh-sach-can-bo.xlsx", "Danh sách cán bộ", ROSTER_COLUMNS, ROSTER_NOTES),
        ImportKind.PAST_AWARDS: ("khen-thuong-da-co.xlsx", "Khen thưởng đã có", AWARD_COLUMNS, AWARD_NOTES),
    }


class ImportTemplateView(RoleRequiredMixin, View):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)

    def get(self, request, kind):
        templates = import_templates()
        if kind not in templates or (kind == ImportKind.PAST_AWARDS and not request.user.is_secretariat):
            raise Http404
        filename, title, columns, notes = templates[kind]
        return xlsx_response(filename, template_bytes(title, columns, notes))


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
            if self.batch.kind == ImportKind.PAST_AWARDS and not has_role(request.user, Role.SECRETARIAT):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from units.attachments import attachments_of

        batch = self.batch
        counts = {}
        for row in batch.rows:
            counts[row["action"]] = counts.get(row["action"], 0) + 1
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "counts": counts,
            "attachments": attachments_of(batch),
            "upload_url": reverse(
                "units:staff_import" if batch.kind == ImportKind.STAFF_ROSTER else "awards:award_import"
            ),
            "done_url": reverse("units:staff_list" if batch.kind == ImportKind.STAFF_ROSTER else "awards:history"),
            # A failed confirmation keeps the people already chosen.
            "rows": [{**row, "chosen": self.request.POST.get(f"person_{row['line']}", "")} for row in batch.rows],
        }

    def post(self, request, *args, **kwargs):
        try:
            if self.batch.kind == ImportKind.STAFF_ROSTER:
                batch = roster_apply(batch=self.batch, actor=request.user)
            else:
                from awards.imports import past_awards_apply

                choices = {
                    row["line"]: request.POST.get(f"person_{row['line']}", "")
                    for row in self.batch.rows
                    if row["action"] == "choose"
                }
                batch = past_awards_apply(batch=self.batch, actor=request.user, choices=choices)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.get(request, *args, **kwargs)
        messages.success(request, import_result_text(batch))
        return redirect("units:import_detail", pk=batch.pk)


def import_result_text(batch: ImportBatch) -> str:
    summary = batch.summary
    if batch.kind == ImportKind.STAFF_ROSTER:
        return _("Imported: %(create)s added, %(update)s updated, %(unchanged)s unchanged.") % {
            "create": summary.get("create", 0),
            "update": summary.get("update", 0),
            "unchanged": summary.get("unchanged", 0),
        }
    return _("Imported: %(create)s awards recorded, %(exists)s already recorded, %(skip)s rows skipped.") % {
        "create": summary.get("create", 0),
        "exists": summary.get("exists", 0),
        "skip": summary.get("skip", 0),
    }
