"""Exemplary individuals (điển hình tiên tiến): named by units, selected by the council."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from movements.forms import ExemplaryForm, ExemplarySelectForm
from movements.models import ExemplaryIndividual
from movements.selectors import exemplary_overview
from movements.services import exemplary_add, exemplary_remove, exemplary_select
from movements.views.plans import PlanMixin
from units.enums import Role
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin, run_service


class ExemplaryOverviewView(PlanMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/exemplary_overview.html"

    def get_context_data(self, **kwargs):
        self.load_plan()
        rows = exemplary_overview(self.plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "rows": rows,
            "units_without": [row.unit for row in rows if not row.examples],
        }


class ExemplaryUnitView(PlanMixin, RoleRequiredMixin, ServiceFormMixin, FormView):
    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    form_class = ExemplaryForm
    template_name = "movements/exemplary_unit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_plan()
            self.load_unit()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def get_context_data(self, **kwargs):
        examples = ExemplaryIndividual.objects.filter(year_plan=self.plan, unit=self.unit).select_related("staff")
        return {**super().get_context_data(**kwargs), "plan": self.plan, "unit": self.unit, "examples": examples}

    def form_done(self, form):
        exemplary_add(
            year_plan=self.plan,
            staff=form.cleaned_data["staff"],
            actor=self.request.user,
            account=form.cleaned_data["account"],
        )
        messages.success(self.request, _("The exemplary individual was named."))
        return redirect("movements:exemplary_unit", plan=self.plan.pk, unit=self.unit.pk)


class ExemplaryWithdrawView(RoleRequiredMixin, TemplateView):
    """Asks for confirmation, then withdraws a named example."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    template_name = "confirm_delete.html"

    def get_example(self):
        return get_object_or_404(
            ExemplaryIndividual.objects.for_user(self.request.user).select_related("staff", "unit"),
            pk=self.kwargs["pk"],
        )

    def back(self, example):
        return reverse("movements:exemplary_unit", kwargs={"plan": example.year_plan_id, "unit": example.unit_id})

    def get_context_data(self, **kwargs):
        example = self.get_example()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Withdraw an exemplary individual"),
            "question": _("Withdraw %(name)s from the exemplary individuals of %(year)s?")
            % {"name": example.staff.full_name, "year": example.year_plan.year},
            "cancel_url": self.back(example),
            "confirm_label": _("Yes, withdraw"),
        }

    def post(self, request, pk):
        example = self.get_example()
        back = self.back(example)
        run_service(request, lambda: exemplary_remove(example=example, actor=request.user), _("Withdrawn."))
        return redirect(back)


class ExemplarySelectView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        example = get_object_or_404(ExemplaryIndividual.objects.for_user(request.user), pk=pk)
        form = ExemplarySelectForm(request.POST)
        form.is_valid()
        exemplary_select(
            example=example,
            actor=request.user,
            for_province=form.cleaned_data.get("selected_for_province", False),
            for_supreme=form.cleaned_data.get("presented_to_supreme", False),
        )
        messages.success(request, _("The council's selection was recorded."))
        return redirect("movements:exemplary_overview", plan=example.year_plan_id)
