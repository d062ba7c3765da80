import datetime
import os

import pytest
from django.utils import timezone

from tests import factories as f
from tests.factories import local_dt
from units.enums import Role


def pytest_configure(config):
    # CI must test against the real services; never fall back to SQLite or in-process Celery silently.
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.exit("CI requires DATABASE_URL pointing at PostgreSQL.", returncode=2)
    if os.environ.get("CI") and not os.environ.get("REDIS_URL"):
        pytest.exit("CI requires REDIS_URL pointing at Redis.", returncode=2)


@pytest.fixture
def province(db):
    return f.make_province()


@pytest.fixture
def unit(province):
    return f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")


@pytest.fixture
def other_unit(province):
    return f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")


@pytest.fixture
def staff(unit):
    return [
        f.make_staff(unit, "Nguyễn Văn An"),
        f.make_staff(unit, "Trần Thị Bình", gender="female"),
        f.make_staff(unit, "Lê Đức Cường"),
    ]


@pytest.fixture
def plan(province):
    return f.make_plan(province, 2018)


@pytest.fixture
def officer(unit):
    return f.make_officer(unit)


@pytest.fixture
def other_officer(other_unit):
    return f.make_officer(other_unit)


@pytest.fixture
def secretariat(province):
    return f.make_user(Role.SECRETARIAT, province=province)


@pytest.fixture
def council_member(province):
    return f.make_user(Role.COUNCIL_MEMBER, province=province)


@pytest.fixture
def admin_user(province):
    return f.make_user(Role.ADMIN, province=province)


@pytest.fixture
def before_deadline():
    return local_dt(2018, 1, 15, 10, 0)


@pytest.fixture
def freeze(monkeypatch):
    """``freeze(local_dt(...))`` makes ``timezone.now()`` return that moment for the rest of the test."""

    def _freeze(moment: datetime.datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return _freeze


def load_catalogues():
    """The rows the data migrations load (unit kinds, titles); a flush by a transactional test removes them."""
    import importlib

    from django.apps import apps

    for module in (
        "units.migrations.0002_unit_kinds",
        "awards.migrations.0002_load_titles",
        "awards.migrations.0005_forms_and_rule_sets",
        "awards.migrations.0007_rules_read_again",
    ):
        importlib.import_module(module).load(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_catalogues()


@pytest.fixture(autouse=True)
def _catalogues_for_transactional_tests(request):
    """Transactional tests start after another one may have flushed the database: put the catalogues back."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        load_catalogues()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments are keyed on data versions; tests reuse ids and frozen times, so each starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
