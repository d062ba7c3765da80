from django.contrib import admin

from movements.models import YearPlan


@admin.register(YearPlan)
class YearPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "province", "number", "issued_on", "registration_deadline")
    list_filter = ("province",)
    list_select_related = ("province",)
    search_fields = ("number", "theme")
