from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import DecisionKind, InspectionBody, ProposalKind
from awards.models import ConductRecord, Initiative, Inspection, ProposalLine
from movements.models import Movement, Title
from units.attachments import AttachmentsField
from units.forms import PickerMedia
from units.models import Staff
from units.selectors import unit_roster


class InitiativeForm(forms.ModelForm):
    Media = PickerMedia

    authors = forms.ModelMultipleChoiceField(
        label=_("Authors"),
        queryset=Staff.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8, "data-picker": ""}),
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
        self.fields["authors"].queryset = authors_queryset.select_related("unit")
        self.fields["authors"].label_from_instance = staff_label
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
            "act_year",
            "counted_in_act_year",
            "description",
        )
        widgets = {
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        # The model's "from"/"to" also name a state change ("sang"); a period runs "từ … đến".
        labels = {"start_date": pgettext_lazy("period", "From"), "end_date": pgettext_lazy("period", "To")}

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
        act_year, decided = cleaned.get("act_year"), cleaned.get("decision_date")
        if act_year and decided and act_year > decided.year:
            self.add_error("act_year", _("The act cannot be later than the disciplinary decision."))
        return cleaned


# --- Proposals and the council ---------------------------------------------------------------------------------

COLLECTIVE_CHOICE = "unit"


class ProposalCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    movement = forms.ModelChoiceField(label=_("Movement"), queryset=Movement.objects.none(), required=False)
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProposalKind.MOVEMENT and not cleaned.get("movement"):
            self.add_error("movement", _("Choose the movement the proposal is for."))
        return cleaned


class LineForm(forms.Form):
    Media = PickerMedia

    subject = forms.ChoiceField(label=_("Proposed for"))
    title = forms.ModelChoiceField(label=_("Title or form of commendation"), queryset=Title.objects.none())
    achievements = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives it relies on"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5, "data-picker": ""}),
        help_text=_("Needed for Chiến sĩ thi đua titles; an initiative supports one award only."),
    )
    files = AttachmentsField(label=_("Achievement report and evidence"))

    def __init__(self, *args, unit, initiatives, line=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = list(unit_roster(unit))
        self.staff = {str(person.pk): person for person in staff}
        self.fields["subject"].choices = [(COLLECTIVE_CHOICE, _("The unit: %(name)s") % {"name": unit.name})] + [
            (str(person.pk), f"{person.full_name} – {person.position}") for person in staff
        ]
        self.fields["title"].queryset = Title.objects.active()
        self.fields["initiatives"].queryset = initiatives
        if line is not None:
            self.fields["subject"].disabled = True
            self.fields["title"].disabled = True
            self.initial.update(
                subject=str(line.staff_id) if line.staff_id else COLLECTIVE_CHOICE,
                title=line.title,
                achievements=line.achievements,
                initiatives=[link.initiative for link in line.initiative_links.filter(released=False)],
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def subject_staff(self):
        choice = self.cleaned_data["subject"]
        return None if choice == COLLECTIVE_CHOICE else self.staff[choice]


class ReviewForm(forms.Form):
    ACTIONS = [
        ("accept", _("Accept for the council")),
        ("override", _("Override the needs-review checks")),
        ("return", _("Return to the unit")),
        ("reject", _("Reject")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason or note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def staff_label(person: Staff) -> str:
    """A person as a picker lists them, told apart from a namesake by unit and year of birth:
    "Nguyễn Văn An — Phòng 1, 1980"."""
    details = [person.unit.display_name] + ([str(person.date_of_birth.year)] if person.date_of_birth else [])
    return f"{person.full_name} — {', '.join(details)}"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return staff_label(obj)


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return staff_label(obj)


def picker(multiple: bool = False, within: str = "", **attrs) -> forms.Select:
    """A select that static/js/pickers.js turns into a searchable picker (Tom Select); without JavaScript it stays
    a plain select. ``within``: the id of the multiple select whose chosen people are the only choices."""
    attrs = {"data-picker": "", **attrs}
    if within:
        attrs["data-picker-within"] = within
    return forms.SelectMultiple(attrs=attrs) if multiple else forms.Select(attrs=attrs)


class MeetingForm(forms.Form):
    Media = PickerMedia

    held_at = forms.DateTimeField(label=_("Held at"), help_text=_("dd/mm/yyyy hh:mm"))
    location = forms.CharField(label=_("Place"), max_length=255, required=False)
    members = StaffMultipleChoiceField(
        label=_("Members of the council"),
        queryset=Staff.objects.none(),
        widget=picker(multiple=True, size=12),
        help_text=_("Type part of a name to find a person; each is shown with the unit and year of birth."),
    )
    # CouncilMeeting keeps the chair's and the secretary's names as text: the form chooses them among the members.
    chair = StaffChoiceField(
        label=_("Chaired by"), queryset=Staff.objects.none(), required=False, widget=picker(within="id_members")
    )
    secretary = StaffChoiceField(
        label=_("Minutes taken by"), queryset=Staff.objects.none(), required=False, widget=picker(within="id_members")
    )
    absent = StaffMultipleChoiceField(
        label=_("Absent members"),
        queryset=Staff.objects.none(),
        required=False,
        widget=picker(multiple=True, within="id_members", size=6),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "chair", "secretary", "absent"):
            self.fields[name].queryset = staff
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        members, absent = set(cleaned.get("members") or []), set(cleaned.get("absent") or [])
        if absent - members:
            self.add_error("absent", _("Absent members must be members of the council."))
        for name in ("chair", "secretary"):
            if cleaned.get(name) and cleaned[name] not in members:
                self.add_error(name, _("Choose a member of the council."))
        return cleaned


class TallyForm(forms.Form):
    yes = forms.IntegerField(label=pgettext_lazy("vote", "Yes"), min_value=0)
    no = forms.IntegerField(label=pgettext_lazy("vote", "No"), min_value=0)
    blank = forms.IntegerField(label=_("Blank or invalid"), min_value=0, initial=0)
    written_yes = forms.IntegerField(label=_("Written yes"), min_value=0, initial=0)
    written_no = forms.IntegerField(label=_("Written no"), min_value=0, initial=0)
    not_chosen = forms.BooleanField(
        label=_("Not chosen by the council within the cap"),
        required=False,
        help_text=_("Beyond a binding cap the council chooses which lines to approve."),
    )

    COUNTS = ("yes", "no", "blank", "written_yes", "written_no")

    def counts(self):
        return [self[name] for name in self.COUNTS]


class GroupTallyForm(forms.Form):
    """One tally for every line of a title not counted yet; ``not_chosen_items``: the lines beyond a binding cap the
    council does not choose."""

    title = forms.IntegerField(widget=forms.HiddenInput)
    yes = forms.IntegerField(label=pgettext_lazy("vote", "Yes"), min_value=0)
    no = forms.IntegerField(label=pgettext_lazy("vote", "No"), min_value=0)
    blank = forms.IntegerField(label=_("Blank or invalid"), min_value=0, initial=0)
    written_yes = forms.IntegerField(label=_("Written yes"), min_value=0, initial=0)
    written_no = forms.IntegerField(label=_("Written no"), min_value=0, initial=0)
    not_chosen_items = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any agenda item id: the view takes only the items of this meeting's group.
        self.fields["not_chosen_items"].valid_value = lambda value: str(value).isdigit()

    def counts(self):
        return [self[name] for name in TallyForm.COUNTS]


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DecisionKind.choices)
    lines = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("decision", "Lines"),
        queryset=ProposalLine.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=pgettext_lazy("decision", "Subject"), max_length=500, required=False)
    issuer = forms.CharField(label=_("Issued by (for a higher level's decision)"), max_length=255, required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = lines
        self.fields["lines"].label_from_instance = lambda line: f"{line.subject_name} – {line.title.name}"
        self.helper = FormHelper()
        self.helper.form_tag = False


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=50, help_text=_("e.g. 45/QĐ-VKS"))
    issued_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))


class RevokeForm(forms.Form):
    revoked_by = forms.CharField(label=_("Revoking decision"), max_length=100)
    revoked_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class EndorsementForm(forms.Form):
    """The cluster's (cụm, khối thi đua) vote on a unit proposed for a title that needs it."""

    units_total = forms.IntegerField(label=_("Units of the cluster"), min_value=1)
    units_agreeing = forms.IntegerField(label=_("Units agreeing"), min_value=0)
    held_on = forms.DateField(
        label=_("Cluster meeting held on"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    note = forms.CharField(
        label=_("Note on the cluster's meeting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        total, agreeing = cleaned.get("units_total"), cleaned.get("units_agreeing")
        if total is not None and agreeing is not None and agreeing > total:
            self.add_error("units_agreeing", _("More units agree than the cluster has."))
        return cleaned


# --- The council's inspections ---


def _plain_helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


class InspectionPlanForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=500)
    number = forms.CharField(label=_("Number"), max_length=50, required=False, help_text=_("e.g. 12/KH-VKS"))
    issued_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _plain_helper()


class InspectionForm(forms.Form):
    Media = PickerMedia

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    body = forms.ChoiceField(label=_("Inspected by"), choices=())
    scheduled_on = forms.DateField(label=_("Planned for"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    leader = forms.ModelChoiceField(
        label=_("Head of the team"), queryset=None, widget=forms.Select(attrs={"data-picker": ""})
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members of the team"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
    )

    def __init__(self, *args, units, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["body"].choices = InspectionBody.choices
        for name in ("leader", "members"):
            self.fields[name].queryset = staff
            self.fields[name].label_from_instance = staff_label
        self.helper = _plain_helper()


class InspectionRecordForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ("inspected_on", "record_number", "unit_head", "unit_head_title", "conclusion")
        widgets = {
            "inspected_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "conclusion": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspected_on"].required = True
        self.helper = _plain_helper()


class FindingForm(forms.Form):
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    remedy = forms.CharField(label=_("What the unit must fix"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(label=_("To be fixed by"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _plain_helper()


class FindingAnswerForm(forms.Form):
    answer = forms.CharField(label=_("What the unit did"), widget=forms.Textarea(attrs={"rows": 4}))
    files = AttachmentsField(label=_("Evidence"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _plain_helper()


class FindingReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the answer is not accepted: the unit reads it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _plain_helper()
