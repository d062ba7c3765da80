from django.contrib import admin

from reports.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("__str__", "province", "year_plan", "state", "progress", "requested_by", "created_at", "pages")
    list_filter = ("kind", "state", "province")
    list_select_related = ("province", "year_plan", "requested_by")
    readonly_fields = [f.name for f in ReportJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
