from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SummaryRequestForm(forms.Form):
    number = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=40,
        help_text=_("e.g. 05/BC-VKS; leave empty to fill in by hand when the document is issued."),
    )
    issued_on = forms.DateField(label=_("Document date"), initial=timezone.localdate)

    def params(self) -> dict:
        return {"number": self.cleaned_data["number"].strip(), "issued_on": self.cleaned_data["issued_on"].isoformat()}
