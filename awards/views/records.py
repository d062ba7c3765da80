from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from awards.forms import ConductRecordForm, InitiativeForm
from awards.models import ConductRecord, Initiative
from awards.selectors import conduct_list, initiative_list
from awards.services import (
    CONDUCT_FIELDS,
    INITIATIVE_FIELDS,
    conduct_record_create,
    conduct_record_delete,
    conduct_record_update,
    initiative_create,
    initiative_update,
)
from units.attachments import attachments_by_owner, attachments_of
from units.enums import Role
from units.models import Staff, Unit
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, UnitMemberMixin
from units.views_mixins import ServiceFormMixin, int_or_none


class InitiativeListView(RoleRequiredMixin, PagerMixin, ListView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/initiative_list.html"
    context_object_name = "initiatives"
    paginate_by = 30

    def get_queryset(self):
        self.query = (self.request.GET.get("q") or "").strip()[:100]
        self.year = int_or_none(self.request.GET.get("year"))
        return initiative_list(self.request.user, query=self.query, year=self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(query=self.query, year=self.year or "", query_string=params.urlencode())
        return context


class InitiativeFormView(UnitMemberMixin, ServiceFormMixin, FormView):
    form_class = InitiativeForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.initiative = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.initiative = get_object_or_404(Initiative.objects.for_user(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def unit(self):
        if self.initiative:
            return self.initiative.unit
        return self.request.user.unit if self.request.user.is_officer else None

    def get_form_kwargs(self):
        user = self.request.user
        authors = Staff.objects.for_user(user).filter(is_active=True).select_related("unit").roster_order()
        kwargs = {**super().get_form_kwargs(), "instance": self.initiative, "authors_queryset": authors}
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_officer and self.initiative is None:
            form.fields["unit"] = forms.ModelChoiceField(
                label=_("Unit"), queryset=Unit.objects.for_user(self.request.user).order_by("display_order")
            )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Edit the initiative") if self.initiative else _("Record an initiative"),
            page_intro=_("An initiative can support one award only (one initiative, one use)."),
            cancel_url=reverse("awards:initiative_list"),
            attachments=attachments_of(self.initiative) if self.initiative else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in INITIATIVE_FIELDS}
        authors, files = list(form.cleaned_data["authors"]), form.cleaned_data["files"]
        if self.initiative:
            initiative = initiative_update(
                initiative=self.initiative, actor=self.request.user, authors=authors, files=files, **data
            )
        else:
            unit = form.cleaned_data.get("unit") or self.unit()
            initiative = initiative_create(unit=unit, actor=self.request.user, authors=authors, files=files, **data)
        messages.success(self.request, _("The initiative was saved."))
        return redirect("awards:initiative_detail", pk=initiative.pk)


class InitiativeDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "awards/initiative_detail.html"

    def get_context_data(self, **kwargs):
        initiative = get_object_or_404(
            Initiative.objects.for_user(self.request.user).select_related("unit").prefetch_related("authors"),
            pk=self.kwargs["pk"],
        )
        return {
            **super().get_context_data(**kwargs),
            "initiative": initiative,
            "attachments": attachments_of(initiative),
        }


class ConductListView(UnitMemberMixin, PagerMixin, ListView):
    """Conduct and case-quality records the user may see (sensitive: never council members)."""

    template_name = "awards/conduct_list.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        self.year = int_or_none(self.request.GET.get("year"))
        self.staff = None
        if staff_id := int_or_none(self.request.GET.get("staff")):
            self.staff = get_object_or_404(Staff.objects.for_user(self.request.user), pk=staff_id)
        return conduct_list(self.request.user, year=self.year, staff=self.staff)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        files = attachments_by_owner(ConductRecord, [record.pk for record in context["records"]])
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            rows=[(record, files.get(record.pk, [])) for record in context["records"]],
            year=self.year or "",
            person=self.staff,
            query_string=params.urlencode(),
        )
        return context


class ConductFormView(UnitMemberMixin, ServiceFormMixin, FormView):
    form_class = ConductRecordForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.record = None
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.record = get_object_or_404(
                    ConductRecord.objects.for_user(request.user).select_related("staff"), pk=kwargs["pk"]
                )
                self.staff = self.record.staff
            else:
                self.staff = get_object_or_404(Staff.objects.for_user(request.user), pk=kwargs["staff"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.record}

    def back(self):
        return f"{reverse('awards:conduct_list')}?staff={self.staff.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Conduct record of %(name)s") % {"name": self.staff.full_name},
            page_intro=_(
                "Disciplinary measures, serious violations, cases annulled or suspended through the "
                "procuracy's fault, and long leave. Only the unit, the secretariat and administrators see "
                "these records; every change is logged."
            ),
            cancel_url=self.back(),
            attachments=attachments_of(self.record) if self.record else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in CONDUCT_FIELDS}
        if self.record:
            conduct_record_update(record=self.record, actor=self.request.user, files=form.cleaned_data["files"], **data)
        else:
            conduct_record_create(staff=self.staff, actor=self.request.user, files=form.cleaned_data["files"], **data)
        messages.success(self.request, _("The record was saved."))
        return redirect(self.back())


class ConductDeleteView(UnitMemberMixin, TemplateView):
    template_name = "confirm_delete.html"

    def get_record(self):
        return get_object_or_404(
            ConductRecord.objects.for_user(self.request.user).select_related("staff"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        record = self.get_record()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Delete a conduct record"),
            "question": _("Delete “%(record)s”? The deletion is logged.") % {"record": record},
            "cancel_url": f"{reverse('awards:conduct_list')}?staff={record.staff_id}",
        }

    def post(self, request, pk):
        record = self.get_record()
        staff_id = record.staff_id
        conduct_record_delete(record=record, actor=request.user)
        messages.success(request, _("The record was deleted."))
        return redirect(f"{reverse('awards:conduct_list')}?staff={staff_id}")
