"""The menu of every page: the user's role and the year plan its links open."""

from django.utils.functional import SimpleLazyObject

from movements.selectors import landing_plan_id
from units.enums import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def plan_id():
        return landing_plan_id(user)

    return {
        "nav_role": Role.ADMIN if user.is_admin else user.role,
        "nav_is_secretariat": user.is_secretariat,
        # Lazy: pages that do not show the menu's plan links do not pay the query.
        "nav_plan": SimpleLazyObject(plan_id),
    }
