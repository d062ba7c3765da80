from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import InspectionState
from awards.models import (
    AwardRecord,
    CertificateLayout,
    Finding,
    Initiative,
    Inspection,
    InspectionPlan,
    PlanCap,
    ProposalLine,
    RuleSet,
    TitleRule,
)
from awards.services.certificates import certificate_layout_check, certificate_layout_save
from awards.services.inspections import RECORD_FIELDS, inspection_record
from movements.models import Title
from units.text import search_key


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    # The code (CSTDCS, HCLD1, …) names the title to the rules and imports: edited on the change form and
    # searchable, not shown in the list people read.
    list_display = ("name", "subject_kind", "conferring_level", "display_order", "is_active")
    list_filter = ("subject_kind", "conferring_level", "is_active")
    search_fields = ("name", "code")


class TitleRuleInline(admin.StackedInline):
    model = TitleRule
    extra = 0
    fk_name = "rule_set"
    autocomplete_fields = (
        "title",
        "prerequisite_title",
        "streak_title",
        "member_share_title",
        "requires_member_title",
        "cap_base_title",
    )


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Rule sets follow the law: their parameters are edited here; every verdict records the set it used."""

    # The code (law-2022-tt-02-2024) is the set's internal name: edited on the change form, searchable.
    list_display = ("name", "year_from", "year_to")
    search_fields = ("name", "code", "legal_basis")
    inlines = [TitleRuleInline]


@admin.register(PlanCap)
class PlanCapAdmin(admin.ModelAdmin):
    """A province's plan may cap a title more strictly than the law; the verdicts cite the plan's section."""

    list_display = ("year_plan", "title", "cap_percent", "cap_base_title", "cap_minimum", "section")
    list_filter = ("year_plan__province",)
    list_select_related = ("year_plan", "year_plan__province", "title", "cap_base_title")
    autocomplete_fields = ("year_plan", "title", "cap_base_title")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "unit", "recognition_level", "decision_number")
    list_filter = ("recognition_level", "year")
    list_select_related = ("unit",)
    search_fields = ("title",)


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "staff", "unit", "decision_number", "decision_date", "register_number", "status")
    list_filter = ("status", "year", "title")
    list_select_related = ("title", "staff", "unit")
    search_fields = ("decision_number", "staff__search_key")

    def has_change_permission(self, request, obj=None):
        return False  # records change through decisions and revocations


@admin.register(ProposalLine)
class ProposalLineAdmin(admin.ModelAdmin):
    list_display = ("__str__", "proposal", "state")
    list_filter = ("state", "title")
    list_select_related = ("proposal", "proposal__unit", "proposal__year_plan", "staff", "title")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class CertificateLayoutForm(forms.ModelForm):
    """Checked as the certificates page checks it (offsets within ±30 mm, every field inside the page)."""

    class Meta:
        model = CertificateLayout
        fields = ("province", "kind", "paper", "offset_x_mm", "offset_y_mm", "positions")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                certificate_layout_check(
                    paper=data["paper"],
                    offset_x_mm=data["offset_x_mm"],
                    offset_y_mm=data["offset_y_mm"],
                    positions=data.get("positions") or {},
                )
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return data


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    """Where the certificates' text falls on the province's pre-printed paper; ``positions`` maps a field
    (recipient, position, reason, decision, register, place_date, signer_title, signer_name, issuer) to [across,
    down] in mm from the top left of the landscape page (missing fields keep their default place)."""

    form = CertificateLayoutForm
    list_display = ("province", "kind", "paper", "offset_x_mm", "offset_y_mm")
    list_filter = ("kind", "paper")
    list_select_related = ("province",)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = certificate_layout_save(
            province=data["province"],
            kind=data["kind"],
            actor=request.user,
            paper=data["paper"],
            offset_x_mm=data["offset_x_mm"],
            offset_y_mm=data["offset_y_mm"],
            positions=data.get("positions") or {},
        )
        obj.pk = saved.pk


# --- The council's inspections (plan II.2.8, III.4) --------------------------------------------------------------
# States move only through awards.services.inspections (issue, answer, review: audited, with notifications): the
# admin shows them and lets the record's own fields be corrected while it is not issued, through the same service.


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    """Read-only: the plan is made on the inspections page (``inspection_plan_create``, audited)."""

    list_display = ("title", "number", "issued_on", "plan_year", "province")
    list_filter = ("year_plan__year", ("province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("province", "year_plan")
    search_fields = ("title", "number")

    @admin.display(description=_("year"), ordering="year_plan__year")
    def plan_year(self, plan):
        return plan.year_plan.year


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ("position", "description", "remedy", "due_date", "state", "answer", "review_note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    """The state is the workflow's (issue and closure on the inspection's page); the record's date, number, the
    unit's signer and the conclusion can be corrected here while the record is not issued (``inspection_record``,
    audited). Inspections are added on the inspections page, which checks the unit and the team."""

    list_display = ("unit", "plan_year", "body", "scheduled_on", "leader", "state", "inspected_on", "record_number")
    list_filter = ("plan__year_plan__year", "state", "body", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("unit", "leader", "plan__year_plan")
    search_fields = ("unit__name", "record_number", "leader__search_key")
    fields = ("plan", "unit", "body", "scheduled_on", "leader", "team", "state", *RECORD_FIELDS, "issued_at")
    inlines = [FindingInline]

    def get_search_results(self, request, queryset, search_term):
        """The unit or the record's number as typed, or the head of the team without accents."""
        if not search_term:
            return queryset, False
        found = Q(unit__name__icontains=search_term) | Q(record_number__icontains=search_term)
        return queryset.filter(found | Q(leader__search_key__contains=search_key(search_term))), False

    @admin.display(description=_("year"), ordering="plan__year_plan__year")
    def plan_year(self, inspection):
        return inspection.plan.year_plan.year

    @admin.display(description=_("members of the team"))
    def team(self, inspection):
        return ", ".join(person.full_name for person in inspection.members.order_by("sort_key", "pk")) or "—"

    def get_readonly_fields(self, request, obj=None):
        fixed = ("plan", "unit", "body", "scheduled_on", "leader", "team", "state", "issued_at")
        if obj is None or obj.state != InspectionState.PLANNED:
            return (*fixed, *RECORD_FIELDS)
        return fixed

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # An issued or closed record is the unit's to answer: viewed here, never changed.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.state == InspectionState.PLANNED)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in RECORD_FIELDS if name in form.changed_data}
        if fields:
            inspection_record(inspection=obj, actor=request.user, **fields)


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    """Read-only: findings are added to the record, answered by the unit and closed on the inspection's page."""

    list_display = ("inspected_unit", "finding_year", "position", "short_description", "due_date", "state")
    list_filter = ("inspection__plan__year_plan__year", "state", ("inspection__unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("inspection__unit", "inspection__plan__year_plan")
    search_fields = ("description", "remedy", "answer", "inspection__unit__name")

    @admin.display(description=_("unit"), ordering="inspection__unit__sort_key")
    def inspected_unit(self, finding):
        return finding.inspection.unit.name

    @admin.display(description=_("year"), ordering="inspection__plan__year_plan__year")
    def finding_year(self, finding):
        return finding.inspection.plan.year_plan.year

    @admin.display(description=_("finding"))
    def short_description(self, finding):
        text = finding.description
        return text if len(text) <= 100 else text[:99] + "…"
