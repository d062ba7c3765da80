"""The checks behind the health page (``/healthz``): the database, Redis, the last beat tick, the last worker run.

Each check answers ``{"status": …}`` and, for a heartbeat, its age in seconds. Nothing here reads the cache or the
session, and nothing names a person or a unit, so the page can be public and answers while Redis is down.
"""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from units.models import ServiceHeartbeat

logger = logging.getLogger(__name__)

OK = "ok"
STALE = "stale"  # a heartbeat older than HEALTH_HEARTBEAT_MAX_AGE
DOWN = "down"  # unreachable, or a heartbeat never recorded
NOT_CONFIGURED = "not configured"  # Redis without REDIS_URL (the embedded mode of `make run`)
NOT_USED = "not used"  # beat and workers when Celery runs tasks in-process
UNKNOWN = "unknown"  # a heartbeat that could not be read because the database is down
FAILING = {STALE, DOWN, UNKNOWN}

HEARTBEATS = ("beat", "worker")
REDIS_TIMEOUT = 0.5  # seconds, to connect and to answer


def database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database is down: %s", error)
        return {"status": DOWN}
    return {"status": OK}


def redis_check() -> dict:
    """One PING to REDIS_URL's server, one attempt, half a second at most."""
    if not settings.REDIS_URL:
        return {"status": NOT_CONFIGURED}
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=REDIS_TIMEOUT,
        socket_timeout=REDIS_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        logger.warning("Health check: Redis is down: %s", error)
        return {"status": DOWN}
    finally:
        client.close()
    return {"status": OK}


def heartbeat_checks(*, now: datetime.datetime, database_up: bool) -> dict[str, dict]:
    """The age of the beat's last tick and of the last heartbeat task a worker ran (see ``units.tasks``)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {name: {"status": NOT_USED} for name in HEARTBEATS}
    if not database_up:
        return {name: {"status": UNKNOWN} for name in HEARTBEATS}
    max_age = settings.HEALTH_HEARTBEAT_MAX_AGE
    try:
        seen = dict(ServiceHeartbeat.objects.filter(name__in=HEARTBEATS).values_list("name", "at"))
    except DatabaseError as error:
        logger.warning("Health check: heartbeats unreadable: %s", error)
        return {name: {"status": UNKNOWN} for name in HEARTBEATS}
    checks = {}
    for name in HEARTBEATS:
        if name not in seen:
            checks[name] = {"status": DOWN, "age": None, "max_age": max_age}
            continue
        # Beat and workers may run on other machines: a clock slightly ahead is not a negative age.
        age = max(0, int((now - seen[name]).total_seconds()))
        checks[name] = {"status": OK if age <= max_age else STALE, "age": age, "max_age": max_age}
    return checks


def health_report() -> tuple[bool, dict]:
    """Every check, and whether all of them pass (beat and workers "not used" and Redis "not configured" pass)."""
    database = database_check()
    checks = {
        "database": database,
        "redis": redis_check(),
        **heartbeat_checks(now=timezone.now(), database_up=database["status"] == OK),
    }
    healthy = not any(check["status"] in FAILING for check in checks.values())
    return healthy, {"status": OK if healthy else "failing", "checks": checks}
