"""The deployed cache fails open: with Redis gone every call answers as for a missing key, fast, with one warning."""

import asyncio
import json
import logging
import os
import subprocess
import sys
import time

import pytest
import redis
from django.utils.module_loading import import_string

from config.settings.base import redis_caches
from tests.redis_server import started_redis_server
from units import cache as fail_open

pytestmark = pytest.mark.redis_server


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: another test (the browser's) may have left an event loop
    running in this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def deployed_cache(url: str):
    """The cache exactly as ``redis_caches`` configures it (what base.py deploys for REDIS_URL)."""
    config = redis_caches(url)["default"]
    params = {key: value for key, value in config.items() if key not in ("BACKEND", "LOCATION")}
    return import_string(config["BACKEND"])(config["LOCATION"], params)


@pytest.fixture
def server():
    fail_open.forget_faults()
    server = started_redis_server()
    yield server
    server.stop()
    fail_open.forget_faults()


def test_the_deployment_uses_the_fail_open_cache_and_keeps_sessions_and_lockouts_in_the_database(settings):
    """What base.py builds for REDIS_URL (the test settings replace the cache, so ask a fresh interpreter)."""
    code = "import json; from config.settings import base as b; print(json.dumps([b.CACHES, b.SESSION_ENGINE]))"
    env = {**os.environ, "REDIS_URL": "redis://cache.example:6379/3"}
    env.pop("CACHE_URL", None)
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    caches, session_engine = json.loads(output.stdout)
    assert caches == redis_caches("redis://cache.example:6379/3")
    assert caches["default"]["BACKEND"] == "units.cache.FailOpenRedisCache"
    assert caches["default"]["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    assert session_engine == settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_with_redis_up_it_is_an_ordinary_cache(server):
    cache = deployed_cache(server.url())
    cache.set("plan", 7)
    assert cache.get("plan") == 7 and cache.has_key("plan") and "plan" in cache
    assert cache.add("plan", 8) is False and cache.add("other", 8) is True
    assert cache.incr("plan") == 8 and cache.decr("plan", 2) == 6
    assert cache.set_many({"a": 1, "b": 2}) == []
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert cache.get_or_set("c", lambda: 3) == 3 and cache.get("c") == 3
    assert cache.touch("a", 60) is True and cache.delete("a") is True
    cache.delete_many(["b", "c"])
    assert cache.get_many(["a", "b", "c"]) == {}
    with pytest.raises(ValueError):
        cache.incr("missing")  # a real miss is still Django's ValueError
    assert run_async(cache.aget("plan")) == 6
    assert cache.clear() is True and cache.get("plan") is None


MISS = [
    ("get", lambda c: c.get("k"), None),
    ("get with default", lambda c: c.get("k", "default"), "default"),
    ("set", lambda c: c.set("k", 1), None),
    ("add", lambda c: c.add("k", 1), False),
    ("delete", lambda c: c.delete("k"), False),
    ("get_many", lambda c: c.get_many(["k", "l"]), {}),
    ("set_many", lambda c: c.set_many({"k": 1, "l": 2}), ["k", "l"]),
    ("delete_many", lambda c: c.delete_many(["k", "l"]), None),
    ("has_key", lambda c: c.has_key("k"), False),
    ("in", lambda c: "k" in c, False),
    ("touch", lambda c: c.touch("k", 60), False),
    ("clear", lambda c: c.clear(), False),
    ("get_or_set", lambda c: c.get_or_set("k", 5), 5),
    ("get_or_set callable", lambda c: c.get_or_set("k", lambda: 6), 6),
    ("aget", lambda c: run_async(c.aget("k", "default")), "default"),
    ("aset", lambda c: run_async(c.aset("k", 1)), None),
]


@pytest.mark.parametrize(("operation", "call", "expected"), MISS, ids=[m[0] for m in MISS])
@pytest.mark.parametrize("fault", ["killed", "hung"])
def test_with_redis_gone_every_call_is_a_miss(server, fault, operation, call, expected):
    cache = deployed_cache(server.url())
    cache.set("k", "stored before the fault")
    if fault == "killed":
        server.stop()
    else:
        server.pause()
    started = time.monotonic()
    assert call(cache) == expected
    # A stopped server refuses at once; a hung one costs one socket timeout (0.5 s).
    assert time.monotonic() - started < (0.2 if fault == "killed" else 1.0)


@pytest.mark.parametrize("call", [lambda c: c.incr("k"), lambda c: c.decr("k"), lambda c: c.incr_version("k")])
def test_with_redis_gone_counters_are_missing_keys(server, call):
    cache = deployed_cache(server.url())
    cache.set("k", 1)
    server.stop()
    with pytest.raises(ValueError):
        call(cache)


def test_an_outage_is_one_warning_a_minute_and_its_end_is_logged(server, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="units.cache")
    cache = deployed_cache(server.url())
    server.stop()
    monkeypatch.setattr(fail_open.FailOpenRedisCache, "retry_after", 0)  # ask Redis each time
    for _ in range(50):
        assert cache.get("k") is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith(f"Cache at {server.url()} unreachable (ConnectionError in get)")
    monkeypatch.setattr(fail_open.FailOpenRedisCache, "warn_every", 0)
    cache.get("k")
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2
    server.start()
    cache.set("k", 1)
    assert cache.get("k") == 1
    (recovered,) = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert recovered.startswith(f"Cache at {server.url()} reachable again after ")
    assert recovered.endswith(" s (51 failed calls)")


def test_after_a_fault_redis_is_left_alone_for_a_few_seconds(server, monkeypatch):
    """So that a hung Redis costs a page one socket timeout, not one per fragment."""
    cache = deployed_cache(server.url())
    server.pause()
    started = time.monotonic()
    for number in range(20):
        assert cache.get(f"fragment-{number}") is None
    assert time.monotonic() - started < 1.0  # one timeout, then no more asking
    server.resume()
    cache.set("k", 1)  # still within retry_after: not written
    direct = redis.Redis.from_url(server.url())
    assert direct.keys("*") == []
    monkeypatch.setattr(fail_open.FailOpenRedisCache, "retry_after", 0)
    fail_open.forget_faults()
    cache.set("k", 1)
    assert cache.get("k") == 1 and len(direct.keys("*")) == 1
    direct.close()


def test_a_password_is_not_logged():
    assert fail_open.shown("redis://:s3cret@10.0.0.5:6380/1") == "redis://10.0.0.5:6380/1"
    assert fail_open.shown("redis://user:pw@[::1]:6379/0,redis://cache/0") == "redis://[::1]:6379/0,redis://cache/0"


# --- Rendered fragments kept in the process as well -----------------------------------------------------------------


def test_a_fragment_is_read_from_redis_once_a_minute_per_process(server, monkeypatch):
    cache = deployed_cache(server.url())
    key = "template.cache.review_table.0123456789abcdef"
    cache.set(key, "<table>…</table>", 3600)
    raw = redis.Redis.from_url(server.url())
    raw.flushall()  # gone from Redis: this process still has its copy, as good as Redis's for the key
    assert cache.get(key) == "<table>…</table>"
    cache.set("plan", 7)
    raw.flushall()
    assert cache.get("plan") is None  # anything but a fragment is read from Redis every time
    clock = [time.monotonic()]
    monkeypatch.setattr(fail_open.time, "monotonic", lambda: clock[0])
    clock[0] += cache.fragment_seconds + 1
    assert cache.get(key) is None  # its minute is over: read from Redis again, which has none
    cache.set(key, "<table>2</table>", 3600)
    assert cache.get(key) == "<table>2</table>"
    cache.delete(key)
    assert cache.get(key) is None
    cache.set(key, "<table>3</table>", 3600)
    raw.flushall()
    cache.clear()
    assert cache.get(key) is None


def test_a_fragment_read_from_another_process_is_kept_and_the_budget_holds(server):
    writer, reader = deployed_cache(server.url()), deployed_cache(server.url())
    key = "template.cache.agenda.abc"
    writer.set(key, "x" * 1000, 3600)
    assert reader.get(key) == "x" * 1000  # read from Redis and kept
    redis.Redis.from_url(server.url()).flushall()
    assert reader.get(key) == "x" * 1000
    reader._fragments.budget = 4000  # a fragment over a quarter of it is not kept
    for index in range(5):
        reader.set(f"template.cache.other.{index}", "y" * 1000, 3600)
    assert reader._fragments.size <= 4000 and len(reader._fragments.entries) == 4  # the oldest went first
    assert reader._fragments.get(reader.make_key(key)) is fail_open._MISSING
