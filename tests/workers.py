"""Starting real Celery workers against Redis for the tests that need them."""

import os
import subprocess
import sys
import time
from urllib.parse import urlparse

from django.conf import settings

from config.celery import app


def broker_url() -> str:
    # A database of its own on the Redis server, so a developer's worker never takes these tasks.
    parsed = urlparse(os.environ["REDIS_URL"])
    return f"redis://{parsed.hostname}:{parsed.port or 6379}/15"


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_connections():
    """Drop pooled broker connections so the next task goes to the broker now configured."""
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    pools.reset()  # kombu keeps producer pools per connection URL


def use_broker(url: str | None):
    """Send tasks to ``url`` for real (None: back to in-process eager tasks)."""
    app.conf.update(broker_url=url or settings.CELERY_BROKER_URL, task_always_eager=url is None)
    reset_connections()


def flush_broker():
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()


def start_worker(media_root, *, extra_env=None, pool="solo") -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url(),
        "MEDIA_ROOT": str(media_root),
        **(extra_env or {}),
    }
    return subprocess.Popen(  # noqa: S603 - our own worker
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen, *, kill=False):
    import signal

    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        process.wait(timeout=30)


def wait_for(predicate, timeout=90, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
