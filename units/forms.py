from django import forms
from django.utils.translation import gettext_lazy as _


class StaffSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. nguyen van an"), "class": "form-control"}),
    )
