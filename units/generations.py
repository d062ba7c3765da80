"""Table generations: a counter per database table in the cache, moved by every write to that table.

A cached fragment is keyed on the version of the data it shows (``units.cache.data_version_of``): one query over
the tables behind the page. On a busy read-mostly page that query is most of what a cached hit costs. Its answer
can only change when one of its tables is written, so it is kept in this process under the generations of its
tables and run again only when one of them moved.

Every write is seen, whoever makes it: the services, ``transition_where``'s conditional updates, the admin, the
imports, a management command, a raw ``cursor.execute``. ``install`` puts ``_note`` among the execute wrappers of
each database connection (``connection_created``); it reads the first words of each statement, and for an INSERT,
UPDATE, DELETE (or any statement it cannot read: TRUNCATE, DDL, ``WITH … UPDATE``) it moves the table's
generation (or all of them) at once and again when the transaction commits. At once, so that a reader on the same
connection (a test, a request that writes then reads) never sees an old answer; at commit, so that an answer
computed by another connection before the commit — from the data as it was — is not kept under the new
generation; and when a savepoint rolls back, so that what this connection saw of its own writes is not kept.
(Pages compute versions outside transactions: no view renders inside ``atomic``.)

A generation that is not in the cache (never written since Redis started, or evicted) is created with a value
never used before (the time in nanoseconds), so an answer kept under an old value is never taken for a new one.
When the cache cannot be reached, a bump is kept in this process and sent first when it can; until then this
process keeps no answers, and every answer is kept at most ``KEEP_SECONDS`` whatever happens.

Within a request the generations read first are used for every later answer of the page (one read of the cache,
one snapshot), until the request writes.

Only where the cache is shared by every process (``GENERATIONS_KEPT``: Redis, as deployed; the tests, one process
per database): a process's own memory does not see the writes of another.
"""

import re
import threading
import time

from django.conf import settings
from django.core import signals
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

PREFIX = "gen:"
EVERY_TABLE = "*"  # a statement whose table could not be read moves every generation
KEEP_SECONDS = 120.0
_KEEP_AT_MOST = 4096

_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET ", "SHOW", "EXPLAIN", "PRAGMA")
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"]?(\w+)', re.I)
_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+[`"]?(\w+)', re.I)

_lock = threading.Lock()
_unsent: set[str] = set()  # bumps the cache did not take
_answers: dict[tuple, tuple[float, object]] = {}
# Within a request, the generations already read (one snapshot for every kept answer of the page); emptied by a
# write of this thread. Outside a request (a task, a command) nothing is remembered.
_request = threading.local()


def written_tables(sql: str) -> frozenset[str] | None:
    """The tables a statement writes: ``None`` for a read, ``{"*"}`` for a write whose table is not read here."""
    head = sql.lstrip()[:10].upper()
    if head.startswith(_READS):
        return None
    match = _WRITE.match(sql)
    return frozenset({match.group(1)}) if match else frozenset({EVERY_TABLE})


def read_tables(sql: str) -> frozenset[str]:
    """The tables a SELECT reads (after FROM and JOIN, subqueries included)."""
    return frozenset(_TABLES.findall(sql))


# --- Moving generations -------------------------------------------------------------------------------------------


def _fresh() -> int:
    return time.time_ns()


def _bump_one(key: str) -> bool:
    try:
        cache.incr(key)
        return True
    except ValueError:  # not in the cache (or the cache is unreachable: then ``add`` fails too)
        pass
    if cache.add(key, _fresh()):
        return True
    try:
        cache.incr(key)  # another process created it meanwhile
        return True
    except ValueError:
        return False


def bump(tables) -> None:
    """Move the generation of each of ``tables`` (table names, or ``"*"``)."""
    if getattr(_request, "seen", None) is not None:
        _request.seen = {}
    keys = {PREFIX + table for table in tables}
    with _lock:
        keys |= _unsent
        _unsent.clear()
    failed = {key for key in keys if not _bump_one(key)}
    if failed:
        with _lock:
            _unsent.update(failed)
            _answers.clear()


class _AtCommit:
    """The tables a transaction wrote, bumped once more when it commits."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self):
        bump(self.tables)


def _note(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not settings.GENERATIONS_KEPT:
        return result
    sql = sql if isinstance(sql, str) else str(sql)
    tables = written_tables(sql)
    if tables is None and sql.lstrip()[:8].upper() == "ROLLBACK":
        # A savepoint rolled back: what a reader on this connection saw of its writes is gone again.
        pending = context["connection"].__dict__.get("_generations_at_commit")
        if pending is not None and pending.tables:
            bump(pending.tables)
    if tables is not None:
        bump(tables)
        connection = context["connection"]
        if connection.in_atomic_block:
            pending = connection.__dict__.get("_generations_at_commit")
            # A new one when the last one ran (committed) or was dropped with a rolled-back transaction.
            if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
                pending = connection._generations_at_commit = _AtCommit()
                transaction.on_commit(pending, using=connection.alias)
            pending.tables |= tables
    return result


def _install_on(connection) -> None:
    if _note not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note)


def install() -> None:
    """Watch every connection's writes (``UnitsConfig.ready``)."""
    from django.db import connections  # the connections handler; imported late so settings are loaded

    connection_created.connect(_on_connection_created, dispatch_uid="units.generations")
    signals.request_started.connect(request_started, dispatch_uid="units.generations.start")
    signals.request_finished.connect(request_finished, dispatch_uid="units.generations.finish")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)


def _on_connection_created(sender, connection, **kwargs):
    _install_on(connection)


# --- Reading them -------------------------------------------------------------------------------------------------


def generations(tables) -> tuple | None:
    """The generations of ``tables`` (and of every table), creating the missing ones; ``None`` when they cannot be
    trusted (the cache is unreachable, or this process holds a bump it could not send)."""
    with _lock:
        unsent = bool(_unsent)
    if unsent:
        bump(())
        with _lock:
            if _unsent:
                return None
    keys = [PREFIX + EVERY_TABLE, *sorted(PREFIX + table for table in tables)]
    seen = getattr(_request, "seen", None)
    found = {key: seen[key] for key in keys if key in seen} if seen is not None else {}
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    for key in keys:
        if key not in found:
            fresh = _fresh()
            found[key] = fresh if cache.add(key, fresh) else cache.get(key)
            if found[key] is None:
                return None
    if seen is not None:
        seen.update(found)
    return tuple(found[key] for key in keys)


def request_started(**kwargs) -> None:
    _request.seen = {}


def request_finished(**kwargs) -> None:
    _request.seen = None


def kept(key: tuple, tables, compute):
    """``compute()``, kept in this process under ``key`` and the generations of ``tables`` (at most
    ``KEEP_SECONDS``); computed each time when the generations cannot be trusted."""
    current = generations(tables) if settings.GENERATIONS_KEPT else None
    if current is None:
        return compute()
    now = time.monotonic()
    full_key = (key, current)
    with _lock:
        found = _answers.get(full_key)
    if found is not None and now - found[0] < KEEP_SECONDS:
        return found[1]
    answer = compute()
    with _lock:
        if len(_answers) >= _KEEP_AT_MOST:
            _answers.clear()
        _answers[full_key] = (now, answer)
    return answer


def forget() -> None:
    """Forget the answers kept in this process (tests)."""
    with _lock:
        _answers.clear()
        _unsent.clear()


# --- Reads kept the same way ---------------------------------------------------------------------------------------


_tables_of_key: dict[tuple, frozenset] = {}


def _key_and_tables(kind: str, queryset, key: tuple | None) -> tuple[tuple, frozenset]:
    """The key of a kept read and the tables its SQL reads. Without ``key`` the SQL and its parameters are the key
    (compiled on every call); with one, ``key`` must name everything the queryset depends on, and the SQL is
    compiled once per key and process, for its tables."""
    if key is None:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
        return (kind, sql, tuple(params)), read_tables(sql)
    key = (kind, *key)
    tables = _tables_of_key.get(key)
    if tables is None:
        if len(_tables_of_key) >= _KEEP_AT_MOST:
            _tables_of_key.clear()
        sql, _params = queryset.query.get_compiler(queryset.db).as_sql()
        tables = _tables_of_key[key] = read_tables(sql)
    return key, tables


def kept_count(queryset, key: tuple | None = None) -> int:
    """``queryset.count()``, kept under the generations of the tables it reads."""
    key, tables = _key_and_tables("count", queryset, key)
    return kept(key, tables, queryset.count)


def kept_rows(queryset, key: tuple | None = None) -> list:
    """``list(queryset)`` of plain values (``values()`` / ``values_list()`` rows: nothing a request could change in
    place is shared between requests), kept like ``kept_count``."""
    key, tables = _key_and_tables("rows", queryset, key)
    rows = kept(key, tables, lambda: tuple(queryset))
    return [dict(row) if isinstance(row, dict) else row for row in rows]


class CountKept:
    """A queryset for a ``Paginator`` whose count is kept (``kept_count``); its pages are read as before."""

    def __init__(self, queryset, key: tuple | None = None):
        self.queryset = queryset
        self.key = key
        self.ordered = queryset.ordered

    def count(self) -> int:
        return kept_count(self.queryset, self.key)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return self.queryset[index]
