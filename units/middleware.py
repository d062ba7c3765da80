import time

from django.conf import settings
from django.utils import translation


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language in the menu (the language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, and many browsers in offices are set to
    English; the interface must still open in Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """Content-Security-Policy: scripts, styles and everything else from this site only; no inline scripts, no
    framing, no plugins. The templates carry no inline script or style so that this holds."""

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class IdleSessionMiddleware:
    """Ends a session after ``SESSION_COOKIE_AGE`` without a request, writing the session at most once a minute.

    ``SESSION_SAVE_EVERY_REQUEST`` would write the session row on every request; at the deadline rush that is one
    database write per page for nothing. Touching the session once a minute keeps the idle timeout to within a
    minute of 30.
    """

    TOUCH_EVERY = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After URL resolution, so that a view marked ``without_session`` (the health page) never loads it.
        if not getattr(view_func, "uses_session", True):
            return None
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get("_touched", 0) >= self.TOUCH_EVERY:
                session["_touched"] = now  # marks the session modified: saved with a fresh expiry
        return None


def without_session(view):
    """Marks a view that must answer without loading the session (the health page: the session store, the cache
    or the database, may be the thing that is down). Every other middleware here reads the session lazily."""
    view.uses_session = False
    return view
