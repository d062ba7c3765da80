from django import forms
from django.utils.translation import gettext_lazy as _

from units.models import Staff
from units.selectors import namesakes


class StaffSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. nguyen van an"), "class": "form-control"}),
    )


class SpreadsheetField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Excel file (.xlsx)"))
        super().__init__(**kwargs)
        self.widget.attrs.update(accept=".xlsx")


class StaffImportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    file = SpreadsheetField(help_text=_("Fill in the template; nothing is saved before you confirm the check."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AwardImportForm(forms.Form):
    file = SpreadsheetField(help_text=_("Fill in the template; nothing is saved before you confirm the check."))


class StaffAdminForm(forms.ModelForm):
    """The admin's staff form: warns before adding a second person of the same name and date of birth in a unit
    (the roster import would take them for the same person) and saves only when told it is another person."""

    same_name_confirmed = forms.BooleanField(
        label=_("This is a different person with the same name"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Staff
        fields = "__all__"  # noqa: DJ007 - the admin shows every editable field, as without this form

    def clean(self):
        cleaned = super().clean()
        unit, name = cleaned.get("unit"), cleaned.get("full_name")
        if unit is None or not name or self.has_error("date_of_birth"):
            return cleaned
        if self.instance.pk and not {"full_name", "date_of_birth", "unit"} & set(self.changed_data):
            return cleaned
        born = cleaned.get("date_of_birth")
        existing = list(namesakes(unit, name, born, exclude_pk=self.instance.pk))
        if not existing:
            return cleaned
        self.fields["same_name_confirmed"].widget = forms.CheckboxInput()
        if cleaned.get("same_name_confirmed"):
            return cleaned
        names = ", ".join(person.full_name for person in existing)
        confirm = self.fields["same_name_confirmed"].label
        if born is None:
            message = _(
                "%(unit)s already has %(name)s, without a date of birth. If this is another person, tick “%(confirm)s”."
            ) % {"unit": unit.name, "name": names, "confirm": confirm}
        else:
            message = _(
                "%(unit)s already has %(name)s, born %(born)s. If this is another person, tick “%(confirm)s”."
            ) % {"unit": unit.name, "name": names, "born": born.strftime("%d/%m/%Y"), "confirm": confirm}
        raise forms.ValidationError(message, code="namesake")
