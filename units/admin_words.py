"""What the admin says that Django's catalogue cannot: the permission names Django stores as English text
("Can add unit"), a help text Django builds without ``gettext`` and the alt text of the yes/no icons. Used by
``units/admin.py`` and ``UnitsConfig.ready()``."""

from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """ "Đơn vị và cán bộ | đơn vị | Được thêm đơn vị" for the stored "units | unit | Can add unit"."""
    action, _sep, _rest = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return str(permission)
    meta = model._meta
    said = gettext(PERMISSION_ACTIONS[action]) % {"model": meta.verbose_name}
    return f"{meta.app_config.verbose_name} | {meta.verbose_name} | {said}"


def permission_words(field):
    """A permission form field (a user's or a group's permissions) listing the permissions in words."""
    field.label_from_instance = permission_label
    return field


def boolean_icon(value) -> str:
    """Django's yes/no/unknown icon with a Vietnamese alt text ("Có", "Không", "Chưa xác định"): Django's own
    ``admin_list._boolean_icon`` writes the Python value (``alt="True"``) for screen readers and copied text."""
    icon, said = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), said)


def use_vietnamese_boolean_icons():
    """Put ``boolean_icon`` in place of Django's ``_boolean_icon``, once for the whole admin (from
    ``UnitsConfig.ready()``). Django looks the function up on ``admin_list`` at each call: the list's cells
    (``items_for_result`` through ``display_for_field`` / ``display_for_value``) and the read-only fields of a change
    page (``helpers.AdminReadonlyField.contents``); ``tests/units/test_admin_words.py`` checks both."""
    admin_list._boolean_icon = boolean_icon


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's own, with its warning translated (Django appends it as a plain English string)."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )
