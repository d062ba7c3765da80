"""What every layer of the engine shares: a check's result, the way dates are written in it, and the one function
that says a check's explanation in the reader's language (``explanation``)."""

import datetime
from dataclasses import dataclass, field

from django.utils.text import capfirst

from units.phrases import Phrase, in_site_language, say


@dataclass
class Check:
    """One check's result. ``message`` is given as a ``Phrase`` (English msgid and values, translated when read) or,
    for a rule's own note, as plain text; it reads as the site's language says it (what overrides are compared
    with and documents print), and ``explanation(check)`` says it in the reader's."""

    code: str
    outcome: str
    message: str
    phrase: Phrase | None = field(default=None, compare=False)

    def __post_init__(self):
        if isinstance(self.message, Phrase):
            self.phrase = self.message
            self.message = capfirst(in_site_language(self.phrase))

    def as_dict(self):
        """Stored in ``Verdict.checks``: the site-language text and, for a phrase, its msgid and values."""
        data = {"code": self.code, "outcome": self.outcome, "message": self.message}
        if self.phrase is not None:
            data["phrase"] = self.phrase.as_data()
        return data


def explanation(check) -> str:
    """A check's explanation (a ``Check`` or a stored one) in the active language. Verdicts stored before phrases
    were kept carry only their Vietnamese text, which is what they say until they are judged again."""
    if isinstance(check, Check):
        return capfirst(check.phrase.render()) if check.phrase is not None else check.message
    if check.get("phrase"):
        return capfirst(say(check["phrase"]))
    return check.get("message", "")


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"
