"""The site's entry page: the top layer, since it sends each role into an app above units."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import F
from django.shortcuts import redirect
from django.views.generic import TemplateView

from movements.selectors import landing_plan_id
from units.enums import Role
from units.models import Unit


class HomeView(LoginRequiredMixin, TemplateView):
    """Send each role to where its work starts, in the plan whose work is open now (``landing_plan_id``: registration,
    else year-end proposals, else the current year): officers to their unit's registration, the secretariat and
    council to the province overview."""

    template_name = "units/home.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        plan = landing_plan_id(user)  # from the list of plans the menu caches
        if plan is not None:
            if user.is_officer:
                return redirect("registrations:sheet", plan=plan, unit=user.unit_id)
            if user.is_secretariat or user.is_council_member:
                return redirect("registrations:overview", plan=plan)
            if user.role == Role.STATISTICS:  # plan II.2.3: the units' data entry
                return redirect("reports:monitoring", plan=plan)
        return super().get(request, *args, **kwargs)


class SignInView(auth_views.LoginView):
    """The sign-in page names the agency: the provincial procuracies of the installation (from the data, so one
    installation serving two provinces names both)."""

    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        agencies = Unit.objects.filter(pk=F("province_id")).order_by("name").values_list("name", flat=True)
        return {**super().get_context_data(**kwargs), "agencies": list(agencies)}
