import os
import subprocess

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories as f
from tests import workers
from tests.awards.helpers import register
from units.enums import OutboxState
from units.models import OutboxMessage


def test_no_task_is_scheduled_further_ahead_than_the_visibility_timeout(settings):
    from units.outbox import MAX_ATTEMPTS
    from units.tasks import send_outbox_message

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest_retry = 60 * 2 ** (send_outbox_message.max_retries - 1)
    assert send_outbox_message.max_retries == MAX_ATTEMPTS
    assert longest_retry < visibility
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert "options" not in entry or "eta" not in entry["options"]


def test_redis_down_while_an_officer_submits(
    client, django_capture_on_commit_callbacks, plan, unit, staff, officer, secretariat, caplog
):
    """The submission is saved and the officer told; the e-mail to the secretariat waits in the outbox and goes
    once the broker is back."""
    register(unit, plan, {})
    client.force_login(officer)
    client.post(reverse("awards:proposal_create", kwargs={"plan": plan.pk}), {"kind": "year_end"})
    from awards.models import Proposal

    proposal = Proposal.objects.get()
    client.post(
        reverse("awards:line_create", kwargs={"pk": proposal.pk}),
        {"subject": str(staff[0].pk), "title": f.title("LDTT").pk, "achievements": "Hoàn thành"},
    )
    workers.use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("awards:proposal_submit", kwargs={"pk": proposal.pk}), follow=True)
    finally:
        workers.use_broker(None)
    assert "Đã gửi 1 đề nghị" in response.content.decode()
    assert proposal.lines.get().state == "submitted"
    message = OutboxMessage.objects.get(key__startswith=f"proposal:{proposal.pk}:")
    assert message.state == OutboxState.PENDING
    from django.core import mail

    assert mail.outbox == []
    # The broker is back: the periodic flush hands the waiting message to a worker (in-process here).
    from units.outbox import outbox_flush

    OutboxMessage.objects.filter(pk=message.pk).update(created_at=message.created_at.replace(year=2000))
    outbox_flush()
    message.refresh_from_db()
    assert message.state == OutboxState.SENT
    assert len(mail.outbox) == 1 and secretariat.email in mail.outbox[0].to
    outbox_flush()
    assert len(mail.outbox) == 1


def _counts(database_url: str) -> dict[str, int]:
    import psycopg2

    counts = {}
    with psycopg2.connect(database_url) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_same_rows(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL; CI runs this on PostgreSQL")
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    media = tmp_path / "files"
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "scan.pdf").write_bytes(b"%PDF-1.4 test")
    source = workers.database_url()
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(media)}
    ops = os.path.join(settings.BASE_DIR, "ops")
    subprocess.run([f"{ops}/backup.sh", str(tmp_path / "backup")], env=env, check=True)  # noqa: S603
    fresh = f"{connection.settings_dict['NAME']}_restore"
    admin = source.rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    db = psycopg2.connect(admin)
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored_media = tmp_path / "restored-files"
        target = source.rsplit("/", 1)[0] + f"/{fresh}"
        subprocess.run(  # noqa: S603
            [f"{ops}/restore.sh", str(tmp_path / "backup")],
            env={**env, "DATABASE_URL": target, "MEDIA_ROOT": str(restored_media)},
            check=True,
        )
        original, restored = _counts(source), _counts(target)
        assert restored == original
        assert original["units_staff"] > 100 and original["awards_awardrecord"] > 0
        assert (restored_media / "attachments" / "scan.pdf").read_bytes() == b"%PDF-1.4 test"
    finally:
        with db.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        db.close()
