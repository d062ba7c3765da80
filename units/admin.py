from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from units.models import AuditEntry, Cluster, Staff, Unit, UnitKind, User
from units.services import audit_log, staff_create, staff_update
from units.text import search_key


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "is_provincial_procuracy", "display_order")
    search_fields = ("name", "code")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "province", "cluster", "display_order", "is_active")
    list_filter = ("kind", "is_active", "province", "cluster")
    list_select_related = ("kind", "parent", "province", "cluster")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent", "cluster")
    exclude = ("province",)

    def save_model(self, request, obj, form, change):
        parent = obj.parent
        obj.province = parent.province if parent else obj if obj.pk else None
        super().save_model(request, obj, form, change)
        if obj.province_id is None:
            obj.province = obj
            obj.save(update_fields=["province"])
        audit_log(actor=request.user, action="unit.update" if change else "unit.create", target=obj, unit=obj)


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "province")
    list_select_related = ("province",)
    search_fields = ("name",)


class AccentFreeSearchMixin:
    """Admin search that finds "Nguyễn Văn An" from "nguyen van an"."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(search_key__contains=search_key(search_term)), False


@admin.register(Staff)
class StaffAdmin(AccentFreeSearchMixin, admin.ModelAdmin):
    list_display = ("full_name", "unit", "position", "rank", "gender", "date_of_birth", "is_active")
    list_filter = ("is_active", "gender", "unit__province", "unit")
    list_select_related = ("unit",)
    search_fields = ("search_key",)
    ordering = ("sort_key",)
    autocomplete_fields = ("unit",)
    list_per_page = 100

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name != "unit"}
        if change:
            if "unit" in form.changed_data:
                fields["unit"] = form.cleaned_data["unit"]
            staff_update(staff=Staff.objects.get(pk=obj.pk), actor=request.user, **fields)
        else:
            data = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "unit"}
            created = staff_create(unit=form.cleaned_data["unit"], actor=request.user, **data)
            obj.pk = created.pk


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "unit", "province", "is_active")
    list_filter = ("role", "is_active", "province")
    list_select_related = ("unit", "province")
    autocomplete_fields = ("unit", "province", "staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role in emulation work"), {"fields": ("role", "unit", "province", "staff")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role in emulation work"), {"fields": ("role", "unit", "province", "email", "first_name", "last_name")}),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services and never edited."""

    list_display = ("created_at", "actor", "action", "unit", "from_state", "to_state", "content_type", "object_id")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "unit", "content_type")
    search_fields = ("action", "reason")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
