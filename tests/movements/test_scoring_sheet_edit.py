"""The year's scoring sheet edited on a page of the application (issue 14): who may open it, a valid edit saved
with its audit entry, an invalid one shown again as typed with the error beside its field, the lock once a unit
has started its score, and the admin drawing no link the secretariat cannot follow."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from movements.enums import AutoSource
from movements.models import ScoringCriterion, ScoringGroup
from movements.scoring import scoring_sheet_create, unit_score_start
from movements.scoring.services import CriterionRow, GroupRow, scoring_sheet_update
from tests import factories as f
from units.enums import Role
from units.models import AuditEntry


@pytest.fixture
def sheet(plan, secretariat):
    return scoring_sheet_create(year_plan=plan, actor=secretariat)


def url(plan):
    return reverse("movements:scoring_sheet_edit", kwargs={"plan": plan.pk})


def post_data(client, plan, **changes):
    """The form as the page sends it unchanged, with ``changes`` (field name → value) applied."""
    response = client.get(url(plan))
    form = response.context["form"]
    data = {"name": form["name"].value()}
    for formset in form.formsets:
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for row in formset.forms:
            for name, field in row.fields.items():
                value = row[name].value()
                if value is None or value is False or name == "DELETE":
                    continue
                data[row.add_prefix(name)] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def criterion_index(client, plan, name):
    form = client.get(url(plan)).context["form"]
    return next(i for i, row in enumerate(form.criteria.forms) if row.initial.get("name") == name)


@pytest.mark.parametrize("role", ["officer", "council_member"])
def test_scoring_sheet_edit_other_roles_not_found(client, sheet, plan, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(plan)).status_code == 404
    assert client.post(url(plan), {"name": "Bảng khác"}).status_code == 404
    sheet.refresh_from_db()
    assert sheet.name == "Bảng chấm điểm thi đua năm 2018"


def test_scoring_sheet_edit_foreign_secretariat_not_found(client, sheet, plan):
    foreign = f.make_user(Role.SECRETARIAT, province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    client.force_login(foreign)
    assert client.get(url(plan)).status_code == 404


def test_scoring_page_links_to_the_sheet_page(client, sheet, plan, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("movements:scoring", kwargs={"plan": plan.pk})).content.decode()
    assert f'href="{url(plan)}"' in page
    assert "/admin/movements/" not in page
    edit = client.get(url(plan)).content.decode()
    assert "Sửa bảng chấm điểm thi đua năm 2018" in edit
    assert "Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm" in edit
    assert 'value="32"' in edit  # points the Vietnamese way, no "32.00"


def test_scoring_sheet_edit_saves_and_audits(client, sheet, plan, secretariat):
    client.force_login(secretariat)
    index = criterion_index(client, plan, "Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm")
    group = ScoringGroup.objects.get(sheet=sheet, name="III. Xây dựng đơn vị")
    new = len(client.get(url(plan)).context["form"].criteria.initial)
    data = post_data(
        client,
        plan,
        name="Bảng chấm điểm thi đua năm 2018 (sửa đổi)",
        **{
            f"criteria-{index}-max_points": "37,5",
            f"criteria-{index}-name": "Hoàn thành chỉ tiêu nghiệp vụ",
            f"criteria-{new}-group": str(group.pk),
            f"criteria-{new}-name": "Tham gia hoạt động xã hội",
            f"criteria-{new}-max_points": "2,5",
            f"criteria-{new}-evidence_required": "on",
        },
    )
    response = client.post(url(plan), data)
    assert response.status_code == 302 and response.url == reverse("movements:scoring", kwargs={"plan": plan.pk})
    sheet.refresh_from_db()
    assert sheet.name == "Bảng chấm điểm thi đua năm 2018 (sửa đổi)"
    changed = ScoringCriterion.objects.get(group__sheet=sheet, name="Hoàn thành chỉ tiêu nghiệp vụ")
    assert changed.max_points == Decimal("37.50")
    added = ScoringCriterion.objects.get(group__sheet=sheet, name="Tham gia hoạt động xã hội")
    assert (added.group, added.max_points, added.evidence_required) == (group, Decimal("2.50"), True)
    assert added.position == 3  # after the group's two criteria
    entry = AuditEntry.objects.get(action="scoring_sheet.update")
    assert entry.actor == secretariat
    assert {"criterion": "Tham gia hoạt động xã hội"} in entry.data["created"]
    assert any(
        c.get("criterion") == "Hoàn thành chỉ tiêu nghiệp vụ" and c["max_points"] == ["32.00", "37.50"]
        for c in entry.data["changed"]
    )


def test_scoring_sheet_edit_invalid_keeps_input_with_error_beside(client, sheet, plan, secretariat):
    client.force_login(secretariat)
    index = criterion_index(client, plan, "Hoàn thành các chỉ tiêu nghiệp vụ cơ bản của năm")
    data = post_data(
        client,
        plan,
        **{f"criteria-{index}-max_points": "0", f"criteria-{index}-name": "Chỉ tiêu nghiệp vụ đã sửa"},
    )
    response = client.post(url(plan), data)
    assert response.status_code == 200
    page = response.content.decode()
    form = response.context["form"]
    assert form.criteria.forms[index].errors["max_points"] == ["Điểm tối đa phải lớn hơn 0."]
    field_id = f"id_criteria-{index}-max_points"
    beside = page[page.index(f'id="{field_id}"') :][:600]
    assert "Điểm tối đa phải lớn hơn 0." in beside  # the error right after its field
    assert "Chỉ tiêu nghiệp vụ đã sửa" in page  # what was typed stays
    assert "Chưa lưu gì." in page
    assert not ScoringCriterion.objects.filter(name="Chỉ tiêu nghiệp vụ đã sửa").exists()
    assert not AuditEntry.objects.filter(action="scoring_sheet.update").exists()


def test_scoring_sheet_edit_band_above_total_refused(client, sheet, plan, secretariat):
    client.force_login(secretariat)
    data = post_data(client, plan, **{"bands-0-min_points": "120"})
    response = client.post(url(plan), data)
    assert response.status_code == 200
    assert "“Xuất sắc”: từ 0 đến tổng điểm của bảng là 100 điểm." in response.content.decode()


def test_scoring_sheet_locked_once_a_unit_scores(client, sheet, plan, secretariat, unit):
    unit_score_start(sheet=sheet, unit=unit, actor=secretariat)
    client.force_login(secretariat)
    page = client.get(url(plan)).content.decode()
    assert 'id="sheet-locked"' in page and 'id="sheet-form"' not in page
    with pytest.raises(ValidationError):
        scoring_sheet_update(sheet=sheet, actor=secretariat, name="X", groups=[], criteria=[], bands=[])


def test_scoring_sheet_update_same_source_twice_refused(sheet, secretariat):
    groups = [GroupRow(g.pk, g.name, g.position) for g in sheet.groups.all()]
    criteria = [
        CriterionRow(c.pk, c.group_id, c.name, c.max_points, c.position, auto_source=c.auto_source)
        for c in ScoringCriterion.objects.filter(group__sheet=sheet)
    ]
    criteria.append(
        CriterionRow(None, groups[0].pk, "Đăng ký lần hai", Decimal(1), 9, auto_source=AutoSource.REGISTRATION_ON_TIME)
    )
    with pytest.raises(ValidationError, match="Đăng ký lần hai"):
        scoring_sheet_update(
            sheet=sheet, actor=secretariat, name=sheet.name, groups=groups, criteria=criteria, bands=[]
        )


def test_scoring_sheet_update_new_group_with_its_criterion(sheet, secretariat):
    groups = [GroupRow(g.pk, g.name, g.position) for g in sheet.groups.all()]
    criteria = [
        CriterionRow(c.pk, c.group_id, c.name, c.max_points, c.position, auto_source=c.auto_source)
        for c in ScoringCriterion.objects.filter(group__sheet=sheet)
    ]
    groups.append(GroupRow(None, "IV. Điểm thưởng", 4))
    criteria.append(CriterionRow(None, -len(groups), "Được khen thưởng đột xuất", Decimal(3), 1))
    scoring_sheet_update(sheet=sheet, actor=secretariat, name=sheet.name, groups=groups, criteria=criteria, bands=[])
    assert ScoringCriterion.objects.get(name="Được khen thưởng đột xuất").group.name == "IV. Điểm thưởng"


def test_admin_scoring_sheet_links_only_where_the_secretariat_may_go(client, sheet, plan, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("admin:movements_scoringsheet_change", args=[sheet.pk])).content.decode()
    assert reverse("admin:movements_yearplan_change", args=[plan.pk]) not in page
    assert reverse("movements:plan_update", kwargs={"plan": plan.pk}) in page
    assert client.get(reverse("movements:plan_update", kwargs={"plan": plan.pk})).status_code == 200
