"""Issue 14, the crawl's last admin findings: the yes/no icons, the codes kept out of the lists, the search box,
the group's permissions and django-axes' records, all in Vietnamese (``units/admin_words.py``, ``units/admin.py``,
``awards/admin.py``, ``config/axes_admin.py``)."""

import datetime
import html
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin import site
from django.contrib.admin.helpers import AdminReadonlyField
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.utils import display_for_field, display_for_value
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.urls import reverse
from django.utils import timezone

from awards.models import RuleSet, TitleRule
from units.admin_words import boolean_icon
from units.models import UnitKind

AT = datetime.datetime(2026, 12, 1, 14, 0, 33, 9407, tzinfo=datetime.UTC)  # 21:00 in Hà Nội


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def readable(page: str) -> str:
    """The text between tags and the alt, title and aria-label attributes (what a person reads or hears)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    attributes = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', body)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", body), *attributes]))


def get(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


# --- Yes/no icons --------------------------------------------------------------------------------------------------


def test_the_admin_uses_the_vietnamese_boolean_icon():
    assert admin_list._boolean_icon is boolean_icon
    assert boolean_icon(True) == '<img src="/static/admin/img/icon-yes.svg" alt="Có">'
    assert boolean_icon(False) == '<img src="/static/admin/img/icon-no.svg" alt="Không">'
    assert boolean_icon(None) == '<img src="/static/admin/img/icon-unknown.svg" alt="Chưa xác định">'
    # The two paths of Django's that draw the icon: a model's boolean field and a method marked boolean.
    assert display_for_field(False, models.BooleanField(), "-") == boolean_icon(False)
    assert display_for_value(True, "-", boolean=True) == boolean_icon(True)


def test_boolean_columns_of_a_changelist_say_co_and_khong(admin_client, unit):
    page = get(admin_client, "admin:units_unitkind_changelist")
    assert 'alt="Có"' in page and 'alt="Không"' in page  # the provincial procuracy's kind, and the others
    assert 'alt="True"' not in page and 'alt="False"' not in page
    page = get(admin_client, "admin:units_unit_changelist")
    assert 'alt="Có"' in page and 'alt="True"' not in page


def test_a_read_only_boolean_on_a_change_page_says_khong(rf, admin_user):
    """The third path: a read-only field of a change page (``helpers.AdminReadonlyField``)."""
    kind = UnitKind.objects.get(code="district")
    model_admin = site._registry[UnitKind]
    request = rf.get("/")
    request.user = admin_user
    form = model_admin.get_form(request, kind)(instance=kind)
    field = AdminReadonlyField(form, "is_provincial_procuracy", is_first=True, model_admin=model_admin)
    assert field.contents() == boolean_icon(False)


# --- Codes out of the lists, still searchable ------------------------------------------------------------------------


def test_the_unit_lists_show_names_not_codes(admin_client, unit):
    text = readable(get(admin_client, "admin:units_unit_changelist"))
    assert unit.name in text and unit.kind.name in text
    assert unit.code not in text
    found = readable(get(admin_client, "admin:units_unit_changelist", q=unit.code))
    assert unit.name in found and "1 đơn vị" in found
    text = readable(get(admin_client, "admin:units_unitkind_changelist"))
    assert "Viện kiểm sát nhân dân cấp tỉnh" in text
    assert [code for code in UnitKind.objects.values_list("code", flat=True) if re.search(rf"\b{code}\b", text)] == []


def test_the_rule_sets_show_names_not_codes(admin_client):
    text = readable(get(admin_client, "admin:awards_ruleset_changelist"))
    assert "Luật TĐKT 2022, NĐ 98/2023 và NĐ 152/2025, Thông tư 02/2024/TT-VKSTC" in text
    assert [code for code in RuleSet.objects.values_list("code", flat=True) if code in text] == []
    found = readable(get(admin_client, "admin:awards_ruleset_changelist", q="tt-01-2019"))
    assert "Luật TĐKT 2013, NĐ 91/2017/NĐ-CP, Thông tư 01/2019/TT-VKSTC" in found
    assert "Luật TĐKT 2022, NĐ 98/2023" not in found


def test_a_title_rule_is_named_by_its_title(admin_client):
    rule_set = RuleSet.objects.get(code="law-2022-tt-02-2024")
    rule = TitleRule.objects.select_related("title").get(rule_set=rule_set, title__code="HCLD1")
    assert str(rule) == "Huân chương Lao động hạng Nhất"
    page = get(admin_client, "admin:awards_ruleset_change", rule_set.pk)
    assert f"{rule_set.code}:" not in page
    text = readable(page)
    assert "Huân chương Lao động hạng Nhất" in text and "Danh hiệu" in text  # the inline's field label
    assert not re.search(r"\bTitle\b", text)


def test_the_search_box_is_labelled_in_vietnamese(admin_client, unit):
    page = get(admin_client, "admin:units_unit_changelist")
    assert 'alt="Tìm"' in page and 'alt="Search"' not in page


# --- Permissions of a group ------------------------------------------------------------------------------------------


def test_a_group_lists_its_permissions_in_words(admin_client):
    group = Group.objects.create(name="Thường trực")
    group.permissions.add(Permission.objects.get(codename="view_unit"))
    text = readable(get(admin_client, "admin:auth_group_change", group.pk))
    assert "Đơn vị và cán bộ | đơn vị | Được xem đơn vị" in text
    assert "Can view" not in text and "Can add" not in text


# --- django-axes' records --------------------------------------------------------------------------------------------


def test_axes_records_are_named_in_vietnamese():
    log = AccessLog(username="admin", ip_address="127.0.0.1", attempt_time=AT)
    assert str(log) == "Lần đăng nhập của admin lúc 21:00 01/12/2026"
    failure = AccessFailureLog(username="admin", ip_address="127.0.0.1", attempt_time=AT, locked_out=True)
    assert str(failure) == "Đăng nhập sai của admin lúc 21:00 01/12/2026 từ địa chỉ 127.0.0.1, bị khóa"
    attempt = AccessAttempt(username=None, attempt_time=AT)
    assert str(attempt) == "Lần thử đăng nhập sai của — lúc 21:00 01/12/2026"


def test_the_access_log_shows_user_address_and_time(admin_client):
    log = AccessLog.objects.create(username="admin", ip_address="127.0.0.1", user_agent="Mozilla/5.0")
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=AT)
    page = get(admin_client, "admin:axes_accesslog_changelist")
    text = readable(page)
    assert "Lần đăng nhập của admin lúc 21:00 01/12/2026" in text  # the row's checkbox label
    row = html.unescape(re.sub(r"<[^>]+>", " ", re.search(r"<tbody>.*?</tbody>", page, flags=re.S).group(0)))
    assert row.split()[:4] == ["admin", "127.0.0.1", "21:00", "01/12/2026"]
    assert "Access Log" not in text and "2026-12-01" not in text
    text = readable(get(admin_client, "admin:axes_accesslog_change", log.pk))
    assert "Lần đăng nhập của admin lúc 21:00 01/12/2026" in text
    assert "Access Log" not in text and "+00:00" not in text


def test_an_access_attempt_page_is_titled_in_vietnamese(admin_client):
    attempt = AccessAttempt.objects.create(
        username="donghung", ip_address="10.0.0.2", failures_since_start=2, get_data="", post_data=""
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.make_aware(datetime.datetime(2026, 1, 5, 8, 30))
    )
    text = readable(get(admin_client, "admin:axes_accessattempt_change", attempt.pk))
    assert "Lần thử đăng nhập sai của donghung lúc 08:30 05/01/2026" in text
    assert "Attempted Access" not in text
