"""What every view that calls a service shares: a service's ``ValidationError`` becomes the form's errors (form
views) or an error message (one-button actions), once, here; and reading ids from query strings and POST data."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


class ServiceFormMixin:
    """For a ``FormView`` whose valid form is handed to a service. Write ``form_done(form)``: call the service and
    return the response. A ``ValidationError`` it raises is added to the form (per field when the error says
    which) and the form is shown again; nothing was written, since the service runs in its own transaction."""

    def form_done(self, form):  # pragma: no cover - every subclass writes it
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.form_done(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


def run_service(request, call: Callable, success: str | Callable = "") -> bool:
    """Call ``call()`` (a service). On a ``ValidationError`` show its messages and return False; otherwise show
    ``success`` (a text, or a function of the service's result) and return True."""
    try:
        result = call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return True


def int_or_none(value) -> int | None:
    """An id from a query string or a form field; None for anything that is not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def ints(values) -> list[int]:
    """The whole numbers among ``values`` (``request.POST.getlist("line")``), anything else dropped."""
    return [number for number in (int_or_none(v) for v in values) if number is not None]
