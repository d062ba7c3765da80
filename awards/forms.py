from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import ConductRecord, Initiative
from units.attachments import AttachmentsField
from units.models import Staff


class InitiativeForm(forms.ModelForm):
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors"), queryset=Staff.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    files = AttachmentsField()

    class Meta:
        model = Initiative
        fields = ("title", "year", "authors", "summary", "recognition_level", "decision_number", "decision_date")
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, authors_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = authors_queryset
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recognition_level") not in (None, "", "none") and not (
            cleaned.get("decision_number") and cleaned.get("decision_date")
        ):
            self.add_error("decision_number", _("A recognised initiative needs the number and date of the decision."))
        return cleaned


class ConductRecordForm(forms.ModelForm):
    files = AttachmentsField()

    class Meta:
        model = ConductRecord
        fields = (
            "year",
            "kind",
            "discipline_level",
            "leave_type",
            "start_date",
            "end_date",
            "decision_number",
            "decision_date",
            "description",
        )
        widgets = {
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == "discipline" and not cleaned.get("discipline_level"):
            self.add_error("discipline_level", _("Choose the disciplinary measure."))
        if kind == "long_leave":
            if not cleaned.get("leave_type"):
                self.add_error("leave_type", _("Choose the type of leave."))
            if not cleaned.get("start_date"):
                self.add_error("start_date", _("Give the first day of the leave."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned
