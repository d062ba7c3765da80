"""Load benchmark on PostgreSQL with gunicorn (not a test). One run prints every figure of the scale target.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_scale python manage.py seed_scale --units 1000 --staff 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_scale python bench/load.py

Pages are measured with wrk (Debian's package) at 16 connections against gunicorn, next to a bare view rendering
50 rows (the ceiling); then 500 officers submit their registrations within 60 s; then the summary PDF at 300 and
20,000 rows, reminders for 1,000 units and eligibility for 20,000 staff (``render_summary.py``,
``eligibility.py``).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = 8077
BASE = f"http://127.0.0.1:{PORT}"
WRK_SCRIPT = ROOT / "bench" / "percentiles.lua"


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("REDIS_URL", None)  # tasks run in-process; the cache is Redis, as deployed (its own database)
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/3")
    import django

    django.setup()


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "units.backends.UserBackend"  # the one sign-in gives
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def start_gunicorn(workers: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/login/", timeout=1)  # noqa: S310 - loopback
            return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def wrk(path: str, session: str | None, seconds: int) -> dict:
    header = ["-H", f"Cookie: sessionid={session}"] if session else []
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(WRK_SCRIPT), *header, BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = dict(re.findall(r"^(p50|p95|p99|rps|non2xx|errors)=(\S+)$", output, re.M))
    return {key: float(value) for key, value in figures.items()}


def measure_pages(users, seconds: int, council: dict):
    from units.models import Unit

    big = Unit.objects.get(code="scale-000-01")
    province = Unit.objects.get(code="scale-000")
    plan = province.year_plans.order_by("-year").first()
    secretariat = users["secretariat"]
    officer = users["officer"]
    pages = [
        ("bare view, 50 rows (ceiling)", "/bench/bare/", None),
        ("unit page (registration, 60 people)", f"/plans/{plan.pk}/units/{big.pk}/registration/", officer),
        ("secretariat overview (16 units)", f"/plans/{plan.pk}/registrations/", secretariat),
        ("proposal review list", f"/plans/{plan.pk}/review/", secretariat),
        ("staff list (search)", "/staff/?q=nguyen", secretariat),
        ("secretariat dashboard (4 charts)", f"/plans/{plan.pk}/dashboard/", secretariat),
        ("unit scoring and ranking", f"/plans/{plan.pk}/scoring/", secretariat),
        ("unit dashboard", f"/plans/{plan.pk}/units/{big.pk}/dashboard/", officer),
        ("meeting agenda (300 lines)", f"/meetings/{council['meeting'].pk}/", users["council"]),
        ("review list (1,000 lines)", f"/plans/{council['plan'].pk}/review/", users["council"]),
    ]
    results = []
    for label, path, user in pages:
        wrk(path, user, 2)  # warm up
        figures = wrk(path, user, seconds)
        results.append((label, figures))
    ceiling = results[0][1]["rps"]
    print(f"\n{'page':40s} {'req/s':>8s} {'× bare':>7s} {'p50 ms':>7s} {'p95 ms':>7s} {'p99 ms':>7s} {'non-2xx':>8s}")
    for label, f in results:
        print(
            f"{label:40s} {f['rps']:8.1f} {f['rps'] / ceiling:7.2f} {f['p50']:7.1f} {f['p95']:7.1f} "
            f"{f['p99']:7.1f} {int(f.get('non2xx', 0)):8d}"
        )
    return results


def scoring_for_province():
    """The year's scoring sheet and every unit's score started, so that the ranking has rows."""
    from movements.models import ScoringSheet
    from movements.scoring import scoring_sheet_create, unit_score_start
    from units.models import Unit, User
    from units.selectors import province_units

    province = Unit.objects.get(code="scale-000")
    plan = province.year_plans.order_by("-year").first()
    actor = User.objects.get(username="scale-000-tt")
    sheet = ScoringSheet.objects.filter(year_plan=plan).first() or scoring_sheet_create(year_plan=plan, actor=actor)
    for unit in province_units(province):
        unit_score_start(sheet=sheet, unit=unit, actor=actor)


def rush(officers: list, seconds: int = 60):
    """Each officer opens the registration page, fills every line and submits, spread over ``seconds``."""
    from registrations.models import Registration

    plan_ids = {}
    before = Registration.objects.filter(state="submitted").count()
    latencies, errors = [], []
    lock = threading.Lock()

    def one(user, session, delay):
        time.sleep(delay)
        from units.models import Unit

        unit = Unit.objects.get(pk=user.unit_id)
        plan_id = plan_ids.setdefault(unit.province_id, unit.province.year_plans.order_by("-year").first().pk)
        url = f"{BASE}/plans/{plan_id}/units/{unit.pk}/registration/"
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", f"sessionid={session}")]
        try:
            page = opener.open(url, timeout=30).read().decode()  # noqa: S310 - loopback
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            csrf_cookie = token
            fields = {"csrfmiddlewaretoken": token, "submit": "1"}
            for name, options in re.findall(r'<select name="(title_[^"]+)"[^>]*>(.*?)</select>', page, re.S):
                values = re.findall(r'<option value="(\d+)"', options)
                fields[name] = values[0]
            request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST")
            cookie_header = f"sessionid={session}; csrftoken={csrf_cookie}"
            request.add_header("Cookie", cookie_header)
            request.add_header("Referer", url)
            started = time.monotonic()
            no_redirect = urllib.request.build_opener(NoRedirect)
            response = no_redirect.open(request, timeout=30)  # noqa: S310 - loopback
            if response.status == 200 and 'name="confirmed"' in response.read().decode():
                # Sending asks once (issue 13): the confirmation carries the lines; the officer confirms.
                confirmed = urllib.parse.urlencode({**fields, "confirmed": "1"}).encode()
                request = urllib.request.Request(url, data=confirmed, method="POST")
                request.add_header("Cookie", cookie_header)
                request.add_header("Referer", url)
                response = no_redirect.open(request, timeout=30)  # noqa: S310 - loopback
            elapsed = time.monotonic() - started
            with lock:
                latencies.append(elapsed * 1000)
                if response.status != 302:
                    errors.append(f"{user.username}: {response.status}")
        except Exception as error:  # noqa: BLE001 - counted, reported
            with lock:
                errors.append(f"{user.username}: {error}")

    threads = [
        threading.Thread(target=one, args=(user, session, random.uniform(0, seconds)))  # noqa: S311
        for user, session in officers
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    after = Registration.objects.filter(state="submitted").count()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0
    print(
        f"\nrush: {len(officers)} officers submitted in {wall:.0f} s: {len(errors)} errors, "
        f"{len(officers) - (after - before)} lost, p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
        f"max {latencies[-1]:.0f} ms"
    )
    for error in errors[:5]:
        print("  ", error)
    # Put the data set back as it was, so that the benchmark can run again (the rush's units start empty).
    Registration.objects.filter(unit__in=[user.unit_id for user, _session in officers]).delete()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


def reminders_for_units():
    import datetime

    from django.db import transaction

    from movements.models import YearPlan
    from registrations.reminders import reminders_due, reminders_record

    plan = YearPlan.objects.filter(province__code__startswith="scale-").order_by("-year").first()
    day = plan.registration_deadline - datetime.timedelta(days=7)
    started = time.monotonic()
    due = reminders_due(day)
    found = time.monotonic() - started
    with transaction.atomic():
        started = time.monotonic()
        recorded = reminders_record(day, enqueue=False)
        elapsed = time.monotonic() - started
        sent_started = time.monotonic()
        from units.outbox import outbox_send

        for reminder in recorded:
            outbox_send(reminder.message_id)
        sending = time.monotonic() - sent_started
        transaction.set_rollback(True)
    units = {d.unit.pk for d in due}
    print(
        f"\nreminders: {len(due)} due for {len(units)} units found in {found:.2f} s; recorded with their e-mails "
        f"in {elapsed:.2f} s; claimed and sent (in-memory mail backend) in {sending:.2f} s"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="per page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--rush", type=int, default=500, help="officers in the deadline rush (0: none)")
    parser.add_argument("--skip-offline", action="store_true", help="skip the PDF and eligibility benchmarks")
    args = parser.parse_args()
    setup_django()
    from registrations.models import Registration
    from units.models import User

    secretariat = User.objects.get(username="scale-000-tt")
    officer = User.objects.get(username="scale-000-01-cb")
    waiting = list(
        User.objects.filter(username__startswith="scale-", role="officer")
        .exclude(unit__registrations__state="submitted")
        .exclude(unit__code__endswith="-01")
        .order_by("pk")[: args.rush]
    )
    # A province with 1,000 submitted lines and a planned meeting of 300 (``demo.scale.seed_council_province``).
    from demo.scale import COUNCIL_PROVINCE, seed_council_province

    council = seed_council_province()
    # A deployed database keeps its planner statistics by autovacuum; this machine's server runs with it off.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    users = {
        "secretariat": session_for(secretariat),
        "officer": session_for(officer),
        "council": session_for(User.objects.get(username=f"{COUNCIL_PROVINCE}-tt")),
    }
    print(f"council province: {council['lines']} lines, {council['agenda']} on the agenda")
    officers = [(user, session_for(user)) for user in waiting]
    print(
        f"data: {User.objects.filter(username__startswith='scale-').count()} users, "
        f"{Registration.objects.filter(state='submitted').count()} registrations submitted, "
        f"{len(officers)} officers ready for the rush; gunicorn {args.workers} workers"
    )
    reminders_for_units()  # before the rush, while most units have not submitted
    scoring_for_province()
    server = start_gunicorn(args.workers)
    try:
        measure_pages(users, args.seconds, council)
        if officers:
            rush(officers)
    finally:
        server.terminate()
        server.wait()
    if not args.skip_offline:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "render_summary.py"), "--sizes", "300", "20000"],  # noqa: S603
            check=True,
        )
        subprocess.run([sys.executable, str(ROOT / "bench" / "eligibility.py"), "--staff", "20000"], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
