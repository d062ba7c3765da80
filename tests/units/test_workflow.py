"""One workflow mechanism: every model with a ``state`` declares its transitions, and nothing but
``units.workflow`` writes a state."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from registrations.enums import RegistrationState
from registrations.models import Registration
from units.enums import OutboxState
from units.models import AuditEntry, OutboxMessage
from units.selectors import audit_trail
from units.workflow import allowed, transition, transition_where

BASE = Path(settings.BASE_DIR)
SOURCE_DIRS = ["config", "units", "movements", "registrations", "awards", "reports", "demo"]
WORKFLOW = BASE / "units" / "workflow.py"


def _project_models():
    return [
        model for model in apps.get_models() if Path(apps.get_app_config(model._meta.app_label).path).parent == BASE
    ]


def _state_models():
    return [model for model in _project_models() if any(f.name == "state" for f in model._meta.get_fields())]


def test_the_models_with_a_state_are_found():
    names = {model.__name__ for model in _state_models()}
    assert {"Registration", "ProposalLine", "Decision", "CouncilMeeting", "ImportBatch", "OutboxMessage"} <= names
    assert {"MovementReport", "ReportJob", "UnitScore"} <= names


@pytest.mark.parametrize("model", _state_models(), ids=lambda model: model._meta.label)
def test_every_model_with_a_state_declares_its_transitions(model):
    transitions = getattr(model, "TRANSITIONS", None)
    assert transitions, f"{model._meta.label} has a state field but no TRANSITIONS"
    choices = {str(value) for value, _label in model._meta.get_field("state").flatchoices}
    used = {str(state) for pair in transitions for state in pair}
    assert all(len(pair) == 2 for pair in transitions)
    assert used <= choices, f"{model._meta.label}: {sorted(used - choices)} are not states"


def _source_files():
    for name in SOURCE_DIRS:
        for path in sorted((BASE / name).rglob("*.py")):
            if "migrations" in path.parts or path == WORKFLOW:
                continue
            yield path


def _state_writes(tree: ast.AST):
    """(line, what) for every ``….state = …``, ``setattr(…, "state", …)`` and ``….update(state=…)``."""
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for element in ast.walk(target):
                if (
                    isinstance(element, ast.Attribute)
                    and element.attr == "state"
                    and isinstance(element.ctx, ast.Store)
                ):
                    yield node.lineno, ".state ="
        if isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "update"
                and any(keyword.arg == "state" for keyword in node.keywords)
            ):
                yield node.lineno, ".update(state=…)"
            if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
                name = node.args[1]
                if isinstance(name, ast.Constant) and name.value == "state":
                    yield node.lineno, 'setattr(…, "state", …)'


def test_the_sources_are_scanned():
    files = list(_source_files())
    assert BASE / "registrations" / "services.py" in files
    assert WORKFLOW not in files and not any("migrations" in path.parts for path in files)


def test_no_state_is_written_outside_the_workflow():
    writers = [
        f"{path.relative_to(BASE)}:{line}: {what}"
        for path in _source_files()
        for line, what in _state_writes(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    ]
    assert writers == [], "state written outside units/workflow.py:\n" + "\n".join(writers)


def test_the_scan_finds_each_kind_of_write():
    source = 'obj.state = "x"\na.b, c.state = 1, 2\nQ.objects.filter(pk=1).update(state="y")\nsetattr(o, "state", 1)\n'
    assert [line for line, _what in _state_writes(ast.parse(source))] == [1, 2, 3, 4]
    assert list(_state_writes(ast.parse('state = 1\nx = obj.state\nq.filter(state="a").update(n=1)\n'))) == []


# --- transition() and transition_where() ------------------------------------------------------------------------


@pytest.fixture
def registration(unit, plan, officer):
    return Registration.objects.create(unit=unit, year_plan=plan, last_changed_by=officer)


def test_transition_sets_saves_and_audits_in_one_shape(registration, secretariat, freeze):
    registration.state = RegistrationState.SUBMITTED  # arranging: a submitted registration
    registration.submitted_at = registration.created_at
    registration.save()
    registration.submitted_by = secretariat  # changed in memory only: not among the transition's fields
    entry = transition(
        registration,
        RegistrationState.RETURNED,
        actor=secretariat,
        reason="Thiếu đồng chí Bình",
        fields={"return_reason": "Thiếu đồng chí Bình", "last_changed_by": secretariat},
    )
    registration.refresh_from_db()
    assert (registration.state, registration.return_reason, registration.last_changed_by) == (
        RegistrationState.RETURNED,
        "Thiếu đồng chí Bình",
        secretariat,
    )
    assert entry == AuditEntry.objects.get(object_id=registration.pk, action="registration.returned")
    assert (entry.actor, entry.unit, entry.from_state, entry.to_state, entry.reason) == (
        secretariat,
        registration.unit,
        "submitted",
        "returned",
        "Thiếu đồng chí Bình",
    )
    assert Registration.objects.values_list("submitted_by", flat=True).get(pk=registration.pk) is None
    assert entry.data["changes"]["return_reason"] == {"old": "", "new": "Thiếu đồng chí Bình"}
    assert entry.data["changes"]["last_changed_by"]["new"] == secretariat.pk
    assert set(entry.data) == {"changes"}


def test_transition_keeps_a_given_action_and_leaves_unchanged_fields_out(registration, officer):
    entry = transition(
        registration,
        RegistrationState.SUBMITTED,
        actor=officer,
        action="registration.custom",
        fields={"submitted_at": registration.created_at, "last_changed_by": officer},
        data={"extra": 1},
    )
    assert entry.action == "registration.custom"
    assert set(entry.data["changes"]) == {"submitted_at"}  # last_changed_by was already the officer
    assert entry.data["extra"] == 1


def test_transition_without_other_fields_writes_no_changes(registration, officer):
    registration.state = RegistrationState.SUBMITTED  # arranging
    registration.submitted_at = registration.created_at
    registration.save()
    entry = transition(registration, RegistrationState.RETURNED, actor=officer)
    assert entry.data == {}


def test_transition_refuses_a_change_not_in_the_table(registration, officer):
    with pytest.raises(ValidationError) as refused:
        transition(registration, RegistrationState.RETURNED, actor=officer, fields={"return_reason": "x"})
    assert refused.value.messages == [
        "Bản đăng ký đang ở trạng thái “Bản nháp” không thể chuyển sang “Bị trả lại để sửa”."
    ]
    registration.refresh_from_db()
    assert (registration.state, registration.return_reason) == (RegistrationState.DRAFT, "")
    assert list(audit_trail(registration)) == []


def test_allowed_reads_the_model_table():
    assert allowed(Registration, "draft", "submitted")
    assert allowed(Registration, RegistrationState.SUBMITTED, RegistrationState.RETURNED)
    assert not allowed(Registration, "submitted", "draft")


def _message(key: str, state: str) -> OutboxMessage:
    return OutboxMessage.objects.create(
        key=key,
        recipients=["a@example.test"],
        subject=key,
        body_text=key,
        state=state,
        sent_at=timezone.now() if state == OutboxState.SENT else None,
    )


def test_transition_where_moves_only_rows_in_the_given_states(db):
    pending, failed, sent = _message("a", "pending"), _message("b", "failed"), _message("c", "sending")
    moved = transition_where(OutboxMessage.objects.all(), [OutboxState.PENDING], OutboxState.CANCELLED, attempts=3)
    assert moved == 1
    states = dict(OutboxMessage.objects.values_list("key", "state"))
    assert states == {"a": "cancelled", "b": "failed", "c": "sending"}
    assert OutboxMessage.objects.get(pk=pending.pk).attempts == 3
    assert OutboxMessage.objects.get(pk=failed.pk).attempts == 0
    assert transition_where(OutboxMessage.objects.filter(pk=sent.pk), ["pending"], "cancelled") == 0


def test_transition_where_a_second_claim_loses(db):
    message = _message("a", "pending")
    claim = OutboxMessage.objects.filter(pk=message.pk)
    assert transition_where(claim, [OutboxState.PENDING], OutboxState.SENDING) == 1
    assert transition_where(claim, [OutboxState.PENDING], OutboxState.SENDING) == 0


def test_transition_where_refuses_a_pair_not_in_the_table(db):
    _message("a", "sent")
    with pytest.raises(ValueError, match="sent → pending"):
        transition_where(OutboxMessage.objects.all(), [OutboxState.SENT], OutboxState.PENDING)
    assert OutboxMessage.objects.get().state == "sent"
