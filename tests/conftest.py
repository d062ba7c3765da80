import datetime
import os

import pytest
from django.utils import timezone
from pytest_django.plugin import blocking_manager_key
from xdist.scheduler import LoadGroupScheduling

from tests import factories as f
from tests.factories import local_dt
from units.enums import Role


def pytest_configure(config):
    # CI must test against the real services; never fall back to SQLite or in-process Celery silently.
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.exit("CI requires DATABASE_URL pointing at PostgreSQL.", returncode=2)
    if os.environ.get("CI") and not os.environ.get("REDIS_URL"):
        pytest.exit("CI requires REDIS_URL pointing at Redis.", returncode=2)


# Tests that must never be split over two xdist processes, by what they share: a browser journey file (its
# screenshots, its session's Chromium) and the tests that start Celery workers or redis-servers (the broker's
# database 15, private servers, processes killed by the test). Each group runs whole on one process.
# pytest-xdist's own `xdist_group` mark does not reach its scheduler under pytest 9.2 (it renames `item._nodeid`,
# which pytest no longer reads), so the groups are named here by path and the scheduler below reads them.
SERIAL_GROUPS = {
    "tests/browser/": "browser",
    "tests/test_worker.py": "services",
    "tests/test_faults.py": "services",
    "tests/units/test_cache.py": "services",
    "tests/reports/test_signing_worker.py": "services",
}
SERIAL_MARKERS = ("browser", "worker", "redis_server")


def serial_group(nodeid: str) -> str | None:
    group = next((group for prefix, group in SERIAL_GROUPS.items() if nodeid.startswith(prefix)), None)
    if group == "browser":
        # Each journey file whole on one process (its own screenshots); two files may run at once, each process
        # with its own Chromium and live server.
        return f"browser:{nodeid.split('::')[0]}"
    return group


class SerialGroupScheduling(LoadGroupScheduling):
    """pytest-xdist's `loadgroup`, with the groups of ``SERIAL_GROUPS``: each group is one unit of work."""

    def _split_scope(self, nodeid: str) -> str:
        return serial_group(nodeid) or super()._split_scope(nodeid)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return SerialGroupScheduling(config, log)
    return None


def pytest_collection_modifyitems(config, items):
    """A test marked as starting services or a browser must be in a serial group."""
    loose = [
        item.nodeid
        for item in items
        if any(item.get_closest_marker(name) for name in SERIAL_MARKERS) and not serial_group(item.nodeid)
    ]
    if loose:
        raise pytest.UsageError(f"Add these tests' files to SERIAL_GROUPS in tests/conftest.py: {loose}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying the database. Run alone, pytest-django puts those tests last; on an
    xdist process a group of them may be followed by ordinary tests, so the catalogues go back at once."""
    yield
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    if nextitem is not None and (
        "transactional_db" in names or "live_server" in names or (marker and marker.kwargs.get("transaction"))
    ):
        with item.config.stash[blocking_manager_key].unblock():
            from django.db import connection

            # A test skipped before its database was set up (a worker test without Redis) left nothing to refill.
            if "units_unitkind" in connection.introspection.table_names():
                load_catalogues()


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

    class _Registry:
        """The live registry under the names the migrations use: the catalogue was created as ``awards.Title``
        and lives in ``movements`` since issue 12."""

        MOVED = {("awards", "title"): ("movements", "Title")}

        def get_model(self, app_label, model_name):
            return apps.get_model(*self.MOVED.get((app_label, model_name.lower()), (app_label, model_name)))

    for module in (
        "units.migrations.0002_unit_kinds",
        "awards.migrations.0002_load_titles",
        "awards.migrations.0005_forms_and_rule_sets",
        "awards.migrations.0007_rules_read_again",
        "awards.migrations.0010_member_share_title",
        "awards.migrations.0015_consultation_rules",
    ):
        importlib.import_module(module).load(_Registry(), None)
    # The secretariat's admin group (units/0006): its migration builds permissions through the historical app
    # registry, so the group is put back here with the live models.
    from django.contrib.auth.models import Group, Permission

    group_migration = importlib.import_module("units.migrations.0006_secretariat_group")
    group, _created = Group.objects.get_or_create(name=group_migration.GROUP)
    for app_label, model in group_migration.MODELS:
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, content_type__model=model))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_catalogues()


@pytest.fixture(autouse=True)
def _catalogues_for_transactional_tests(request):
    """Transactional tests start after another one may have flushed the database: put the catalogues back. So do
    the other database tests that run after one on the same worker (the serial groups of the xdist scheduler can
    send a transactional test before them): one query tells, and the reload is rolled back with the test."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        load_catalogues()
    elif "db" in request.fixturenames or marker:
        request.getfixturevalue("db")
        from django.contrib.auth.models import Group

        if not Group.objects.filter(name="Thường trực Hội đồng").exists():
            load_catalogues()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments are keyed on data versions; tests reuse ids and frozen times, so each starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
