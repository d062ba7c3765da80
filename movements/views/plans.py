"""The year plans: the list and the form (secretariat), and the plan and unit a page of a plan works on."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from movements.forms import YearPlanForm
from movements.models import YearPlan
from movements.selectors import landing_plan_id, plan_for, plans_for_user, proposals_open, registration_open
from movements.services import PLAN_FIELDS, PLAN_PROVISIONS, year_plan_create, year_plan_update
from units.enums import Role
from units.models import Unit
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, SecretariatRequiredMixin
from units.views_mixins import ServiceFormMixin


class PlanMixin:
    """For pages under ``plans/<plan>/`` (and ``units/<unit>/``): the plan the user may see and a unit of its
    province in the user's scope, or 404."""

    def load_plan(self):
        self.plan = plan_for(self.request.user, self.kwargs["plan"])

    def load_unit(self):
        self.unit = get_object_or_404(
            Unit.objects.for_user(self.request.user).filter(province_id=self.plan.province_id), pk=self.kwargs["unit"]
        )


class YearPlanListView(RoleRequiredMixin, PagerMixin, ListView):
    """Every year of the province, newest first, with the links the user's role works with in each (issue 13:
    every year is reachable, not only the landing one)."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/plan_list.html"
    context_object_name = "plans"
    paginate_by = 30

    def get_queryset(self):
        return plans_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        for plan in context["plans"]:
            plan.registration_is_open = registration_open(plan, today)
            plan.proposals_are_open = proposals_open(plan, today)
        return {**context, "landing_plan_id": landing_plan_id(self.request.user)}


class YearPlanFormView(SecretariatRequiredMixin, ServiceFormMixin, FormView):
    form_class = YearPlanForm
    template_name = "movements/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = None
        if "plan" in kwargs and request.user.is_authenticated:
            self.plan = get_object_or_404(YearPlan.objects.for_user(request.user), pk=kwargs["plan"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.plan}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS + PLAN_PROVISIONS}
        user = self.request.user
        if self.plan is None:
            if user.province is None:
                raise ValidationError(_("Your account belongs to no provincial procuracy."))
            plan = year_plan_create(province=user.province, year=form.cleaned_data["year"], actor=user, **data)
        else:
            plan = year_plan_update(plan=YearPlan.objects.get(pk=self.plan.pk), actor=user, **data)
        messages.success(self.request, _("The plan for %(year)s was saved.") % {"year": plan.year})
        return redirect("movements:plan_list")
