from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from units.admin_words import PasswordChangeForm, permission_words
from units.articles import ARTICLE_FIELDS, article_check, article_create, article_delete, article_update
from units.audit_actions import action_label
from units.enums import ImportKind
from units.forms import StaffAdminForm, StaffImportForm
from units.imports import roster_apply, roster_check, roster_result_text
from units.models import Article, AuditEntry, Cluster, ImportBatch, Staff, Unit, UnitKind, User
from units.services import audit_log, staff_create, staff_update
from units.text import search_key


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    # The code is the kind's internal name: edited on the change form, searchable, not shown in the list.
    list_display = ("name", "is_provincial_procuracy", "display_order")
    search_fields = ("name", "code")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    # The code (used in file names) is edited on the change form and searchable, not shown in the list.
    list_display = ("name", "kind", "parent", "province", "cluster", "display_order", "is_active")
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

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(province_id=request.user.province_id)


class AccentFreeSearchMixin:
    """Admin search that finds "Nguyễn Văn An" from "nguyen van an"."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(search_key__contains=search_key(search_term)), False


@admin.register(Staff)
class StaffAdmin(AccentFreeSearchMixin, admin.ModelAdmin):
    form = StaffAdminForm
    list_display = ("full_name", "unit", "position", "rank", "gender", "date_of_birth", "is_active")
    list_filter = ("is_active", "gender", "unit__province", "unit")
    list_select_related = ("unit",)
    search_fields = ("search_key",)
    ordering = ("sort_key",)
    autocomplete_fields = ("unit",)
    list_per_page = 100
    change_list_template = "admin/units/staff/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="units_staff_import"), *super().get_urls()]

    def import_view(self, request):
        """The roster import in the admin: the same check and import as the unit's page, in one step when the
        file has no problem."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        units = (
            Unit.objects.all()
            if request.user.is_superuser
            else Unit.objects.filter(province_id=request.user.province_id)
        )
        form = StaffImportForm(request.POST or None, request.FILES or None, units=units.order_by("sort_key"))
        batch = None
        if request.method == "POST" and form.is_valid():
            batch = roster_check(unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"], actor=request.user)
            if not batch.problems:
                try:
                    batch = roster_apply(batch=batch, actor=request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    self.message_user(request, roster_result_text(batch), messages.SUCCESS)
                    return redirect("admin:units_staff_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import the staff roster from Excel"),
            "form": form,
            "batch": batch,
            "template_url": reverse("units:import_template", kwargs={"kind": ImportKind.STAFF_ROSTER}),
        }
        return TemplateResponse(request, "admin/units/staff/import.html", context)

    def save_model(self, request, obj, form, change):
        not_staff_data = {"unit", "same_name_confirmed"}
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name not in not_staff_data}
        if change:
            if "unit" in form.changed_data:
                fields["unit"] = form.cleaned_data["unit"]
            staff_update(staff=Staff.objects.get(pk=obj.pk), actor=request.user, **fields)
        else:
            data = {name: form.cleaned_data[name] for name in form.cleaned_data if name not in not_staff_data}
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
    change_password_form = PasswordChangeForm

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related("content_type")
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        return permission_words(field) if db_field.name == "user_permissions" else field  # stored in English


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Django's, with the permissions in words as on the user's page."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        return permission_words(field) if db_field.name == "permissions" else field  # stored in English


class AuditActionFilter(admin.SimpleListFilter):
    """The audit log's filter by action, in words."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services and never edited."""

    list_display = ("created_at", "actor", "action_text", "unit", "from_text", "to_text", "content_type", "object_id")
    list_filter = (AuditActionFilter, "content_type")
    list_select_related = ("actor", "unit", "content_type")
    search_fields = ("reason",)
    date_hierarchy = "created_at"
    # The change page shows words, never the stored codes (units.audit_actions, the states' labels).
    fields = ("created_at", "actor", "action_text", "content_type", "object_id", "unit", "from_text", "to_text")
    fields += ("reason", "details")
    readonly_fields = fields

    @admin.display(description=_("action"), ordering="action")
    def action_text(self, entry):
        return entry.action_label

    @admin.display(description=_("from"))
    def from_text(self, entry):
        return entry.from_state_label

    @admin.display(description=_("to"))
    def to_text(self, entry):
        return entry.to_state_label

    @admin.display(description=_("details"))
    def details(self, entry):
        """The fields a change set, by their names on the form (``{"changes": {field: {"old", "new"}}}``)."""
        model = entry.content_type.model_class()
        names = {f.name: str(f.verbose_name) for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
        changes = (entry.data or {}).get("changes") or {}
        lines = [
            f"{names.get(field, field)}: {change.get('old') or '—'} → {change.get('new') or '—'}"
            for field, change in changes.items()
            if isinstance(change, dict)
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Read-only: what was uploaded, the problems found and what was imported."""

    list_display = ("created_at", "kind", "file_name", "unit", "province", "state", "created_by")
    list_filter = ("kind", "state")
    list_select_related = ("unit", "province", "created_by")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ArticleYearFilter(admin.SimpleListFilter):
    """By the year published, latest first; the years come from the rows."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        dates = model_admin.get_queryset(request).dates("published_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in dates]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(published_on__year=value) if value and value.isdigit() else queryset


class ArticleAdminForm(forms.ModelForm):
    """The application's checks (authors of the article's unit, the outlet named, no future date) before the
    service saves, so that a refusal is an error on the form rather than a failed save."""

    link = forms.URLField(
        label=capfirst(Article._meta.get_field("link").verbose_name),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = Article
        fields = ("unit", "kind", "title", "authors", "outlet", "outlet_name", "published_on", "link")

    def clean(self):
        data = super().clean()
        unit = data.get("unit") or (self.instance.unit if self.instance.unit_id else None)
        if unit is None or data.get("authors") is None:
            return data
        probe = Article(
            unit=unit,
            outlet=data.get("outlet", ""),
            outlet_name=data.get("outlet_name", ""),
            published_on=data.get("published_on"),
        )
        try:
            article_check(unit, list(data["authors"]), probe)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages_)
        return data


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """News items and articles (plan II.2.7). Written through ``units.articles`` (audited) as on the application's
    pages: the unit is chosen once; the authors are staff of that unit."""

    form = ArticleAdminForm
    list_display = ("title", "unit", "kind", "outlet", "published_on", "author_names")
    list_filter = (ArticleYearFilter, "kind", "outlet", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("unit",)
    search_fields = ("title", "outlet_name")
    autocomplete_fields = ("unit", "authors")
    readonly_fields = ("recorded_by",)
    ordering = ("-published_on", "-id")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def get_search_results(self, request, queryset, search_term):
        """The title or the outlet as typed, or an author's name without accents ("nguyen van an")."""
        if not search_term:
            return queryset, False
        found = Q(title__icontains=search_term) | Q(outlet_name__icontains=search_term)
        found |= Q(authors__search_key__contains=search_key(search_term))
        return queryset.filter(found), True

    def get_readonly_fields(self, request, obj=None):
        return ("unit", "recorded_by") if obj is not None else ("recorded_by",)

    @admin.display(description=_("authors"))
    def author_names(self, article):
        people = sorted(article.authors.all(), key=lambda person: (person.sort_key, person.pk))
        return ", ".join(person.full_name for person in people) or "—"

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in ARTICLE_FIELDS if name in form.cleaned_data}
        authors = form.cleaned_data["authors"]
        if change:
            article_update(article=Article.objects.get(pk=obj.pk), actor=request.user, authors=authors, **fields)
        else:
            created = article_create(unit=form.cleaned_data["unit"], actor=request.user, authors=authors, **fields)
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        # The service set the authors; only inline formsets (none today) are left to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        article_delete(article=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset.select_related("unit"):
            article_delete(article=article, actor=request.user)
