"""The Redis cache, failing open: when Redis is unreachable a read is a miss and a write is skipped, never an error.

Nothing the cache holds is the record: rendered fragments are keyed on the version of the data they show (and kept
a minute in each process as well, ``_Fragments``), the landing plan expires within a minute, sessions are in the
database. So a page without Redis is only slower.
A fault is logged as one warning a minute per process (not one per call), and for ``retry_after`` seconds
after a fault the cache is not asked at all, so a Redis that hangs costs a page one socket timeout at most.
"""

import logging
import re
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Expression, F, Func, QuerySet, Subquery
from redis.exceptions import RedisError

from units import generations

logger = logging.getLogger(__name__)

# ConnectionError, TimeoutError and the rest of redis-py's errors; OSError for a socket error it did not wrap.
FAULTS = (RedisError, OSError)


class _Health:
    """What this process knows of one Redis location: since when it fails, when that was last logged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.down_since: float | None = None
        self.skip_until = 0.0
        self.warned_at: float | None = None
        self.failures = 0


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _health_of(location: str) -> _Health:
    with _health_lock:
        return _health.setdefault(location, _Health())


def shown(location: str) -> str:
    """The location for a log line: without a user name or password."""
    servers = []
    for server in re.split("[;,]", location):
        url = urlsplit(server)
        if url.username is not None or url.password is not None:
            host = f"[{url.hostname}]" if ":" in (url.hostname or "") else url.hostname or ""
            server = urlunsplit(url._replace(netloc=host + (f":{url.port}" if url.port else "")))
        servers.append(server)
    return ",".join(servers)


def forget_faults() -> None:
    """Forget the faults this process has seen (tests that start a server on a port used before)."""
    with _health_lock:
        for health in _health.values():
            with health.lock:
                health.reset()


class PooledClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool instead of a new one for every call.

    A ``redis.Redis`` is thread-safe and holds nothing but its pool and its response callbacks; building it (a
    case-insensitive dictionary of some 170 callbacks) cost a cached page more than the Redis round trip itself."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class _Fragments:
    """Rendered fragments this process read or wrote, in front of Redis: at most ``budget`` characters, each for at
    most ``seconds``. A fragment's key names everything it shows (the data's version, the role, the language), so a
    copy is as good as Redis's own until it expires; the short life bounds the few keyed on a time window."""

    def __init__(self, budget: int, seconds: float):
        self.budget, self.seconds = budget, seconds
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self.size = 0

    def get(self, key: str):
        now = time.monotonic()
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return _MISSING
            if found[0] <= now:
                self._drop(key)
                return _MISSING
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value, timeout) -> None:
        size = len(value) if isinstance(value, str) else 1024
        if size > self.budget // 4:
            return
        seconds = self.seconds if timeout is None else min(self.seconds, timeout)
        with self.lock:
            self._drop(key)
            self.entries[key] = (time.monotonic() + seconds, value, size)
            self.size += size
            while self.size > self.budget and self.entries:
                self._drop(next(iter(self.entries)))

    def delete(self, key: str) -> None:
        with self.lock:
            self._drop(key)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0

    def _drop(self, key: str) -> None:
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= found[2]


_MISSING = object()
FRAGMENT_PREFIX = "template.cache."  # django.core.cache.utils.make_template_fragment_key


class FailOpenRedisCache(RedisCache):
    """``RedisCache`` whose every call answers as for a missing key when Redis cannot be reached.

    get → the default, get_many → {}, add / delete / touch / has_key / clear → False, set → nothing,
    set_many → every key (none was stored), incr / decr → ValueError as for a missing key. get_or_set,
    decr, incr_version, ``in`` and the async variants go through these.
    """

    retry_after = 5.0  # seconds without asking Redis after a fault
    warn_every = 60.0  # seconds between two warnings of one process

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
        # Rendered fragments are also kept in this process (``_Fragments``), at most 16 MB of text.
        self._fragments = _Fragments(budget=16 * 1024 * 1024, seconds=self.fragment_seconds)
        location = server if isinstance(server, str) else ",".join(server)
        self._health = _health_of(location)
        self._shown = shown(location)

    def _guard(self, operation, fallback, *args, **kwargs):
        health = self._health
        if health.skip_until and time.monotonic() < health.skip_until:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except FAULTS as error:
            self._failed(operation.__name__, error)
            return fallback
        if health.down_since is not None:
            self._recovered()
        return result

    def _failed(self, operation: str, error: Exception) -> None:
        health = self._health
        now = time.monotonic()
        with health.lock:
            health.failures += 1
            health.skip_until = now + self.retry_after
            if health.down_since is None:
                health.down_since = now
            warn = health.warned_at is None or now - health.warned_at >= self.warn_every
            if warn:
                health.warned_at = now
        if warn:
            logger.warning(
                "Cache at %s unreachable (%s in %s); serving without it, next warning in %d s at the earliest",
                self._shown,
                type(error).__name__,
                operation,
                self.warn_every,
            )

    def _recovered(self) -> None:
        health = self._health
        with health.lock:
            if health.down_since is None:
                return
            seconds, failures = time.monotonic() - health.down_since, health.failures
            health.reset()
        logger.info("Cache at %s reachable again after %.0f s (%d failed calls)", self._shown, seconds, failures)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().add, False, key, value, timeout, version)

    fragment_seconds = 60.0  # how long this process shows its copy of a rendered fragment

    def get(self, key, default=None, version=None):
        if key.startswith(FRAGMENT_PREFIX):
            value = self._fragments.get(self.make_key(key, version))
            if value is not _MISSING:
                return value
            value = self._guard(super().get, _MISSING, key, _MISSING, version)
            if value is _MISSING:
                return default
            self._fragments.put(self.make_key(key, version), value, self.fragment_seconds)
            return value
        return self._guard(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key.startswith(FRAGMENT_PREFIX):
            seconds = self.fragment_seconds if timeout is DEFAULT_TIMEOUT or timeout is None else timeout
            self._fragments.put(self.make_key(key, version), value, seconds)
        return self._guard(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        self._fragments.delete(self.make_key(key, version))
        return self._guard(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guard(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(super().delete_many, None, keys, version)

    def clear(self):
        self._fragments.clear()
        return self._guard(super().clear, False)


# --- Versions of the data a cached fragment shows ---------------------------------------------------------------


def data_version(anchor: QuerySet, parts: list[tuple[QuerySet, str | Expression]]) -> str:
    """The version of the data behind a cached fragment, in one query: for each ``(queryset, field)`` of
    ``parts`` the count of its rows and the greatest ``field`` (``updated_at`` for a timestamped model, ``pk``
    for a table that is only added to and deleted from; or an expression, e.g. the latest of the times of a row
    and of the rows it points to), as scalar subqueries of the one-row ``anchor``.

    A row added or deleted changes a count, a row saved moves its ``updated_at``: any write through the services
    gives a new version, so a fragment keyed on it is never stale. The version starts with the anchor's pk;
    ``None`` when ``anchor`` has no row."""
    row = next(iter(_version_query(anchor, parts)), None)
    return None if row is None else ":".join(str(value) for value in row)


def _version_query(anchor: QuerySet, parts: list[tuple[QuerySet, str | Expression]]) -> QuerySet:
    annotations = {}
    for index, (queryset, field) in enumerate(parts):
        queryset = queryset.order_by()
        # COUNT and MAX as plain functions, not aggregates: no GROUP BY, one value per subquery.
        for kind, function in (("n", "COUNT"), ("t", "MAX")):
            value = F("pk") if kind == "n" else F(field) if isinstance(field, str) else field
            value = Func(value, function=function, output_field=CharField())
            annotations[f"v{index}{kind}"] = Subquery(queryset.annotate(_v=value).values("_v")[:1])
    return anchor.order_by("pk").annotate(**annotations).values_list("pk", *annotations)[:1]


_compiled: dict[tuple, tuple[str, tuple, frozenset]] = {}
_COMPILED_AT_MOST = 256


def data_version_of(key: tuple, build) -> str | None:
    """``data_version(*build())`` with its SQL compiled once per ``key`` and process: a version of fifteen
    tables is thirty subqueries, and building them through the ORM costs a page more than running them. ``key``
    must name everything the query depends on (the ids ``build`` filters on), so that one key is one SQL text.

    The answer is kept in the process under the generations of the query's tables (``units.generations``): the
    query runs again only after one of them was written, so a cached page costs no query for its version."""
    connection = connections[DEFAULT_DB_ALIAS]
    key = (connection.vendor, *key)
    compiled = _compiled.get(key)
    if compiled is None:
        if len(_compiled) >= _COMPILED_AT_MOST:
            _compiled.clear()
        sql, params = _version_query(*build()).query.sql_with_params()
        compiled = _compiled[key] = (sql, params, generations.read_tables(sql))
    sql, params, tables = compiled

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return None if row is None else ":".join(str(value) for value in row)

    return generations.kept(("version", *key), tables, run)
