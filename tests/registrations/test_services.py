import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registrations.enums import RegistrationState
from registrations.models import Registration, RegistrationLine
from registrations.selectors import effective_deadline, registration_is_open
from registrations.services import (
    LineInput,
    deadline_extension_grant,
    registration_return,
    registration_save_draft,
    registration_submit,
)
from tests import factories as f
from tests.factories import full_lines, local_dt
from units.selectors import audit_trail


def test_draft_saves_partial_lines(unit, staff, plan, officer, before_deadline):
    registration = registration_save_draft(
        unit=unit,
        year_plan=plan,
        actor=officer,
        lines=[LineInput(staff[0].pk, f.title("CSTDCS").pk)],
        now=before_deadline,
    )
    assert registration.state == RegistrationState.DRAFT
    line = registration.lines.get()
    assert (line.staff, line.title.code, line.staff_position) == (staff[0], "CSTDCS", "Kiểm sát viên")
    assert [e.action for e in audit_trail(registration)] == ["registration.save", "registration.create"]


def test_draft_save_replaces_a_subject_line_and_keeps_others(unit, staff, plan, officer, before_deadline):
    registration_save_draft(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
    )
    registration_save_draft(
        unit=unit,
        year_plan=plan,
        actor=officer,
        lines=[LineInput(staff[1].pk, None, "Nghỉ thai sản")],
        now=before_deadline,
    )
    lines = {line.staff_id: line for line in RegistrationLine.objects.all()}
    assert len(lines) == 4
    assert lines[staff[1].pk].title is None
    assert lines[staff[1].pk].not_registering_reason == "Nghỉ thai sản"
    assert lines[staff[0].pk].title.code == "LDTT"


def test_submit_with_every_line_locks_the_registration(unit, staff, plan, officer, before_deadline):
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
    )
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.submitted_at == before_deadline
    assert registration.submitted_by == officer
    entry = audit_trail(registration)[0]
    assert (entry.action, entry.from_state, entry.to_state, entry.actor) == (
        "registration.submitted",
        "draft",
        "submitted",
        officer,
    )
    with pytest.raises(ValidationError, match="bị khóa"):
        registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=[], now=before_deadline)


def test_submit_refused_while_a_staff_member_is_missing_and_nothing_is_saved(
    unit, staff, plan, officer, before_deadline
):
    lines = full_lines(unit, staff[:2])
    with pytest.raises(ValidationError) as error:
        registration_submit(unit=unit, year_plan=plan, actor=officer, lines=lines, now=before_deadline)
    assert "Lê Đức Cường" in str(error.value)
    assert not Registration.objects.exists()
    assert not RegistrationLine.objects.exists()


def test_submit_refused_without_the_collective_line(unit, staff, plan, officer, before_deadline):
    lines = full_lines(unit, staff)[1:]
    with pytest.raises(ValidationError, match="Đông Hưng"):
        registration_submit(unit=unit, year_plan=plan, actor=officer, lines=lines, now=before_deadline)


def test_not_registering_needs_a_reason(unit, staff, plan, officer, before_deadline):
    with pytest.raises(ValidationError):
        registration_save_draft(
            unit=unit, year_plan=plan, actor=officer, lines=[LineInput(staff[0].pk, None, "  ")], now=before_deadline
        )
    assert not RegistrationLine.objects.exists()


@pytest.mark.parametrize(
    ("staff_index", "code"),
    [(None, "LDTT"), (None, "CSTDCS"), (0, "TTLDTT"), (0, "CO_NGANH")],
)
def test_title_of_the_wrong_kind_is_refused(unit, staff, plan, officer, before_deadline, staff_index, code):
    staff_id = None if staff_index is None else staff[staff_index].pk
    with pytest.raises(ValidationError):
        registration_save_draft(
            unit=unit, year_plan=plan, actor=officer, lines=[LineInput(staff_id, f.title(code).pk)], now=before_deadline
        )
    assert not RegistrationLine.objects.exists()


def test_staff_of_another_unit_cannot_be_registered(unit, other_unit, plan, officer, before_deadline):
    stranger = f.make_staff(other_unit, "Phạm Văn Khách")
    with pytest.raises(ValidationError):
        registration_save_draft(
            unit=unit,
            year_plan=plan,
            actor=officer,
            lines=[LineInput(stranger.pk, f.title("LDTT").pk)],
            now=before_deadline,
        )


def test_deadline_is_inclusive_to_235959_local_time(unit, staff, plan, officer):
    last_second = local_dt(2018, 1, 17, 23, 59, 59)
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=last_second
    )
    assert registration.state == RegistrationState.SUBMITTED


def test_deadline_refuses_at_midnight_local_time(unit, staff, plan, officer):
    midnight = local_dt(2018, 1, 18, 0, 0, 0)
    with pytest.raises(ValidationError, match="17/01/2018"):
        registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=midnight)
    with pytest.raises(ValidationError):
        registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=[], now=midnight)
    assert not Registration.objects.exists()


def test_deadline_is_in_vietnam_time_not_utc(unit, plan):
    # 17:00 UTC on 17/01 is already 00:00 on 18/01 in Hà Nội.
    utc_evening = datetime.datetime(2018, 1, 17, 17, 0, 0, tzinfo=datetime.UTC)
    assert not registration_is_open(unit=unit, year_plan=plan, now=utc_evening)
    assert registration_is_open(unit=unit, year_plan=plan, now=utc_evening - datetime.timedelta(seconds=1))


def test_extension_reopens_one_unit_only(unit, other_unit, staff, plan, officer, secretariat):
    deadline_extension_grant(
        unit=unit,
        year_plan=plan,
        new_deadline=datetime.date(2018, 1, 24),
        reason="Đơn vị mới sáp nhập",
        actor=secretariat,
    )
    late = local_dt(2018, 1, 24, 23, 0)
    assert effective_deadline(unit=unit, year_plan=plan) == datetime.date(2018, 1, 24)
    assert not registration_is_open(unit=other_unit, year_plan=plan, now=late)
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=late
    )
    assert registration.state == RegistrationState.SUBMITTED
    with pytest.raises(ValidationError):
        registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=[], now=local_dt(2018, 1, 25, 0, 0))


def test_latest_extension_is_in_force(unit, plan, secretariat):
    for day in (24, 20):
        deadline_extension_grant(
            unit=unit, year_plan=plan, new_deadline=datetime.date(2018, 1, day), reason="Lý do", actor=secretariat
        )
    assert effective_deadline(unit=unit, year_plan=plan) == datetime.date(2018, 1, 20)


@pytest.mark.parametrize(("day", "reason"), [(17, "Lý do"), (10, "Lý do"), (20, " ")])
def test_extension_needs_a_later_date_and_a_reason(unit, plan, secretariat, day, reason):
    with pytest.raises(ValidationError):
        deadline_extension_grant(
            unit=unit, year_plan=plan, new_deadline=datetime.date(2018, 1, day), reason=reason, actor=secretariat
        )


def test_return_reopens_and_resubmit_locks_again(unit, staff, plan, officer, secretariat, before_deadline):
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
    )
    registration = registration_return(registration=registration, actor=secretariat, reason="Sai danh hiệu tập thể")
    assert registration.state == RegistrationState.RETURNED
    assert registration.return_reason == "Sai danh hiệu tập thể"
    registration_save_draft(
        unit=unit, year_plan=plan, actor=officer, lines=[LineInput(None, f.title("TTLDXS").pk)], now=before_deadline
    )
    registration = registration_submit(unit=unit, year_plan=plan, actor=officer, lines=[], now=before_deadline)
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.return_reason == ""
    transitions = [(e.from_state, e.to_state, e.reason) for e in audit_trail(registration) if e.to_state]
    assert transitions == [
        ("returned", "submitted", ""),
        ("submitted", "returned", "Sai danh hiệu tập thể"),
        ("draft", "submitted", ""),
        ("", "draft", ""),
    ]


def test_return_needs_a_reason_and_a_submitted_registration(unit, staff, plan, officer, secretariat, before_deadline):
    draft = registration_save_draft(unit=unit, year_plan=plan, actor=officer, lines=[], now=before_deadline)
    with pytest.raises(ValidationError):
        registration_return(registration=draft, actor=secretariat, reason="Thiếu")
    with pytest.raises(ValidationError):
        registration_return(registration=draft, actor=secretariat, reason="")
    draft.refresh_from_db()
    assert draft.state == RegistrationState.DRAFT


def test_submitting_twice_leaves_one_submitted_registration(unit, staff, plan, officer, before_deadline):
    registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline)
    with pytest.raises(ValidationError, match="bị khóa"):
        registration_submit(
            unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
        )
    assert Registration.objects.get().state == RegistrationState.SUBMITTED
    assert sum(e.action == "registration.submitted" for e in audit_trail(Registration.objects.get())) == 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_submitting_at_once_leave_exactly_one_submission(province):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this on PostgreSQL")
    unit = f.make_unit(province)
    staff = [f.make_staff(unit, f"Nguyễn Văn Người{i}") for i in range(5)]
    plan = f.make_plan(province)
    officers = [f.make_officer(unit), f.make_officer(unit)]
    now = local_dt(2018, 1, 15, 9)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(officer):
        from django.db import connections

        try:
            barrier.wait()
            registration_submit(unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=now)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "submitted"]
    registration = Registration.objects.get()
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.lines.count() == 6
    assert sum(e.action == "registration.submitted" for e in audit_trail(registration)) == 1
