"""The yearly pledges (giao ước thi đua): the province's overview and a unit's pledge."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from movements.forms import PledgeForm
from movements.models import Pledge
from movements.selectors import pledge_overview
from movements.services import PLEDGE_FIELDS, pledge_save
from movements.views.plans import PlanMixin
from units.attachments import attachments_of
from units.enums import Role
from units.permissions import RoleRequiredMixin
from units.views_mixins import ServiceFormMixin


class PledgeOverviewView(PlanMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = (Role.SECRETARIAT, Role.COUNCIL_MEMBER)
    template_name = "movements/pledge_overview.html"

    def get_context_data(self, **kwargs):
        self.load_plan()
        rows = pledge_overview(self.plan)
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "rows": rows,
            "unsigned": [row.unit for row in rows if row.pledge is None],
        }


class PledgeView(PlanMixin, RoleRequiredMixin, ServiceFormMixin, FormView):
    """A unit's pledge for the year: its officer records it, the secretariat reads it."""

    allowed_roles = (Role.OFFICER, Role.SECRETARIAT)
    form_class = PledgeForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_plan()
            self.load_unit()
            self.pledge = Pledge.objects.filter(year_plan=self.plan, unit=self.unit).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.pledge}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Emulation pledge %(year)s – %(unit)s") % {"year": self.plan.year, "unit": self.unit.name},
            page_intro=_("Signed between the head of the unit and its trade union (plan, section III.3)."),
            attachments=attachments_of(self.pledge) if self.pledge else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in PLEDGE_FIELDS}
        pledge_save(
            year_plan=self.plan, unit=self.unit, actor=self.request.user, files=form.cleaned_data["files"], **data
        )
        messages.success(self.request, _("The pledge was saved."))
        return redirect("movements:pledge", plan=self.plan.pk, unit=self.unit.pk)
