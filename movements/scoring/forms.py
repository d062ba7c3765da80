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
from django.utils.translation import gettext_lazy, pgettext_lazy

from movements.enums import AutoSource, SubjectKind
from movements.models import Title
from movements.scoring.services import BandRow, CriterionRow, GroupRow
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


# --- The sheet edited by the secretariat (``movements:scoring_sheet_edit``) -----------------------------------


class PointsField(forms.Field):
    """Points written the Vietnamese way ("8,5"; "8.5" is accepted too), as a ``Decimal``; empty is ``None``."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "10"})

    def __init__(self, *, minimum: Decimal | None = None, above_zero: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.above_zero = minimum, above_zero

    def prepare_value(self, value):
        return points_text(value) if isinstance(value, (Decimal, int)) else value

    def to_python(self, value):
        raw = str(value or "").strip().replace(" ", "")
        if raw == "":
            return None
        if not POINTS.match(raw):
            raise forms.ValidationError(_("Write a number, such as 8,5."), code="invalid")
        points = Decimal(raw.replace(",", "."))
        if points >= Decimal("10000"):
            raise forms.ValidationError(_("At most 9999,99 points."), code="max_value")
        return points

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.above_zero and value <= 0:
            raise forms.ValidationError(_("The maximum points must be above 0."), code="min_value")
        if self.minimum is not None and value < self.minimum:
            raise forms.ValidationError(_("Not below %(min)s points.") % {"min": points_text(self.minimum)})


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap's classes on the widgets (the sheet's page draws its fields itself), and "is-invalid" on those
    with an error once the form is checked."""
    for name, form_field in form.fields.items():
        widget = form_field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = {forms.CheckboxInput: "form-check-input", forms.Select: "form-select"}.get(type(widget), "form-control")
        errors = form._errors or {}  # never starts the checks itself
        widget.attrs["class"] = css + (" is-invalid" if name in errors else "")


class _StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def full_clean(self):
        super().full_clean()
        _bootstrap(self)


class _RowForm(_StyledForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class GroupForm(_RowForm):
    name = forms.CharField(label=gettext_lazy("Group"), max_length=255)
    position = forms.IntegerField(
        label=pgettext_lazy("position in a list", "Order"), min_value=0, max_value=32767, required=False
    )


class CriterionForm(_RowForm):
    group = forms.TypedChoiceField(label=gettext_lazy("Group"), coerce=int)
    name = forms.CharField(label=gettext_lazy("Criterion"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    max_points = PointsField(label=gettext_lazy("Maximum points"), above_zero=True)
    deductions = forms.CharField(
        label=gettext_lazy("Deductions"), required=False, widget=forms.Textarea(attrs={"rows": 2}), strip=False
    )
    evidence_required = forms.BooleanField(label=gettext_lazy("Evidence required"), required=False)
    auto_source = forms.ChoiceField(label=gettext_lazy("Filled from"), choices=AutoSource.choices, required=False)
    position = forms.IntegerField(
        label=pgettext_lazy("position in a list", "Order"), min_value=0, max_value=32767, required=False
    )

    def __init__(self, *args, group_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "—"), *group_choices]


class BandForm(_RowForm):
    name = forms.CharField(label=gettext_lazy("Classification"), max_length=255)
    min_points = PointsField(label=gettext_lazy("From (points)"), minimum=Decimal(0))
    title = forms.ModelChoiceField(
        label=gettext_lazy("Title it leads to"),
        queryset=Title.objects.filter(subject_kind=SubjectKind.COLLECTIVE, is_active=True).order_by("display_order"),
        required=False,
        empty_label="—",
    )


class _StyledFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        _bootstrap(form)  # the "Xóa" box too


GroupFormSet = forms.formset_factory(GroupForm, formset=_StyledFormSet, extra=1, can_delete=True)
CriterionFormSet = forms.formset_factory(CriterionForm, formset=_StyledFormSet, extra=2, can_delete=True)
BandFormSet = forms.formset_factory(BandForm, formset=_StyledFormSet, extra=1, can_delete=True)


class ScoringSheetForm(_StyledForm):
    """The sheet's name with three formsets: its groups, its criteria (each in a group of the sheet) and its
    classification bands. New rows are the empty ones at the end of each table; "Xóa" removes a row."""

    name = forms.CharField(label=gettext_lazy("Name of the sheet"), max_length=255)

    def __init__(self, data=None, *, sheet, **kwargs):
        groups = list(sheet.groups.all())
        criteria = [c for g in groups for c in g.criteria.all()]
        bands = list(sheet.bands.all())
        super().__init__(data, initial={"name": sheet.name}, **kwargs)
        self.groups = GroupFormSet(
            data, prefix="groups", initial=[{"id": g.pk, "name": g.name, "position": g.position} for g in groups]
        )
        self.criteria = CriterionFormSet(
            data,
            prefix="criteria",
            initial=[
                {
                    "id": c.pk,
                    "group": c.group_id,
                    "name": c.name,
                    "max_points": c.max_points,
                    "deductions": c.deductions,
                    "evidence_required": c.evidence_required,
                    "auto_source": c.auto_source,
                    "position": c.position,
                }
                for c in criteria
            ],
            form_kwargs={"group_choices": [(g.pk, g.name) for g in groups]},
        )
        self.bands = BandFormSet(
            data,
            prefix="bands",
            initial=[{"id": b.pk, "name": b.name, "min_points": b.min_points, "title": b.title_id} for b in bands],
        )

    @property
    def formsets(self):
        return [self.groups, self.criteria, self.bands]

    def is_valid(self):
        results = [super().is_valid()] + [formset.is_valid() for formset in self.formsets]  # every error shown
        return all(results)

    @staticmethod
    def _rows(formset):
        """The cleaned rows of a formset: the stored ones (those to delete with only their id) and the new ones
        that were filled in; a row without its order goes after the others (of its group, for a criterion)."""
        rows, last = [], {}
        for form in formset.forms:
            key = form.cleaned_data.get("group")
            last[key] = max(last.get(key, 0), form.cleaned_data.get("position") or 0)
        for form in formset.forms:
            data = form.cleaned_data
            if not data.get("id") and (not form.has_changed() or data.get("DELETE")):
                continue  # an empty new row, or a new row taken back
            if data.get("DELETE"):
                rows.append({"id": data["id"], "delete": True})
                continue
            if data.get("position") is None:
                last[data.get("group")] = data["position"] = last.get(data.get("group"), 0) + 1
            rows.append({**data, "delete": False})
        return rows

    def rows(self) -> dict:
        """What the service takes (``scoring_sheet_update``); after ``is_valid()``."""
        groups = [
            GroupRow(d["id"], "", 0, True) if d["delete"] else GroupRow(d.get("id"), d["name"], d["position"])
            for d in self._rows(self.groups)
        ]
        criteria = [
            CriterionRow(d["id"], 0, "", None, 0, delete=True)
            if d["delete"]
            else CriterionRow(
                d.get("id"),
                d["group"],
                d["name"],
                d["max_points"],
                d["position"],
                d.get("deductions") or "",
                bool(d.get("evidence_required")),
                d.get("auto_source") or "",
            )
            for d in self._rows(self.criteria)
        ]
        bands = [
            BandRow(d["id"], "", Decimal(0), delete=True)
            if d["delete"]
            else BandRow(d.get("id"), d["name"], d["min_points"], d["title"].pk if d.get("title") else None)
            for d in self._rows(self.bands)
        ]
        return {"name": self.cleaned_data["name"], "groups": groups, "criteria": criteria, "bands": bands}
