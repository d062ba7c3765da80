from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from movements.enums import Launcher
from movements.models import Movement, Pledge, YearPlan
from movements.services import PLAN_FIELDS, PLAN_PROVISIONS
from units.attachments import AttachmentsField
from units.models import Staff, Unit
from units.selectors import province_units, unit_roster


class YearPlanForm(forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = ("year", *PLAN_FIELDS, *PLAN_PROVISIONS)
        widgets = {
            "issued_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "registration_deadline": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "unit_plan_deadline": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
            "pack_recipients": forms.Textarea(attrs={"rows": 3}),
            "decision_recipients": forms.Textarea(attrs={"rows": 4}),
            "submission_recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class MovementForm(forms.ModelForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Participating units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when not all units take part."),
    )
    files = AttachmentsField(label=_("Launching document and other files"))

    class Meta:
        model = Movement
        fields = (
            "name",
            "launched_by",
            "kind",
            "start_date",
            "end_date",
            "theme",
            "criteria",
            "launching_document",
            "report_deadline",
            "all_units",
            "units",
        )
        widgets = {
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "report_deadline": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = province_units(province)
        # A unit launches its own movements from its own form (movements.unit_forms).
        self.fields["launched_by"].choices = [c for c in self.fields["launched_by"].choices if c[0] != Launcher.UNIT]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if not cleaned.get("all_units") and not cleaned.get("units"):
            self.add_error("units", _("Choose the participating units, or let all units take part."))
        return cleaned


class MovementReportForm(forms.Form):
    summary = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    files = AttachmentsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PledgeForm(forms.ModelForm):
    files = AttachmentsField(label=_("Scanned pledge"))

    class Meta:
        model = Pledge
        fields = ("signed_on", "head_signatory", "union_signatory", "content")
        widgets = {
            "signed_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ExemplaryForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Person"), queryset=Staff.objects.none())
    account = forms.CharField(
        label=_("Short account of the example"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = unit_roster(unit)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Name as exemplary")))


class ExemplarySelectForm(forms.Form):
    selected_for_province = forms.BooleanField(label=_("Replicate in the province"), required=False)
    presented_to_supreme = forms.BooleanField(label=_("Present to the Supreme Procuracy"), required=False)


class MovementReportReturnForm(forms.Form):
    """The secretariat's reason for returning a unit's movement report (typed in the participants' table)."""

    reason = forms.CharField(label=_("Reason for returning"), max_length=2000)
