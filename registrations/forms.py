from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from movements.enums import SubjectKind
from movements.models import Title
from registrations.enums import NOT_REGISTERING
from registrations.selectors import RegistrationSheet
from registrations.services import LineInput

COLLECTIVE_KEY = "unit"


def _choices(titles) -> list[tuple[str, str]]:
    return [
        ("", str(_("— choose —"))),
        *((str(t.pk), t.name) for t in titles),
        (NOT_REGISTERING, str(_("Not registering"))),
    ]


def sheet_rows(sheet: RegistrationSheet) -> list[dict]:
    """The rows of an unbound registration form, straight from the saved lines (no form fields built: a page
    shows it far more often than it is posted)."""
    individual, collective = _choices(sheet.individual_titles), _choices(sheet.collective_titles)
    rows = []
    for key, person in [(COLLECTIVE_KEY, None)] + [(str(p.pk), p) for p in sheet.roster]:
        line = sheet.lines.get(person.pk if person else None)
        selected = (str(line.title_id) if line.title_id else NOT_REGISTERING) if line else ""
        name = person.full_name if person else sheet.unit.name
        rows.append(
            {
                "person": person,
                "title_name": f"title_{key}",
                "title_id": f"id_title_{key}",
                "title_label": _("Title for %(name)s") % {"name": name},
                "choices": individual if person else collective,
                "selected": selected,
                "title_errors": [],
                "reason_name": f"reason_{key}",
                "reason_id": f"id_reason_{key}",
                "reason_label": _("Reason for not registering (%(name)s)") % {"name": name},
                "reason_value": line.not_registering_reason if line else "",
                "reason_errors": [],
            }
        )
    return rows


class RegistrationForm(forms.Form):
    """One choice per subject: the collective, then every active staff member in roster order.

    Each subject has a select (``title_<key>``) offering only the titles of its kind plus "not registering",
    and a reason (``reason_<key>``) required when not registering.
    """

    def __init__(self, *args, sheet: RegistrationSheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.subjects = [(COLLECTIVE_KEY, None)] + [(str(person.pk), person) for person in sheet.roster]
        for key, person in self.subjects:
            titles = sheet.individual_titles if person else sheet.collective_titles
            line = sheet.lines.get(person.pk if person else None)
            initial_choice = ""
            if line is not None:
                initial_choice = str(line.title_id) if line.title_id else NOT_REGISTERING
            subject_name = person.full_name if person else sheet.unit.name
            self.fields[f"title_{key}"] = forms.ChoiceField(
                label=_("Title for %(name)s") % {"name": subject_name},
                choices=[
                    ("", _("— choose —")),
                    *((str(t.pk), t.name) for t in titles),
                    (NOT_REGISTERING, _("Not registering")),
                ],
                required=False,
                initial=initial_choice,
                error_messages={
                    "invalid_choice": _("“%(value)s” is not a title that can be registered here.")
                    if person
                    else _("“%(value)s” is not a collective title.")
                },
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reason for not registering (%(name)s)") % {"name": subject_name},
                required=False,
                max_length=500,
                initial=line.not_registering_reason if line else "",
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        """One dict per subject for the template, which writes the selects itself: rendering 120 widgets through
        their templates costs more than the rest of the page."""
        rows = []
        for key, person in self.subjects:
            title, reason = self[f"title_{key}"], self[f"reason_{key}"]
            rows.append(
                {
                    "person": person,
                    "title_name": title.html_name,
                    "title_id": title.auto_id,
                    "title_label": title.label,
                    "choices": title.field.choices,
                    "selected": str(title.value() or ""),
                    "title_errors": title.errors,
                    "reason_name": reason.html_name,
                    "reason_id": reason.auto_id,
                    "reason_label": reason.label,
                    "reason_value": reason.value() or "",
                    "reason_errors": reason.errors,
                }
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        for key, _person in self.subjects:
            if cleaned.get(f"title_{key}") == NOT_REGISTERING and not (cleaned.get(f"reason_{key}") or "").strip():
                self.add_error(f"reason_{key}", _("Give a reason for not registering."))
        return cleaned

    def line_inputs(self) -> list[LineInput]:
        """The filled lines, ready for the services; empty choices are left out."""
        lines = []
        for key, person in self.subjects:
            choice = self.cleaned_data.get(f"title_{key}")
            if not choice:
                continue
            staff_id = person.pk if person else None
            if choice == NOT_REGISTERING:
                lines.append(LineInput(staff_id, None, self.cleaned_data.get(f"reason_{key}", "")))
            else:
                lines.append(LineInput(staff_id, int(choice)))
        return lines


class ApplyToAllForm(forms.Form):
    """ "Apply this title to everyone": one individual emulation title for every person whose row is still empty."""

    apply_title = forms.ModelChoiceField(
        label=_("Title for everyone not yet filled"),
        queryset=Title.objects.active().emulation_titles().filter(subject_kind=SubjectKind.INDIVIDUAL),
        error_messages={
            "required": _("Choose the title to apply to everyone not yet filled."),
            "invalid_choice": _("Choose an individual emulation title."),
        },
    )


def apply_to_empty(data, *, sheet: RegistrationSheet, title: Title):
    """A copy of the posted registration form where every person's empty row carries ``title``; rows already filled
    (a title, or not registering) and the collective's row stay as they are. Returns (data, rows filled)."""
    data = data.copy()
    filled = 0
    for person in sheet.roster:
        name = f"title_{person.pk}"
        if not data.get(name):
            data[name] = str(title.pk)
            filled += 1
    return data, filled


def posted_fields(form: "RegistrationForm") -> list[tuple[str, str]]:
    """The registration form's posted values, to carry through the confirmation step as hidden fields."""
    names = [name for key, _person in form.subjects for name in (f"title_{key}", f"reason_{key}")]
    return [(name, form.data.get(name, "")) for name in names]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The unit sees this reason and corrects its registration."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Return to the unit"), css_class="btn-warning"))


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(
        label=_("New deadline"),
        help_text=_("dd/mm/yyyy; registrations are accepted until 23:59 that day."),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Grant the extension"), css_class="btn-secondary"))


class SupplementaryForm(forms.Form):
    """One person and the individual emulation title they register after the submission (the sheet writes the
    small form of each person itself, like the registration table)."""

    staff = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.ModelChoiceField(
        label=_("Title to register"),
        queryset=Title.objects.active().emulation_titles().filter(subject_kind=SubjectKind.INDIVIDUAL),
        error_messages={
            "required": _("Choose the title to register."),
            "invalid_choice": _("Choose an individual emulation title."),
        },
    )
