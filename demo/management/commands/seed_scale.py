import time

from django.core.management.base import BaseCommand

from demo.scale import seed_scale


class Command(BaseCommand):
    help = "Build a national-size data set through the services (provinces of 16 units). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--staff", type=int, default=20000)

    def handle(self, *args, units, staff, **options):
        started = time.monotonic()
        result = seed_scale(units=units, staff=staff, log=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS(f"{result} in {time.monotonic() - started:.0f} s"))
