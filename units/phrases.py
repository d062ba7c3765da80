"""Sentences kept as their English source and their values, said in the language of whoever reads them.

A text built now and read later (an eligibility explanation stored in a verdict) cannot be translated once and
kept: a reader under English would see the Vietnamese of the day it was built. ``Phrase`` keeps the msgid and the
values instead, ``as_data()`` stores them as JSON, and ``say(data)`` translates them when a page, a spreadsheet or a
message shows them, in the active language. A value may itself be a ``Phrase`` (or a ``Joined`` list of them), so a
sentence is composed of translated parts; names, numbers and dates are plain values.

Mark the msgid for the catalogue where it is written: ``Phrase(N_("Has “%(title)s” in %(years)s."), …)`` with
``from django.utils.translation import gettext_noop as N_``, so ``makemessages`` finds it.
"""

from django.conf import settings
from django.utils import translation


class Phrase:
    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, **params):
        self.msgid = str(msgid)
        self.params = params

    @classmethod
    def label(cls, lazy) -> "Phrase":
        """A lazily translated label (a choice's), kept as its English source."""
        with translation.override(None):
            return cls(str(lazy))

    def render(self) -> str:
        text = translation.gettext(self.msgid)
        if not self.params:
            return text
        return text % {name: _render(value) for name, value in self.params.items()}

    def as_data(self) -> dict:
        return {"msgid": self.msgid, "params": {name: _data(value) for name, value in self.params.items()}}

    def __str__(self) -> str:
        return self.render()

    def __eq__(self, other) -> bool:
        return isinstance(other, Phrase) and self.as_data() == other.as_data()

    def __repr__(self) -> str:
        return f"Phrase({self.msgid!r}, **{self.params!r})"


class Joined:
    """Parts said one after the other with ``separator`` between them ("; ", ", ")."""

    __slots__ = ("items", "separator")

    def __init__(self, items, separator: str = ", "):
        self.items = list(items)
        self.separator = separator

    def render(self) -> str:
        return self.separator.join(_render(item) for item in self.items)

    def as_data(self) -> dict:
        return {"join": self.separator, "items": [_data(item) for item in self.items]}

    def __str__(self) -> str:
        return self.render()


def _render(value) -> str:
    if isinstance(value, Phrase | Joined):
        return value.render()
    return "" if value is None else str(value)


def _data(value):
    if isinstance(value, Phrase | Joined):
        return value.as_data()
    if isinstance(value, int | str) or value is None:
        return value
    return str(value)


def from_data(data):
    """The ``Phrase``/``Joined``/plain value that ``as_data()`` stored."""
    if isinstance(data, dict):
        if "join" in data:
            return Joined((from_data(item) for item in data["items"]), data["join"])
        return Phrase(data["msgid"], **{name: from_data(value) for name, value in data.get("params", {}).items()})
    return data


def say(data) -> str:
    """Stored data (``as_data()``) said in the active language."""
    return _render(from_data(data))


def in_site_language(value) -> str:
    """A phrase as the installation's own language says it (what is stored beside it as plain text)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _render(value)
