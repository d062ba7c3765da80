import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def mark_session_touched(sender, request, user, **kwargs):
    """A fresh login counts as activity (see ``IdleSessionMiddleware``)."""
    if request is not None and hasattr(request, "session"):
        request.session["_touched"] = int(time.time())
