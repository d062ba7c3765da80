import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registrations.reminders import reminder_record, reminders_due
from units.outbox import outbox_send


class Command(BaseCommand):
    help = "Record and send, synchronously, the registration deadline reminders due on a day (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; the day to act as (default: today in Asia/Ho_Chi_Minh)")
        parser.add_argument("--dry-run", action="store_true", help="only list what is due; record and send nothing")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        due = reminders_due(on)
        sent = 0
        for item in due:
            label = f"{item.unit.name} – {item.year_plan.year} – {item.days_before:+d} – {item.due_date:%d/%m/%Y}"
            if dry_run:
                self.stdout.write(f"due: {label}")
                continue
            reminder = reminder_record(item, enqueue=False)
            if reminder is None:
                self.stdout.write(f"already recorded: {label}")
                continue
            try:
                delivered = outbox_send(reminder.message_id)
            except Exception as error:  # noqa: BLE001 - report and go on with the next unit
                self.stderr.write(f"failed: {label}: {error}")
                continue
            if delivered:
                sent += 1
                recipients = ", ".join(reminder.message.recipients)
                self.stdout.write(f"sent: {label} → {recipients}")
            else:
                reminder.message.refresh_from_db()
                why = f" – {reminder.message.last_error}" if reminder.message.last_error else ""
                self.stdout.write(f"not sent ({reminder.message.get_state_display()}): {label}{why}")
        self.stdout.write(self.style.SUCCESS(f"{on:%d/%m/%Y}: {len(due)} due, {sent} sent."))
