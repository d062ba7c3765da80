from django.core.management.base import BaseCommand
from django.db import transaction

from demo.articles import seed_articles
from demo.awards import seed_award_history, seed_proposals, seed_review_and_council
from demo.certificates import seed_certificates
from demo.consultations import seed_consultation
from demo.dossiers import seed_dossier
from demo.inspections import seed_inspections
from demo.monitoring import seed_data_entry_monitoring
from demo.movements import (
    seed_initiatives_and_conduct,
    seed_movements,
    seed_plan_provisions,
    seed_pledges_and_examples,
    seed_scoring,
)
from demo.registrations import seed_registrations
from demo.statistics import seed_awards_above_province
from demo.timestamps import settle_year
from demo.unit_plans import seed_unit_plans_and_movements
from demo.units import DEMO_PASSWORD, seed_units, seed_users


class Command(BaseCommand):
    help = "Load the demo province (Thái Bình) through the services. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            province = seed_units()
            logins = seed_users(province)
            plans = seed_registrations(province)
            seed_plan_provisions(plans)
            seed_movements(province, plans[0])
            seed_pledges_and_examples(province, plans[0])
            seed_initiatives_and_conduct(province)
            seed_award_history(province, plans[0])
            seed_proposals(province, plans[0])
            seed_review_and_council(province, plans[0])
            seed_dossier(province, plans[0])
            seed_consultation(province, plans[0])
            seed_articles(province)
            seed_unit_plans_and_movements(province, plans[0])
            seed_inspections(province, plans[0])
            seed_scoring(province, plans[0])
            seed_data_entry_monitoring(province, plans[0])
            seed_awards_above_province(province)
            seed_certificates(province)
            for plan in plans:
                settle_year(plan)  # rows of a past year carry that year's times
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {province.name}, plans {[p.year for p in plans]}."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<12} {role:<28} {unit}")
