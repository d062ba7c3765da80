"""The sign-in backend: Django's ``ModelBackend``, whose one query for the signed-in user of each request also
counts the user's unread notifications (a subquery), so the bell in the menu costs no query of its own."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from units.models import Notification, User


def with_unread_notifications(queryset):
    """The users with ``notifications_unread``: how many of their notifications are not read yet."""
    unread = (
        Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(notifications_unread=Coalesce(Subquery(unread), 0))


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = with_unread_notifications(User._default_manager.all()).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
