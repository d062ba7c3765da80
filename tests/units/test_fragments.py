"""``{% cache_forms %}``: a cached fragment of POST forms gets this request's CSRF token, never the one it was
rendered with, and no text shown in it can pass for a hole; ``data_version_of``: a version query compiled once."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from units.cache import data_version, data_version_of
from units.models import Staff, Unit
from units.services import staff_update
from units.templatetags.fragments import HOLE, HOLE_VALUE

TEMPLATE = Template(
    "{% load fragments %}{% cache_forms 60 forms key %}"
    "<form>{% csrf_token %}<b>{{ name }}</b></form><form>{% csrf_token %}</form>{% endcache_forms %}"
)


def render(token, name="An", key=1):
    return TEMPLATE.render(Context({"csrf_token": token, "name": name, "key": key}))


def test_the_cached_fragment_gets_each_requests_token():
    first = render("token-of-the-first")
    second = render("token-of-the-second", name="changed, but cached")
    assert first.count('name="csrfmiddlewaretoken" value="token-of-the-first"') == 2
    assert second == first.replace("token-of-the-first", "token-of-the-second")
    assert HOLE_VALUE not in second


def test_without_a_token_the_forms_have_none():
    assert render(None, key=2) == "<form><b>An</b></form><form></form>"


def test_text_shown_in_the_fragment_cannot_look_like_a_hole():
    html = render("real-token", name=HOLE, key=3)
    assert html.count('value="real-token"') == 2
    assert "&lt;input" in html and HOLE_VALUE in html  # the name, escaped, left as it was typed


# --- units.cache.data_version_of: the version query compiled once per key ----------------------------------------


def test_a_compiled_version_is_the_version_and_moves_with_the_data(db, province, unit):
    person = f.make_staff(unit, "Nguyễn Văn An")
    built = []

    def build():
        built.append(1)
        people = Staff.objects.filter(unit__province_id=province.pk)
        return Unit.objects.filter(pk=province.pk), [(people, "updated_at")]

    key = ("test", province.pk)
    first = data_version_of(key, build)
    assert first == data_version(*build()) and first.startswith(f"{province.pk}:1:")
    built.clear()
    with CaptureQueriesContext(connection) as context:
        assert data_version_of(key, build) == first
    assert built == [] and len(context) == 0  # not built again; kept under the tables' generations
    staff_update(staff=person, full_name="Nguyễn Văn Ân")
    f.make_staff(unit, "Trần Thị Bình")
    second = data_version_of(key, build)
    assert second != first and second.startswith(f"{province.pk}:2:")
