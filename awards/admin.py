from django.contrib import admin

from awards.models import Title


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "subject_kind", "conferring_level", "display_order", "is_active")
    list_filter = ("subject_kind", "conferring_level", "is_active")
    search_fields = ("name", "code")
