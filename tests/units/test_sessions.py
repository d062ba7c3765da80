"""Sessions live in the database (issue 11): the expired ones do not pile up."""


def test_expired_sessions_are_removed_every_night(db, settings):
    import datetime

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from units.tasks import clear_expired_sessions

    assert settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]["task"] == "units.clear_expired_sessions"
    live, old = SessionStore(), SessionStore()
    live.create()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(expire_date=timezone.now() - datetime.timedelta(days=1))
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
