from django.contrib import admin

from movements.models import ClusterYear, ScoringBand, ScoringCriterion, ScoringGroup, ScoringSheet, YearPlan


@admin.register(YearPlan)
class YearPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "province", "number", "issued_on", "registration_deadline")
    list_filter = ("province",)
    list_select_related = ("province",)
    search_fields = ("number", "theme")


class ProvinceScopedAdmin(admin.ModelAdmin):
    """The secretariat sees only its own province's rows; ``province_path`` leads from the row to the province."""

    province_path = ""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.province_path: request.user.province_id})


class ScoringGroupInline(admin.TabularInline):
    model = ScoringGroup
    extra = 0
    show_change_link = True


class ScoringBandInline(admin.TabularInline):
    model = ScoringBand
    extra = 0


@admin.register(ScoringSheet)
class ScoringSheetAdmin(ProvinceScopedAdmin):
    province_path = "year_plan__province_id"
    list_display = ("name", "year_plan")
    list_select_related = ("year_plan", "year_plan__province")
    readonly_fields = ("year_plan", "copied_from")
    inlines = [ScoringGroupInline, ScoringBandInline]

    def has_add_permission(self, request):
        return False  # created from the scoring page (a copy of the previous year)


class ScoringCriterionInline(admin.TabularInline):
    model = ScoringCriterion
    extra = 1


@admin.register(ScoringGroup)
class ScoringGroupAdmin(ProvinceScopedAdmin):
    province_path = "sheet__year_plan__province_id"
    list_display = ("name", "sheet", "position")
    list_select_related = ("sheet",)
    inlines = [ScoringCriterionInline]


@admin.register(ClusterYear)
class ClusterYearAdmin(ProvinceScopedAdmin):
    province_path = "year_plan__province_id"
    list_display = ("cluster", "year_plan", "head_unit", "deputy_unit")
    list_select_related = ("cluster", "year_plan", "year_plan__province", "head_unit", "deputy_unit")
    autocomplete_fields = ("head_unit", "deputy_unit")
