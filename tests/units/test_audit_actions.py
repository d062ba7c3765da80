"""Every audit action the code writes has words (``units.audit_actions``), and a history reads as sentences."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from registrations.services import registration_return, registration_submit
from tests.factories import full_lines, local_dt
from units.audit_actions import action_label, has_label, labels
from units.models import AuditEntry
from units.workflow import audit_name

ROOT = Path(__file__).resolve().parents[2]
APPS = ("units", "movements", "registrations", "awards", "reports", "demo", "config")
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")
WRITERS = {"audit_log", "transition", "_transition", "line_transition"}  # the functions taking an ``action=``


def written_actions() -> dict[str, str]:
    """Each ``action="…"`` keyword in the code (a literal, either side of a conditional), with where it is."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not isinstance(node, ast.Call) or getattr(node.func, "id", None) not in WRITERS:
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    values = [keyword.value]
                    if isinstance(keyword.value, ast.IfExp):
                        values = [keyword.value.body, keyword.value.orelse]
                    for value in values:  # an f-string is the workflow's, checked by workflow_actions()
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            found[value.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def workflow_actions() -> set[str]:
    """``<AUDIT_NAME>.<to_state>``: what ``units.workflow.transition`` writes for each pair of a table."""
    return {
        f"{audit_name(model)}.{to_state}"
        for model in apps.get_models()
        if hasattr(model, "TRANSITIONS")
        for _from_state, to_state in model.TRANSITIONS
    }


def test_the_scan_finds_the_actions_it_should():
    found = written_actions()
    assert {"registration.create", "attachment.add", "proposal_line.override", "report.request"} <= set(found)
    assert all(ACTION.match(action) for action in found), found
    assert {"registration.submitted", "registration.returned", "proposal_line.accepted"} <= workflow_actions()


def test_every_action_the_code_writes_has_a_label():
    missing = [f"{action} ({where})" for action, where in written_actions().items() if not has_label(action)]
    missing += sorted(action for action in workflow_actions() if not has_label(action))
    assert missing == [], "Give these audit actions a label in units.audit_actions or the app's AUDIT_ACTIONS"


def test_every_label_is_vietnamese_and_no_code():
    for action, label in labels().items():
        text = str(label)
        assert text and not ACTION.search(text) and "_" not in text, action
        with translation.override("en"):
            assert text != str(label), f"{action}: “{text}” is not translated"
    assert action_label("registration.returned") == "trả lại bản đăng ký"
    assert action_label("no_such.action") == "thực hiện một thay đổi"


def test_a_returned_registration_reads_as_sentences_with_actor_time_and_reason(
    client, unit, staff, plan, officer, secretariat
):
    secretariat.first_name, secretariat.last_name = "Trần Thị", "Bình"
    secretariat.save(update_fields=["first_name", "last_name"])
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 14, 16, 40)
    )
    registration_return(registration=registration, actor=secretariat, reason="Thiếu báo cáo thành tích của tập thể")
    AuditEntry.objects.filter(object_id=registration.pk).update(created_at=local_dt(2018, 1, 14, 16, 40))
    AuditEntry.objects.filter(action="registration.returned").update(created_at=local_dt(2018, 1, 15, 9, 12))

    client.force_login(secretariat)
    page = client.get(reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})).content.decode()

    history = re.sub(r"\s+", " ", page.split('class="list-unstyled small history"', 1)[1].split("</ul>", 1)[0])
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in history.split("<li>")[1:]]
    assert items[0] == (
        "Thường trực Hội đồng (Trần Thị Bình) trả lại bản đăng ký lúc 09:12 ngày 15/01/2018: "
        "Thiếu báo cáo thành tích của tập thể"
    )
    assert items[1] == f"Cán bộ đơn vị ({officer.display_name}) gửi bản đăng ký lúc 16:40 ngày 14/01/2018"
    assert "registration.submitted" not in page and "registration.returned" not in page
    assert "submitted" not in history and "returned" not in history


def test_the_admin_shows_the_action_and_states_in_words(admin_client, unit, staff, plan, officer, secretariat):
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 1, 14, 16, 40)
    )
    registration_return(registration=registration, actor=secretariat, reason="Thiếu hồ sơ")
    entry = AuditEntry.objects.get(action="registration.returned")

    listing = admin_client.get(reverse("admin:units_auditentry_changelist")).content.decode()
    assert "trả lại bản đăng ký" in listing and "Bị trả lại để sửa" in listing
    assert ">registration.returned<" not in listing and ">submitted<" not in listing  # in links' query only
    change = admin_client.get(reverse("admin:units_auditentry_change", args=[entry.pk])).content.decode()
    assert "trả lại bản đăng ký" in change and "Đã gửi" in change and "Bị trả lại để sửa" in change
    assert "registration.returned" not in change and ">submitted<" not in change
    filtered = admin_client.get(reverse("admin:units_auditentry_changelist"), {"action": "registration.returned"})
    assert [e.pk for e in filtered.context["cl"].result_list] == [entry.pk]
    assert 'title="trả lại bản đăng ký"' in listing or "trả lại bản đăng ký</a>" in listing  # the filter, in words
