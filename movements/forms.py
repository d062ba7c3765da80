from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from movements.models import YearPlan
from movements.services import PLAN_FIELDS


class YearPlanForm(forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = ("year", *PLAN_FIELDS)
        widgets = {
            "issued_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "registration_deadline": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
