"""Benchmark: eligibility of a whole province of 20,000 staff (not a test).

    python bench/eligibility.py [--staff 20000]

Builds (once) a province with units of 60 people, every person registered and proposed (LĐTT, one in seven
CSTĐ cơ sở with an initiative, some CSTĐ ngành with two past CSTĐ cơ sở), units proposed for TTLĐTT, and a
few conduct records; then times ``judge_province`` (load + judge) and ``verdicts_refresh`` (judge + store) and counts
their queries. Uses a scratch SQLite file unless BENCH_DATABASE_URL is set.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django():
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/thidua-bench-eligibility.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def build(staff_count: int):
    from django.db import transaction
    from django.utils import timezone

    from awards.models import AwardRecord, ConductRecord, Initiative, LineInitiative, Proposal, ProposalLine
    from movements.models import Title, YearPlan
    from registrations.models import Registration, RegistrationLine
    from units.models import Staff, Unit, UnitKind
    from units.text import name_sort_key, search_key

    code = f"bench-elig-{staff_count}"
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    titles = {t.code: t for t in Title.objects.all()}
    with transaction.atomic():
        province = Unit.objects.create(
            name=f"Tỉnh thử nghiệm {staff_count}", code=code, kind=UnitKind.objects.get(code="provincial")
        )
        province.province = province
        province.save()
        plan = YearPlan.objects.create(province=province, year=2018, registration_deadline=datetime.date(2018, 1, 17))
        district = UnitKind.objects.get(code="district")
        per_unit = 60
        for u in range(staff_count // per_unit + (1 if staff_count % per_unit else 0)):
            unit = Unit.objects.create(
                name=f"Đơn vị {u}",
                code=f"{code}-{u}",
                kind=district,
                parent=province,
                province=province,
                display_order=u,
            )
            count = min(per_unit, staff_count - u * per_unit)
            people = Staff.objects.bulk_create(
                Staff(
                    unit=unit,
                    full_name=f"Nguyễn Văn Người{u}x{i}",
                    gender="male",
                    joined_procuracy_on=datetime.date(2010, 1, 1),
                    sort_key=name_sort_key(f"Người{u}x{i}"),
                    search_key=search_key(f"Nguyen Van Nguoi{u}x{i}"),
                )
                for i in range(count)
            )
            registration = Registration.objects.create(
                year_plan=plan, unit=unit, state="submitted", submitted_at=timezone.now()
            )
            proposal = Proposal.objects.create(year_plan=plan, unit=unit, kind="year_end")
            reg_lines = [RegistrationLine(registration=registration, title=titles["TTLDTT"])]
            lines = [ProposalLine(proposal=proposal, title=titles["TTLDTT"], achievements="x", state="submitted")]
            awards, conduct = [], []
            for i, person in enumerate(people):
                code_ = "CSTD_NGANH" if i % 29 == 0 else "CSTDCS" if i % 7 == 0 else "LDTT"
                reg_lines.append(RegistrationLine(registration=registration, staff=person, title=titles[code_]))
                lines.append(
                    ProposalLine(
                        proposal=proposal, staff=person, title=titles[code_], achievements="x", state="submitted"
                    )
                )
                if code_ == "CSTD_NGANH":
                    awards += [
                        AwardRecord(
                            unit=unit,
                            staff=person,
                            title=titles["CSTDCS"],
                            year=y,
                            level="provincial_head",
                            decision_number="1/QĐ",
                            decision_date=datetime.date(y, 12, 1),
                        )
                        for y in (2016, 2017)
                    ]
                if i % 97 == 0:
                    conduct.append(ConductRecord(staff=person, year=2018, kind="discipline", discipline_level=1))
            RegistrationLine.objects.bulk_create(reg_lines)
            created = ProposalLine.objects.bulk_create(lines)
            AwardRecord.objects.bulk_create(awards)
            ConductRecord.objects.bulk_create(conduct)
            for line in created:
                if line.staff_id and line.title.code in ("CSTDCS", "CSTD_NGANH"):
                    initiative = Initiative.objects.create(
                        unit=unit, title=f"SK {line.pk}", year=2018, recognition_level="sector", decision_number="9/QĐ"
                    )
                    initiative.authors.add(line.staff_id)
                    LineInitiative.objects.create(line=line, initiative=initiative)
    return province


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=20000)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from awards.eligibility import judge_province
    from awards.services.lines import verdicts_refresh

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    province = build(args.staff)
    print(f"data set: {args.staff} staff ({time.monotonic() - started:.1f} s to build or find)")
    reset_queries()
    for label, run in (
        ("judge_province", lambda: judge_province(province, 2018)),
        ("verdicts_refresh", lambda: verdicts_refresh(province, 2018)),
    ):
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            result = run()
            elapsed = time.monotonic() - started
        lines = len(result[1]) if isinstance(result, tuple) else len(result)
        print(f"{label:17s} {lines:6d} lines  {elapsed:6.2f} s  {len(queries):4d} queries")


if __name__ == "__main__":
    main()
