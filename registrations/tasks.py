from celery import shared_task

from registrations.reminders import reminders_record


@shared_task(name="registrations.send_deadline_reminders")
def send_deadline_reminders():
    """Daily at 08:00: record the reminders due today; each is then sent once by ``units.send_outbox_message``."""
    return len(reminders_record())
