"""The form behind a unit's score page: for each criterion, ``points_<criterion id>`` (a number, "8,5" or "8.5";
empty leaves it as it is) and ``text_<criterion id>`` (the evidence, or the reason for a change), and, while the
unit scores itself, its evidence files. The page draws the inputs itself (``movements/unit_score.html``) from
:meth:`ScorePointsForm.inputs`: what was typed stays in its field, each error next to the field it is about."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from units.attachments import AttachmentsField

# "8", "8,5", "8.5", "8,25": Vietnamese write a decimal comma, a point is accepted too (no thousands here).
POINTS = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def points_text(value) -> str:
    """Points as an officer writes them: "8,5", "10", "" for none."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


@dataclass
class RowInput:
    """What one criterion's inputs show: the value (typed, or the stored one) and the errors of each."""

    points: str
    text: str
    points_errors: list[str] = field(default_factory=list)
    text_errors: list[str] = field(default_factory=list)


class ScorePointsForm(forms.Form):
    def __init__(self, *args, criteria, with_files: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.with_files = with_files
        for criterion in self.criteria:
            self.fields[f"points_{criterion.pk}"] = forms.CharField(required=False)
            self.fields[f"text_{criterion.pk}"] = forms.CharField(required=False, strip=False)  # the service cleans
        if with_files:
            self.fields["files"] = AttachmentsField()

    def clean(self):
        cleaned = super().clean()
        values = {}
        for criterion in self.criteria:
            if criterion.auto_source:
                continue  # computed from the records, never typed
            name = f"points_{criterion.pk}"
            raw = (cleaned.get(name) or "").strip().replace(" ", "")
            if raw == "":
                continue
            if not POINTS.match(raw):
                self.add_error(name, _("Write a number, such as 8,5."))
                continue
            try:
                points = Decimal(raw.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                self.add_error(name, _("Write a number, such as 8,5."))
                continue
            if points < 0 or points > criterion.max_points:
                self.add_error(
                    name,
                    _("“%(criterion)s”: between 0 and %(max)s points.")
                    % {"criterion": criterion.name, "max": number_format(criterion.max_points)},
                )
                continue
            text = cleaned.get(f"text_{criterion.pk}") or ""
            if self.with_files and criterion.evidence_required and points > 0 and not text.strip():
                self.add_error(
                    f"text_{criterion.pk}", _("“%(criterion)s” needs its evidence.") % {"criterion": criterion.name}
                )
                continue
            values[criterion.pk] = (points, text)
        cleaned["values"] = values
        return cleaned

    @property
    def values(self) -> dict[int, tuple[Decimal, str]]:
        """Criterion id → (points, text), for the criteria given points; after ``is_valid()``."""
        return self.cleaned_data["values"]

    @property
    def uploads(self) -> list:
        """The evidence files sent, checked; after ``is_valid()``."""
        return self.cleaned_data.get("files") or []

    def inputs(self, rows, *, stored_points, stored_text) -> None:
        """Give each row its ``input``: what was typed when the form was sent (kept, with its errors), else the
        stored points (``stored_points(row)``) and text (``stored_text(row)``)."""
        errors = self.errors if self.is_bound else {}
        for row in rows:
            pk = row.criterion_id
            if self.is_bound:
                row.input = RowInput(
                    self.data.get(f"points_{pk}", ""),
                    self.data.get(f"text_{pk}", ""),
                    list(errors.get(f"points_{pk}", [])),
                    list(errors.get(f"text_{pk}", [])),
                )
            else:
                row.input = RowInput(points_text(stored_points(row)), stored_text(row))
