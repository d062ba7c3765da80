from django import forms
from django.utils.translation import gettext_lazy as _


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
