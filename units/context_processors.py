from units.enums import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_role": Role.ADMIN if user.is_admin else user.role,
        "nav_is_secretariat": user.is_secretariat,
    }
