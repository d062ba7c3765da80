"""The verdicts of a province's year are re-judged once per committed transaction, however many blocks inside it
changed a fact (a seed, a service calling services), and again for every later transaction."""

from django.db import transaction

from awards import tasks
from awards.services.lines import schedule_verdicts_refresh


def test_blocks_of_one_transaction_enqueue_one_refresh_per_province_and_year(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(tasks.refresh_verdicts, "delay", lambda **kwargs: sent.append(kwargs))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(3):
            with transaction.atomic():
                schedule_verdicts_refresh(1, 2018)
        with transaction.atomic():
            schedule_verdicts_refresh(2, 2018)
        schedule_verdicts_refresh(1, 2019)
    assert len(callbacks) == 5
    assert sent == [
        {"province_id": 1, "year": 2018},
        {"province_id": 2, "year": 2018},
        {"province_id": 1, "year": 2019},
    ]

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        schedule_verdicts_refresh(1, 2018)
    assert sent[-1] == {"province_id": 1, "year": 2018} and len(sent) == 4
