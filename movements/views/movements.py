"""Emulation movements: the list, the form (secretariat) and a movement's page with its participants' reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from movements.forms import MovementForm
from movements.models import Movement, MovementReport
from movements.selectors import movement_participants, movements_for
from movements.services import MOVEMENT_FIELDS, movement_create, movement_update
from movements.unit_forms import MovementUnitFilterForm
from movements.unit_selectors import movement_plan, movement_results
from units.attachments import attachments_by_owner, attachments_of
from units.enums import Role
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin


class MovementListView(RoleRequiredMixin, PagerMixin, ListView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/movement_list.html"
    context_object_name = "movements"
    paginate_by = 30

    def get_queryset(self):
        user = self.request.user
        # The province sees every unit's own movements too, and may narrow the list to one unit's.
        self.filter_form = MovementUnitFilterForm(self.request.GET or None, province_id=user.province_id)
        movements = movements_for(user).select_related("unit")
        if not user.is_officer and self.filter_form.is_valid() and self.filter_form.cleaned_data["unit"]:
            movements = movements.filter(unit=self.filter_form.cleaned_data["unit"])
        return movements.order_by("-start_date", "name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class MovementFormView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = MovementForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.movement = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.movement = get_object_or_404(
                Movement.objects.for_user(request.user).filter(unit__isnull=True), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        province = self.movement.province if self.movement else self.request.user.province
        return {**super().get_form_kwargs(), "instance": self.movement, "province": province}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Edit the movement") if self.movement else _("Launch an emulation movement"),
            cancel_url=reverse("movements:movement_list"),
            attachments=attachments_of(self.movement) if self.movement else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in MOVEMENT_FIELDS}
        units, files, user = form.cleaned_data["units"], form.cleaned_data["files"], self.request.user
        if self.movement:
            movement = movement_update(movement=self.movement, actor=user, units=units, files=files, **data)
        else:
            if user.province is None:
                raise ValidationError(_("Your account belongs to no provincial procuracy."))
            movement = movement_create(province=user.province, actor=user, units=units, files=files, **data)
        messages.success(self.request, _("The movement was saved."))
        return redirect("movements:movement_detail", pk=movement.pk)


class MovementDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/movement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movement = get_object_or_404(
            Movement.objects.for_user(self.request.user).select_related("province", "unit"), pk=self.kwargs["pk"]
        )
        context.update(movement=movement, attachments=attachments_of(movement))
        if movement.unit_id:  # a unit's own movement: its people's results
            results = movement_results(movement)
            plan = movement_plan(movement)
            context.update(
                results=results,
                outstanding=[row for row in results if row.outstanding],
                proposal_plan=plan,
                own=self.request.user.is_officer and movement.unit_id == self.request.user.unit_id,
            )
        elif self.request.user.is_officer:
            report = MovementReport.objects.filter(movement=movement, unit_id=self.request.user.unit_id).first()
            context.update(my_report=report, my_attachments=attachments_of(report) if report else [])
        else:
            rows = movement_participants(movement)
            files = attachments_by_owner(MovementReport, [row.report.pk for row in rows if row.report])
            context.update(rows=[(row, files.get(row.report.pk, []) if row.report else []) for row in rows])
        return context
