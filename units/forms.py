from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import Staff
from units.selectors import namesakes, province_namesakes


class StaffSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. nguyen van an"), "class": "form-control"}),
    )


class StaffFilterForm(StaffSearchForm):
    """The secretariat's staff list: the name search and one unit of the province."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("All units"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _date_widget():
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


STAFF_FIELDS = (
    "full_name",
    "gender",
    "date_of_birth",
    "position",
    "rank",
    "email",
    "joined_procuracy_on",
    "started_service_on",
)
STAFF_DATES = ("date_of_birth", "joined_procuracy_on", "started_service_on")


class StaffForm(forms.ModelForm):
    """Add or edit one person. When adding, someone of the province with the same accent-free name and date of
    birth is shown ("Có thể trùng với: …") and the form asks once, with a "Vẫn thêm" checkbox."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    add_anyway = forms.BooleanField(label=_("Add anyway"), required=False, widget=forms.HiddenInput)

    class Meta:
        model = Staff
        fields = STAFF_FIELDS
        widgets = {name: _date_widget() for name in STAFF_DATES}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit changes only by moving the person
            del self.fields["unit"]
            del self.fields["add_anyway"]
        else:
            self.fields["unit"].queryset = units
            self.order_fields(["unit", *STAFF_FIELDS])
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in STAFF_DATES:
            value = cleaned.get(name)
            if value and value > today:
                self.add_error(name, _("The date cannot be in the future."))
        born, joined = cleaned.get("date_of_birth"), cleaned.get("joined_procuracy_on")
        if born and joined and joined < born:
            self.add_error("joined_procuracy_on", _("The date of joining cannot be before the date of birth."))
        left = self.instance.left_on
        if left and joined and joined > left:
            self.add_error("joined_procuracy_on", _("The date of joining cannot be after the date of leaving."))
        if "add_anyway" in self.fields and not self.errors:
            self._check_namesakes(cleaned)
        return cleaned

    def _check_namesakes(self, cleaned):
        unit, name = cleaned.get("unit"), cleaned.get("full_name")
        if unit is None or not name:
            return
        existing = list(province_namesakes(unit.province_id, name, cleaned.get("date_of_birth")))
        if not existing:
            return
        self.fields["add_anyway"].widget = forms.CheckboxInput()
        if cleaned.get("add_anyway"):
            return
        people = []
        for person in existing:
            if person.date_of_birth:
                people.append(
                    _("%(name)s (%(unit)s, born %(born)s)")
                    % {
                        "name": person.full_name,
                        "unit": person.unit.display_name,
                        "born": person.date_of_birth.strftime("%d/%m/%Y"),
                    }
                )
            else:
                people.append(_("%(name)s (%(unit)s)") % {"name": person.full_name, "unit": person.unit.display_name})
        message = _("Possibly the same person as: %(people)s. If this is another person, tick “%(confirm)s”.") % {
            "people": "; ".join(people),
            "confirm": self.fields["add_anyway"].label,
        }
        raise forms.ValidationError(message, code="namesake")


class StaffMoveForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Move to"), queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.helper = FormHelper()
        self.helper.form_tag = False


class StaffLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=_date_widget())

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        joined = self.staff.joined_procuracy_on
        if joined and left_on < joined:
            raise forms.ValidationError(
                _("The date of leaving cannot be before the date of joining (%(joined)s).")
                % {"joined": joined.strftime("%d/%m/%Y")}
            )
        return left_on


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


class PickerMedia:
    """The searchable pickers' files (static/vendor/tom-select, static/js/pickers.js), loaded only by the pages
    whose form has a picker (``{{ form.media }}`` in templates/base.html). ``Media = PickerMedia`` on a form."""

    css = {"all": ("vendor/tom-select/tom-select.bootstrap5.min.css",)}
    js = ("vendor/tom-select/tom-select.complete.min.js", "js/pickers.js")
