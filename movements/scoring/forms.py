"""The form behind a unit's score page: for each criterion, ``points_<criterion id>`` (a number, "9,5" or "9.5";
empty leaves it as it is) and ``text_<criterion id>`` (the evidence, or the reason for a change), and, while the
unit scores itself, its evidence files. The page draws the inputs itself (``movements/unit_score.html``)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units.attachments import AttachmentsField


class ScorePointsForm(forms.Form):
    def __init__(self, *args, criteria, with_files: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"points_{criterion.pk}"] = forms.CharField(required=False)
            self.fields[f"text_{criterion.pk}"] = forms.CharField(required=False, strip=False)  # the service cleans
        if with_files:
            self.fields["files"] = AttachmentsField()

    def clean(self):
        cleaned = super().clean()
        values = {}
        for criterion in self.criteria:
            raw = (cleaned.get(f"points_{criterion.pk}") or "").strip().replace(",", ".")
            if raw == "":
                continue
            try:
                points = Decimal(raw)
                if not points.is_finite():
                    raise InvalidOperation
            except InvalidOperation as error:
                raise ValidationError(
                    _("“%(criterion)s”: the points must be a number.") % {"criterion": criterion.name}
                ) from error
            values[criterion.pk] = (points, cleaned.get(f"text_{criterion.pk}") or "")
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

    def error_text(self) -> str:
        """Every error in one line, for the page's message."""
        return " ".join(message for errors in self.errors.values() for message in errors)
