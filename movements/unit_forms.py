"""Forms of a unit's own emulation work: its plan or programme, its own movements and their results."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from movements.models import Movement, MovementResult, UnitPlan
from movements.unit_services import UNIT_MOVEMENT_FIELDS, UNIT_PLAN_FIELDS
from units.attachments import AttachmentsField
from units.models import Staff, Unit
from units.selectors import unit_roster

DATE = {"placeholder": "dd/mm/yyyy"}


class UnitPlanForm(forms.ModelForm):
    files = AttachmentsField(label=_("The signed plan or programme"))

    class Meta:
        model = UnitPlan
        fields = UNIT_PLAN_FIELDS
        widgets = {
            "issued_on": forms.DateInput(attrs=DATE),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "targets": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class UnitPlanReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class UnitMovementForm(forms.ModelForm):
    files = AttachmentsField(label=_("Launching document and other files"))

    class Meta:
        model = Movement
        fields = UNIT_MOVEMENT_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs=DATE),
            "end_date": forms.DateInput(attrs=DATE),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class MovementResultForm(forms.ModelForm):
    staff = forms.ModelChoiceField(label=_("Person"), queryset=Staff.objects.none())

    class Meta:
        model = MovementResult
        fields = ("staff", "result", "outstanding", "ranking")
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = unit_roster(unit)  # a posted id of another unit's person is refused
        self.helper = FormHelper()
        self.helper.form_tag = False

    def validate_unique(self):
        """The service corrects a person's earlier result instead of refusing it."""


class MovementUnitFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("All units"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, province_id, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(province_id=province_id, is_active=True) if province_id else Unit.objects.none()
        self.fields["unit"].queryset = units.order_by("display_order", "sort_key")
