from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
    fields = ("name", "plan", "copied_from")
    # A read-only foreign key is drawn by Django as a link to its admin page, whatever the user may open there:
    # the secretariat may not open a year plan in the admin (403), so the plan links to its page in the
    # application, which the secretariat uses to edit it.
    readonly_fields = ("plan", "copied_from")
    inlines = [ScoringGroupInline, ScoringBandInline]

    @admin.display(description=_("year plan"))
    def plan(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("movements:plan_update", args=[obj.year_plan_id]), obj.year_plan
        )

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
