"""The menu of every page: the user's role, the year plan its links open and the years it can switch to."""

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from movements.selectors import PlanYear, pick_landing, plan_years
from units.enums import Role


@dataclass
class NavYears:
    """The menu's plan (the page's own plan when its URL has one, else the landing plan) and the user's plans."""

    current: PlanYear | None
    plans: list[PlanYear]


def menu_years(request) -> NavYears:
    plans = plan_years(request.user)
    match = getattr(request, "resolver_match", None)
    page_plan = match.kwargs.get("plan") if match is not None else None
    current = next((plan for plan in plans if plan.pk == page_plan), None) or pick_landing(plans)
    return NavYears(current, plans)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that do not show the menu's plan links do not pay the query (one, cached a minute).
    years = SimpleLazyObject(lambda: menu_years(request))

    def plan_id():
        return years.current.pk if years.current else None

    def menu_key():
        """Everything the menu's links depend on: its cached fragment (base.html) is one per key and language."""
        plans = "-".join(f"{plan.pk}.{plan.year}" for plan in years.plans)
        return f"{user.pk}:{user.role}:{user.unit_id}:{user.is_staff}:{user.is_superuser}:{plan_id()}:{plans}"

    return {
        "nav_key": SimpleLazyObject(menu_key),
        "nav_role": Role.ADMIN if user.is_admin else user.role,
        "nav_is_secretariat": user.is_secretariat,
        "nav_plan": SimpleLazyObject(plan_id),
        "nav_years": years,
    }
