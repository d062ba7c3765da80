"""The bell in the menu: the signed-in user's unread notifications (one query; none for anonymous users)."""

from units.notifications import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": unread_count(user)}
