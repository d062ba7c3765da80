"""``units.generations``: a version kept under its tables' generations moves with every kind of write, whoever
makes it (a service, ``update()``, raw SQL, ``transition_where``, the admin, another connection's commit), and is
not trusted while the cache cannot take a bump."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from units import generations
from units.cache import data_version_of
from units.models import Staff, Unit


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('SELECT "units_staff"."id" FROM "units_staff"', None),
        ("SAVEPOINT s1", None),
        ('INSERT INTO "units_staff" ("full_name") VALUES (%s) RETURNING "units_staff"."id"', {"units_staff"}),
        ('UPDATE "units_staff" SET "full_name" = %s WHERE "units_staff"."id" = %s', {"units_staff"}),
        ('DELETE FROM "units_staff" WHERE "units_staff"."id" IN (%s)', {"units_staff"}),
        ("  update units_unit set name = 'x'", {"units_unit"}),
        ('TRUNCATE "units_staff", "units_unit"', {"*"}),
        ('WITH moved AS (UPDATE "units_staff" SET x = 1 RETURNING id) SELECT id FROM moved', {"*"}),
        ("ALTER TABLE units_staff ADD COLUMN y integer", {"*"}),
    ],
)
def test_what_a_statement_writes(sql, tables):
    found = generations.written_tables(sql)
    assert (None if found is None else set(found)) == tables


def test_the_tables_a_version_query_reads():
    sql = 'SELECT "u"."id", (SELECT MAX(x) FROM "units_staff" U0 INNER JOIN "units_unit" U1 ON 1) FROM "units_unit" u'
    assert generations.read_tables(sql) == {"units_staff", "units_unit"}


@pytest.fixture
def version(province):
    def build():
        people = Staff.objects.filter(unit__province_id=province.pk)
        return Unit.objects.filter(pk=province.pk), [(people, "updated_at")]

    def current():
        return data_version_of(("test-generations", province.pk), build)

    return current


def queries(call):
    with CaptureQueriesContext(connection) as context:
        value = call()
    return value, len(context)


def test_each_kind_of_write_moves_the_kept_version(db, unit, version):
    person = f.make_staff(unit, "Nguyễn Văn An")
    seen = [version()]
    assert queries(version) == (seen[0], 0)  # kept: no query

    def moved():
        value, count = queries(version)
        assert count == 1 and value != seen[-1], "the write was not seen"
        seen.append(value)
        assert queries(version) == (value, 0)

    Staff.objects.filter(pk=person.pk).update(full_name="Nguyễn Văn Ân", updated_at=timezone.now())  # update()
    moved()
    with connection.cursor() as cursor:  # raw SQL
        cursor.execute(
            "UPDATE units_staff SET position = %s, updated_at = %s WHERE id = %s",
            ["Viện trưởng", timezone.now(), person.pk],
        )
    moved()
    Staff.objects.bulk_create([Staff(unit=unit, full_name="Trần Thị Bình", gender="female")])
    moved()
    Staff.objects.filter(full_name="Trần Thị Bình").delete()
    moved()


def test_a_savepoint_rolled_back_does_not_leave_what_it_showed(db, unit, version):
    f.make_staff(unit, "Nguyễn Văn An")
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        f.make_staff(unit, "Trần Thị Bình")
        inside = version()
        assert inside != before
        raise RuntimeError
    assert version() == before


@pytest.mark.django_db(transaction=True)
def test_another_connections_commit_moves_it(province, unit, version):
    if connection.vendor == "sqlite":
        pytest.skip("two connections writing at once: PostgreSQL, as deployed")
    f.make_staff(unit, "Nguyễn Văn An")
    before = version()
    written, go_on = threading.Event(), threading.Event()

    def other():
        try:
            with transaction.atomic():
                f.make_staff(unit, "Trần Thị Bình")
                written.set()
                go_on.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other)
    thread.start()
    assert written.wait(10)
    during = version()  # the other transaction has not committed: the data as it was
    go_on.set()
    thread.join(10)
    after = version()
    assert after != before and after != during and during.split(":")[1] == before.split(":")[1]


class Unreachable:
    """The fail-open cache while Redis does not answer: ``incr`` as for a missing key, ``add`` stores nothing."""

    def incr(self, key, delta=1):
        raise ValueError(key)

    def add(self, *args, **kwargs):
        return False

    def get_many(self, keys):
        return {}

    def get(self, key, default=None):
        return default


def test_without_the_cache_nothing_is_kept(db, unit, version, monkeypatch):
    f.make_staff(unit, "Nguyễn Văn An")
    version()
    monkeypatch.setattr(generations, "cache", Unreachable())
    f.make_staff(unit, "Trần Thị Bình")  # its bump cannot be sent
    assert queries(version)[1] == 1 and queries(version)[1] == 1  # computed every time
    monkeypatch.undo()  # Redis answers again
    value, count = queries(version)  # the bump kept in the process is sent first, then the answer is kept again
    assert count == 1 and queries(version) == (value, 0)


def test_a_kept_count_and_kept_rows_move_with_their_tables(db, unit):
    people = Staff.objects.filter(unit=unit).order_by("pk")
    f.make_staff(unit, "Nguyễn Văn An")
    assert queries(lambda: generations.kept_count(people)) == (1, 1)
    assert queries(lambda: generations.kept_count(people)) == (1, 0)
    rows = generations.kept_rows(people.values("full_name"))
    rows[0]["full_name"] = "changed by a request"  # a copy: the kept rows stay as read
    assert queries(lambda: generations.kept_rows(people.values("full_name"))) == ([{"full_name": "Nguyễn Văn An"}], 0)
    f.make_staff(unit, "Trần Thị Bình")
    assert queries(lambda: generations.kept_count(people)) == (2, 1)
    assert [row["full_name"] for row in generations.kept_rows(people.values("full_name"))] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert generations.kept_count(people.filter(full_name__startswith="Tr")) == 1  # another filter, another key


def test_a_request_reads_the_generations_once_until_it_writes(db, unit, monkeypatch):
    asked = []
    real = generations.cache.get_many
    monkeypatch.setattr(generations.cache, "get_many", lambda keys: asked.append(sorted(keys)) or real(keys))
    generations.request_started()
    try:
        first = generations.generations({"units_staff", "units_unit"})
        assert generations.generations({"units_staff"}) == (first[0], first[1])  # "*" and units_staff: remembered
        assert len(asked) == 1
        f.make_staff(unit, "Nguyễn Văn An")  # this request writes: what it read before is forgotten
        after = generations.generations({"units_staff"})
        assert len(asked) == 2 and after[1] != first[1]
    finally:
        generations.request_finished()
    generations.generations({"units_staff"})
    generations.generations({"units_staff"})
    assert len(asked) == 4  # outside a request nothing is remembered


def test_a_kept_read_with_a_key_is_compiled_once(db, unit):
    f.make_staff(unit, "Nguyễn Văn An")
    people = Staff.objects.filter(unit=unit)
    key = ("test-people", unit.pk)
    assert generations.kept_count(people, key) == 1
    f.make_staff(unit, "Trần Thị Bình")
    assert queries(lambda: generations.kept_count(people, key)) == (2, 1)  # its tables' generation moved
    assert queries(lambda: generations.kept_count(people, key)) == (2, 0)
