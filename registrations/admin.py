from django.contrib import admin

from registrations.models import DeadlineExtension, Registration, RegistrationLine


class RegistrationLineInline(admin.TabularInline):
    model = RegistrationLine
    fields = ("staff", "staff_position", "title", "not_registering_reason", "supplementary_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff", "title")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only here: registrations change state only through the application's services."""

    list_display = ("unit", "year_plan", "state", "submitted_at", "updated_at")
    list_filter = ("state", "year_plan__year", "unit__province")
    list_select_related = ("unit", "year_plan", "year_plan__province")
    search_fields = ("unit__name",)
    readonly_fields = ("year_plan", "unit", "state", "submitted_at", "submitted_by", "return_reason", "last_changed_by")
    inlines = [RegistrationLineInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ("unit", "year_plan", "new_deadline", "granted_by", "granted_at")
    list_select_related = ("unit", "year_plan", "year_plan__province", "granted_by")
    readonly_fields = ("unit", "year_plan", "new_deadline", "reason", "granted_by", "granted_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
