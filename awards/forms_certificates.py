"""The layout of a kind of certificate on the province's pre-printed paper: the paper and the offsets that move
every printed text (the positions of the fields are edited in the admin)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import PaperSize


class CertificateLayoutForm(forms.Form):
    paper = forms.ChoiceField(label=_("Paper"), choices=PaperSize.choices)
    offset_x_mm = forms.DecimalField(
        label=_("Move right (mm)"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        help_text=_("A negative number moves the text to the left; from −30 to 30 mm."),
    )
    offset_y_mm = forms.DecimalField(
        label=_("Move down (mm)"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        help_text=_("A negative number moves the text up; from −30 to 30 mm."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
