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


# --- The deployed topology: the README's `make worker` and `make beat`, production settings ----------------------


def deployed_env(media_root, **extra) -> dict:
    """The environment the README documents for a deployment (production settings, one REDIS_URL), pointed at the
    test database, a Redis database of its own and the test's MEDIA_ROOT."""
    import secrets

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "thiduakhenthuong.example",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url(),
        "MEDIA_ROOT": str(media_root),
        **{key: str(value) for key, value in extra.items()},
    }


def start_make(target: str, env: dict, log_dir) -> subprocess.Popen:
    """``make worker`` or ``make beat`` exactly as the README starts them, in a session of its own."""
    log = open(os.path.join(log_dir, f"{target}-{time.monotonic_ns()}.log"), "wb")  # noqa: SIM115 - kept open
    return subprocess.Popen(  # noqa: S603 - our own Makefile
        ["make", "--no-print-directory", target],  # noqa: S607
        env=env,
        cwd=settings.BASE_DIR,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def descendants(pid: int) -> list[int]:
    result, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            result.append(child)
            todo.append(child)
    return result


def celery_master(make: subprocess.Popen, timeout=60) -> int:
    """The Celery worker (or beat) process that ``make`` started."""
    assert wait_for(lambda: _celery_under(make.pid), timeout=timeout), "celery did not start"
    return _celery_under(make.pid)


def _celery_under(pid: int) -> int | None:
    for child in descendants(pid):
        try:
            with open(f"/proc/{child}/cmdline", "rb") as handle:
                command = handle.read().split(b"\0")
        except OSError:
            continue
        if any(part.endswith(b"celery") for part in command) and children(child):
            return child
    return None


def alive(pids) -> list[int]:
    living = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.append(pid)
    return living


def stop_group(process: subprocess.Popen, *, kill=False):
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
