"""Benchmark: the registration summary of 20,000 rows rendered by real Celery workers (part tasks, then a merge),
with 1 and with 2 worker processes. Not a test.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench_render \\
        .venv/bin/python bench/render_worker.py [--rows 20000] [--processes 1 2]

Builds the data set once (bench/render_summary.py's province), then for each number of processes starts
``celery -A config worker --concurrency=N`` (prefork, as ``make worker``) under the production settings against a
Redis database of its own (BENCH_REDIS_URL, default redis://127.0.0.1:6379/13), asks for the document, waits for it
and prints the wall time from the request to the stored file and the peak memory (VmHWM) of each worker process.
"""

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                pass
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--processes", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL")
    if not database or not database.startswith("postgres"):
        sys.exit("Set BENCH_DATABASE_URL to a PostgreSQL database (workers share it).")
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    media = Path(os.environ.get("BENCH_MEDIA_ROOT", "/tmp/thidua-bench-media"))  # noqa: S108 - a scratch folder
    media.mkdir(parents=True, exist_ok=True)
    os.environ.update(DATABASE_URL=database, REDIS_URL=redis, MEDIA_ROOT=str(media))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    import render_summary
    from django.core.management import call_command

    from movements.models import YearPlan
    from reports.enums import JobState, ReportKind
    from reports.models import ReportJob
    from reports.services import report_request

    call_command("migrate", verbosity=0)
    plan = YearPlan.objects.get(pk=render_summary.build(args.rows))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "bench.example",
    }
    for processes in args.processes:
        from config.celery import app

        with app.connection_for_write() as connection:
            connection.default_channel.client.flushdb()
        worker = subprocess.Popen(  # noqa: S603 - our own worker
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "config",
                "worker",
                f"--concurrency={processes}",
                "--loglevel=warning",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        try:
            time.sleep(6)  # the worker starts
            ReportJob.objects.filter(year_plan=plan).delete()
            started = time.monotonic()
            job = report_request(
                kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=None, params={"n": processes}
            )
            while True:
                job.refresh_from_db()
                if job.state in (JobState.DONE, JobState.FAILED):
                    break
                time.sleep(0.2)
            elapsed = time.monotonic() - started
            pool = children(worker.pid)
            memory = sorted((peak_mb(pid) for pid in [worker.pid, *pool]), reverse=True)
            print(
                f"{args.rows} rows, {processes} process(es): {job.state} {job.pages} pages, {job.parts_total} parts, "
                f"{elapsed:.1f} s; peak memory per process (MB): {', '.join(f'{m:.0f}' for m in memory)}"
                + (f" [{job.error}]" if job.error else ""),
                flush=True,
            )
        finally:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=60)


if __name__ == "__main__":
    main()
