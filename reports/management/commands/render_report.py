import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from movements.models import YearPlan
from reports.enums import ReportKind
from reports.pdf import render_parts
from reports.services import build_document


class Command(BaseCommand):
    help = "Render a document to a file, the same way the background job does."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ReportKind.values)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True, help="path of the PDF to write")
        parser.add_argument("--province", help="code of the provincial procuracy (needed if several have the year)")
        parser.add_argument("--number", default="", help="document number, e.g. 05/BC-VKS")
        parser.add_argument("--date", help="document date YYYY-MM-DD (default: today)")

    def handle(self, *args, kind, year, output, province=None, number="", date=None, **options):
        plans = YearPlan.objects.filter(year=year).select_related("province")
        if province:
            plans = plans.filter(province__code=province)
        if plans.count() != 1:
            raise CommandError(f"Found {plans.count()} plans for {year}; name the province with --province.")
        params = {"number": number}
        if date:
            params["issued_on"] = datetime.date.fromisoformat(date).isoformat()
        started = time.monotonic()
        spec = build_document(kind, year_plan=plans.get(), params=params)
        pdf, pages = render_parts(spec.parts)
        Path(output).write_bytes(pdf)
        self.stdout.write(f"{output}: {pages} pages, {len(pdf):,} bytes, {time.monotonic() - started:.1f} s")
