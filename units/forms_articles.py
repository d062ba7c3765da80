"""The forms of the news items and articles pages (plan II.2.7)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from units.attachments import AttachmentsField
from units.enums import ArticleKind, ArticleOutlet
from units.forms import PickerMedia
from units.models import Article, Staff, Unit


def author_label(person: Staff) -> str:
    """A person as the picker lists them: "Nguyễn Văn An — Viện trưởng, Đông Hưng"."""
    details = [detail for detail in (person.position, person.unit.display_name) if detail]
    return f"{person.full_name} — {', '.join(details)}"


class AuthorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return author_label(obj)


class ArticleForm(forms.ModelForm):
    Media = PickerMedia

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    authors = AuthorsField(
        label=_("Authors"),
        queryset=Staff.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8, "data-picker": ""}),
        help_text=_("Staff of the unit; type part of a name to find a person."),
    )
    link = forms.URLField(
        label=capfirst(Article._meta.get_field("link").verbose_name),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    files = AttachmentsField(label=_("Scan or printed page"))

    class Meta:
        model = Article
        fields = ("kind", "title", "authors", "outlet", "outlet_name", "published_on", "link")
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "published_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, units, authors_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]  # the officer's own unit, or the unit of the article being edited
        else:
            self.fields["unit"].queryset = units
            self.order_fields(["unit", *self.Meta.fields])
        self.fields["authors"].queryset = authors_queryset.select_related("unit")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outlet") == ArticleOutlet.OTHER and not cleaned.get("outlet_name"):
            self.add_error("outlet_name", _("Say where it was published."))
        return cleaned


class ArticleFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *ArticleKind.choices])
    outlet = forms.ChoiceField(
        label=_("Published in"), required=False, choices=[("", _("All outlets")), *ArticleOutlet.choices]
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, years, units, all_years=True, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in years]
        self.fields["year"].choices = [("", _("All years")), *choices] if all_years else choices
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].empty_label = _("All units")
        for bound in self.fields.values():
            bound.widget.attrs["class"] = "form-select"
