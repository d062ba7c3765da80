from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView

from registrations.selectors import landing_plan
from units.enums import Role
from units.forms import StaffSearchForm
from units.permissions import RoleRequiredMixin
from units.selectors import staff_list


class HomeView(LoginRequiredMixin, TemplateView):
    """Send each role to where its work starts: officers to their unit's registration, the secretariat and council
    to the province overview of the newest plan."""

    template_name = "units/home.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        plan = landing_plan(user)
        if plan is not None:
            if user.is_officer:
                return redirect("registrations:sheet", plan=plan.pk, unit=user.unit_id)
            if user.is_secretariat or user.is_council_member:
                return redirect("registrations:overview", plan=plan.pk)
        return super().get(request, *args, **kwargs)


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
