"""Benchmark: render the registration summary PDF for 300, 2,000 and 20,000 registration rows.

    python bench/render_summary.py [--sizes 300 2000 20000]

Builds each data set in a scratch database (a SQLite file under /tmp unless BENCH_DATABASE_URL is set), then
renders each in a fresh process and prints the wall time and the peak memory of that process. Not a test.
"""

import argparse
import datetime
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/thidua-bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def build(rows: int) -> int:
    """A province whose units (60 people each) have all submitted; returns the plan id."""
    from django.db import transaction
    from django.utils import timezone

    from movements.models import Title, YearPlan
    from registrations.models import Registration, RegistrationLine
    from units.models import Staff, Unit, UnitKind
    from units.text import name_sort_key, search_key

    code = f"bench-{rows}"
    existing = YearPlan.objects.filter(province__code=code).first()
    if existing:
        return existing.pk
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
    middles = ["Văn", "Thị", "Đức", "Thu", "Minh", "Thị Bích"]
    givens = ["An", "Ánh", "Bình", "Cường", "Dũng", "Đông", "Hà", "Hương", "Lan", "Nam", "Quỳnh", "Tuấn"]
    titles = {t.code: t for t in Title.objects.all()}
    with transaction.atomic():
        province = Unit.objects.create(
            name=f"Viện kiểm sát nhân dân tỉnh Thử nghiệm {rows}",
            code=code,
            kind=UnitKind.objects.get(code="provincial"),
        )
        province.province = province
        province.save()
        plan = YearPlan.objects.create(
            province=province,
            year=2018,
            registration_deadline=datetime.date(2018, 1, 17),
            number="02/KH-VKS",
            place_name="Thái Bình",
            signer_name="Nguyễn Văn Thành",
            recipients="Lãnh đạo VKSNDTC;\nLưu VT, VPTH.",
        )
        per_unit = 60
        district = UnitKind.objects.get(code="district")
        for u in range((rows + per_unit - 1) // per_unit):
            unit = Unit.objects.create(
                name=f"Viện kiểm sát nhân dân huyện Số {u + 1}",
                code=f"{code}-{u}",
                kind=district,
                parent=province,
                province=province,
                display_order=u,
            )
            count = min(per_unit, rows - u * per_unit)
            staff = []
            for i in range(count):
                name = f"{families[i % 8]} {middles[(i // 8) % 6]} {givens[(i + u) % 12]}"
                staff.append(
                    Staff(
                        unit=unit,
                        full_name=name,
                        gender="male",
                        position="Kiểm sát viên",
                        sort_key=name_sort_key(name),
                        search_key=search_key(name),
                    )
                )
            Staff.objects.bulk_create(staff)
            registration = Registration.objects.create(
                year_plan=plan, unit=unit, state="submitted", submitted_at=timezone.now()
            )
            lines = [RegistrationLine(registration=registration, staff=None, title=titles["TTLDTT"])]
            lines += [
                RegistrationLine(
                    registration=registration,
                    staff=s,
                    staff_position=s.position,
                    title=titles["CSTDCS" if i % 7 == 0 else "LDTT"],
                )
                for i, s in enumerate(staff)
            ]
            RegistrationLine.objects.bulk_create(lines)
    return plan.pk


def render(plan_id: int) -> None:
    from movements.models import YearPlan
    from reports.documents import registration_summary_document
    from reports.pdf import render_parts

    started = time.monotonic()
    spec = registration_summary_document(YearPlan.objects.get(pk=plan_id), number="05/BC-VKS")
    pdf, pages = render_parts(spec.parts)
    elapsed = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{pages:6d} pages {len(pdf) / 1e6:7.2f} MB pdf {elapsed:7.2f} s  "
        f"peak {peak_mb:6.0f} MB (main), {child_mb:6.0f} MB (largest render process)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 2000, 20000])
    parser.add_argument("--render", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup_django()
    if args.render:
        render(args.render)
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for size in args.sizes:
        plan_id = build(size)
        print(f"{size:6d} rows: ", end="", flush=True)
        subprocess.run([sys.executable, __file__, "--render", str(plan_id)], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
