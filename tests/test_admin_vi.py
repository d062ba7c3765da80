"""Issue 14, "Admin": the admin speaks Vietnamese under the application's name. Django's Vietnamese catalogue lacks
or words badly a number of admin and auth strings, django-axes has none: the project's catalogue supplies them
(``locale/vi/LC_MESSAGES/django.po`` and ``djangojs.po``), ``config/urls.py`` brands the site and
``config.apps.AxesConfig`` names django-axes."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

# Strings the issue saw, and others of the same kind, that must not reach a Vietnamese page.
ENGLISH = [
    "Trang quản trị cho Django",
    "Trang web admin Django",
    "Site quản trị",
    "Axes",
    "Access attempt",
    "access attempt",
    "Model name",
    "Add link",
    "Change or view list link",
    "Password-based authentication",
    "Đi đến",
    "0 của",
    "Skip to main content",
    "Toggle theme",
    "Breadcrumbs",
    "Sidebar",
    "Filter navigation items",
    "Select all objects",
    "Select this object",
    "Các mô models",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "If disabled",
    "Enabled",
    "Disabled",
]


def readable(page: str) -> str:
    """What a person reads or hears: the text between tags and the titles, labels and placeholders."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', body)
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join([text, *attributes]))


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def assert_vietnamese(page: str):
    text = readable(page)
    found = [word for word in ENGLISH if word in text]
    assert found == []


def test_admin_index_is_branded_and_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "<title>Quản trị hệ thống | Quản trị hệ thống thi đua, khen thưởng</title>" in page
    assert 'id="site-name"' in page and "Quản trị hệ thống thi đua, khen thưởng</a>" in page
    text = readable(page)
    for words in ("Chuyển đến nội dung chính", "Bảo vệ đăng nhập", "Lần thử đăng nhập sai", "Nhật ký đăng nhập"):
        assert words in text
    assert "Loại dữ liệu" in text and "Đổi giao diện (hiện tại: tự động)" in text
    assert_vietnamese(page)


def test_a_changelist_with_actions_counts_the_selection_in_vietnamese(admin_client, staff):
    page = admin_client.get(reverse("admin:units_staff_changelist")).content.decode()
    text = readable(page)
    assert "Thực hiện" in text and "Đã chọn 0 trong 3" in text
    assert "Chọn mọi đối tượng trên trang này để thực hiện thao tác" in text
    assert " Theo giới tính " in text
    assert_vietnamese(page)


def test_the_axes_changelist_is_named_in_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    text = readable(page)
    assert "Chọn lần thử đăng nhập sai để thay đổi" in text and "Thời điểm đăng nhập" in text
    assert_vietnamese(page)


def test_a_change_form_is_vietnamese(admin_client, staff):
    page = admin_client.get(reverse("admin:units_staff_change", args=[staff[0].pk])).content.decode()
    assert "Thay đổi cán bộ" in readable(page)
    assert_vietnamese(page)


def test_the_user_forms_are_vietnamese(admin_client, admin_user):
    add = admin_client.get(reverse("admin:units_user_add")).content.decode()
    assert "Đăng nhập bằng mật khẩu" in readable(add)
    assert_vietnamese(add)
    change = admin_client.get(reverse("admin:units_user_change", args=[admin_user.pk])).content.decode()
    assert "Đơn vị và cán bộ | đơn vị | Được thêm đơn vị" in readable(change)
    assert_vietnamese(change)
    password = admin_client.get(reverse("admin:auth_user_password_change", args=[admin_user.pk])).content.decode()
    assert "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ mất." in readable(password)
    assert_vietnamese(password)


def test_the_admin_javascript_counts_the_selection_in_vietnamese(admin_client):
    catalogue = admin_client.get(reverse("admin:jsi18n")).content.decode()
    assert (
        "\\u0110\\u00e3 ch\\u1ecdn %(sel)s trong %(cnt)s" in catalogue or "Đã chọn %(sel)s trong %(cnt)s" in catalogue
    )


def test_yes_and_no_filters_say_co_and_khong():
    with translation.override("vi"):
        assert (translation.gettext("Yes"), translation.gettext("No")) == ("Có", "Không")
