from django.contrib import admin

from awards.models import AwardRecord, Initiative, PlanCap, ProposalLine, RuleSet, TitleRule
from movements.models import Title


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
    list_display = ("year", "title", "staff", "unit", "decision_number", "decision_date", "status")
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
