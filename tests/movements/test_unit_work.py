"""Issue 15: units' own plans and programmes (plan III.1) and units' own short-term movements (II.2.5)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from movements.enums import AutoSource, Launcher, ReportState, UnitPlanKind
from movements.models import Movement, ScoringCriterion
from movements.scoring.criteria import auto_facts, auto_points
from movements.services import movement_create
from movements.unit_selectors import unit_plan_overview
from movements.unit_services import (
    movement_result_save,
    unit_movement_create,
    unit_plan_return,
    unit_plan_save,
)
from tests import factories as f
from tests.factories import assert_list_queries, local_dt
from units.enums import Role
from units.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db


def pdf(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    plan = f.make_plan(province, 2018, unit_plan_deadline=datetime.date(2018, 1, 31))
    return {
        "province": province,
        "unit": unit,
        "other": other,
        "plan": plan,
        "officer": f.make_officer(unit),
        "other_officer": f.make_officer(other),
        "secretariat": f.make_user(Role.SECRETARIAT, province=province),
        "staff": f.make_staff(unit, "Nguyễn Văn An"),
    }


def submit(world, unit=None, officer=None, now=None, **extra):
    return unit_plan_save(
        year_plan=world["plan"],
        unit=unit or world["unit"],
        actor=officer or world["officer"],
        number="05/KH-VKS",
        issued_on=datetime.date(2018, 1, 20),
        signer="Phạm Văn Hùng",
        theme="Đoàn kết, kỷ cương",
        targets="100 % án đúng hạn",
        files=[pdf()],
        submit=True,
        now=now or local_dt(2018, 1, 25, 9),
        **extra,
    )


def test_unit_plan_submit_return_submit_again_with_audit_and_notice(world):
    unit_plan = submit(world)
    assert (unit_plan.state, unit_plan.kind, unit_plan.number) == (
        ReportState.SUBMITTED,
        UnitPlanKind.PLAN,
        "05/KH-VKS",
    )
    with pytest.raises(ValidationError, match="đã khoá"):
        submit(world)
    unit_plan_return(unit_plan=unit_plan, actor=world["secretariat"], reason="Bổ sung chỉ tiêu")
    unit_plan.refresh_from_db()
    assert (unit_plan.state, unit_plan.return_reason) == (ReportState.RETURNED, "Bổ sung chỉ tiêu")
    (notice,) = Notification.objects.filter(user=world["officer"])
    assert notice.text == "Thường trực Hội đồng đã trả lại kế hoạch thi đua năm 2018 của đơn vị: Bổ sung chỉ tiêu"
    assert notice.url == reverse("movements:unit_plan", kwargs={"plan": world["plan"].pk, "unit": world["unit"].pk})
    unit_plan = unit_plan_save(
        year_plan=world["plan"], unit=world["unit"], actor=world["officer"], submit=True, now=local_dt(2018, 2, 2)
    )
    assert unit_plan.state == ReportState.SUBMITTED and unit_plan.return_reason == ""
    actions = list(
        AuditEntry.objects.filter(object_id=unit_plan.pk, action__startswith="unit_plan")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == ["unit_plan.submit", "unit_plan.returned", "unit_plan.submit"]


def test_unit_plan_submit_needs_number_signer_and_file(world):
    with pytest.raises(ValidationError, match="người ký"):
        unit_plan_save(
            year_plan=world["plan"],
            unit=world["unit"],
            actor=world["officer"],
            number="1",
            issued_on=datetime.date(2018, 1, 2),
            submit=True,
        )
    with pytest.raises(ValidationError, match="đính kèm"):
        unit_plan_save(
            year_plan=world["plan"],
            unit=world["unit"],
            actor=world["officer"],
            number="1",
            issued_on=datetime.date(2018, 1, 2),
            signer="A",
            submit=True,
        )
    draft = unit_plan_save(year_plan=world["plan"], unit=world["unit"], actor=world["officer"], theme="Nháp")
    assert draft.state == ReportState.DRAFT and draft.theme == "Nháp"


def test_unit_plan_refused_to_other_units_and_return_only_by_province(world):
    with pytest.raises(PermissionDenied):
        submit(world, unit=world["unit"], officer=world["other_officer"])
    unit_plan = submit(world)
    foreign = f.make_user(Role.SECRETARIAT, province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    with pytest.raises(PermissionDenied):
        unit_plan_return(unit_plan=unit_plan, actor=foreign, reason="x")
    with pytest.raises(PermissionDenied):
        unit_plan_return(unit_plan=unit_plan, actor=world["officer"], reason="x")


def test_unit_plan_overview_late_and_missing(world, freeze):
    submit(world, now=local_dt(2018, 2, 3, 10))  # after the deadline of 31/01
    rows = {row.unit.pk: row for row in unit_plan_overview(world["plan"], today=datetime.date(2018, 2, 5))}
    assert set(rows) == {world["unit"].pk, world["other"].pk}  # not the provincial procuracy itself
    assert (rows[world["unit"].pk].submitted, rows[world["unit"].pk].late) == (True, True)
    assert (rows[world["other"].pk].plan, rows[world["other"].pk].late) == (None, True)
    early = {row.unit.pk: row.late for row in unit_plan_overview(world["plan"], today=datetime.date(2018, 1, 10))}
    assert early[world["other"].pk] is False


def test_unit_plan_scoring_criterion(world):
    submit(world, now=local_dt(2018, 1, 31, 23))
    submit(world, unit=world["other"], officer=world["other_officer"], now=local_dt(2018, 2, 1, 8))
    criterion = ScoringCriterion(auto_source=AutoSource.UNIT_PLAN, max_points=Decimal("5"))
    facts = auto_facts(world["plan"], [world["unit"], world["other"]], [AutoSource.UNIT_PLAN])
    assert auto_points(criterion, world["unit"], facts) == (
        Decimal("5.00"),
        "Đã gửi kế hoạch, chương trình thi đua ngày 31/01/2018.",
    )
    assert auto_points(criterion, world["other"], facts) == (
        Decimal("0.00"),
        "Gửi kế hoạch, chương trình thi đua ngày 01/02/2018, sau hạn 31/01/2018.",
    )


def test_unit_plan_pages_access(client, world):
    unit_plan = submit(world)
    url = reverse("movements:unit_plan", kwargs={"plan": world["plan"].pk, "unit": world["unit"].pk})
    client.force_login(world["other_officer"])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("movements:unit_plan_return", kwargs={"pk": unit_plan.pk}), {"reason": "x"}).status_code
        == 404
    )
    client.force_login(world["secretariat"])
    page = client.get(url).content.decode()
    assert "05/KH-VKS" in page and "Trả lại đơn vị" in page
    response = client.post(reverse("movements:unit_plan_return", kwargs={"pk": unit_plan.pk}), {"reason": "Sửa"})
    assert response.status_code == 302
    unit_plan.refresh_from_db()
    assert unit_plan.state == ReportState.RETURNED


def test_unit_plan_overview_queries(client, world):
    units = [world["unit"], world["other"], f.make_unit(world["province"], "Viện kiểm sát nhân dân huyện Vũ Thư")]
    officers = [world["officer"], world["other_officer"], f.make_officer(units[2])]
    client.force_login(world["secretariat"])

    def make_row(index):
        submit(world, unit=units[index], officer=officers[index])

    url = reverse("movements:unit_plan_overview", kwargs={"plan": world["plan"].pk})
    page = assert_list_queries(client, url, make_row, expected=7)
    assert page.content.decode().count("05/KH-VKS") == 3


# --- Units' own movements ------------------------------------------------------------------------------------


def own_movement(world, unit=None, officer=None, name="Thi đua 70 năm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc"):
    return unit_movement_create(
        unit=unit or world["unit"],
        actor=officer or world["officer"],
        name=name,
        kind="periodic",
        theme="Kỷ niệm 70 năm",
        criteria="Hoàn thành chỉ tiêu",
        start_date=datetime.date(2018, 3, 1),
        end_date=datetime.date(2018, 6, 11),
    )


def test_unit_movement_and_results(world):
    movement = own_movement(world)
    assert (movement.launched_by, movement.unit, movement.province) == (Launcher.UNIT, world["unit"], world["province"])
    row = movement_result_save(movement=movement, staff=world["staff"], actor=world["officer"], result="Tốt", ranking=2)
    row = movement_result_save(
        movement=movement, staff=world["staff"], actor=world["officer"], result="Xuất sắc", outstanding=True, ranking=1
    )
    assert (row.result, row.outstanding, row.ranking) == ("Xuất sắc", True, 1)
    assert movement.results.count() == 1
    assert AuditEntry.objects.filter(object_id=movement.pk, action="movement_result.save").count() == 2
    with pytest.raises(ValidationError):
        movement_result_save(movement=movement, staff=f.make_staff(world["other"]), actor=world["officer"], result="x")
    with pytest.raises(PermissionDenied):
        movement_result_save(movement=movement, staff=world["staff"], actor=world["other_officer"], result="x")


def test_unit_movements_scope(world):
    mine = own_movement(world)
    theirs = own_movement(world, unit=world["other"], officer=world["other_officer"], name="Thi đua của Hưng Hà")
    province_wide = movement_create(
        province=world["province"],
        actor=world["secretariat"],
        name="Thi đua cấp tỉnh",
        launched_by="province",
        kind="regular",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    assert set(Movement.objects.for_user(world["officer"])) == {mine, province_wide}
    assert set(Movement.objects.for_user(world["secretariat"])) == {mine, theirs, province_wide}
    assert list(Movement.objects.for_unit(world["unit"])) == [province_wide]
    with pytest.raises(ValidationError):
        movement_create(
            province=world["province"],
            actor=world["secretariat"],
            name="x",
            launched_by=Launcher.UNIT,
            kind="regular",
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2018, 1, 2),
        )


def test_unit_movement_pages(client, world):
    movement = own_movement(world)
    movement_result_save(
        movement=movement, staff=world["staff"], actor=world["officer"], result="Xuất sắc", outstanding=True
    )
    detail = reverse("movements:movement_detail", kwargs={"pk": movement.pk})
    client.force_login(world["other_officer"])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("movements:movement_result", kwargs={"pk": movement.pk})).status_code == 404
    client.force_login(world["officer"])
    page = client.get(detail).content.decode()
    assert "Nguyễn Văn An" in page and "Lập đề nghị khen thưởng" in page
    assert client.get(reverse("movements:movement_report", kwargs={"pk": movement.pk})).status_code == 404
    foreign_staff = f.make_staff(world["other"], "Lê Thị Hoa")
    response = client.post(
        reverse("movements:movement_result", kwargs={"pk": movement.pk}), {"staff": foreign_staff.pk, "result": "x"}
    )
    assert response.status_code == 200 and movement.results.count() == 1  # a posted foreign id is refused
    client.force_login(world["secretariat"])
    assert client.get(reverse("movements:movement_update", kwargs={"pk": movement.pk})).status_code == 404


def test_movement_list_filtered_by_unit_queries(client, world):
    client.force_login(world["secretariat"])

    def make_row(index):
        own_movement(world, name=f"Đợt thi đua {index}")

    url = reverse("movements:movement_list") + f"?unit={world['unit'].pk}"
    page = assert_list_queries(client, url, make_row, expected=7)
    assert page.content.decode().count("Đợt thi đua") == 3
    own_movement(world, unit=world["other"], officer=world["other_officer"], name="Của Hưng Hà")
    assert "Của Hưng Hà" not in client.get(url).content.decode()


def test_targets_typed_one_a_line_keep_their_lines():
    from units.text import clean_lines

    assert clean_lines("  100 %  cán bộ đăng ký\r\n\n 2 sáng kiến  \n\n") == "100 % cán bộ đăng ký\n\n2 sáng kiến"


def test_sending_the_plan_asks_once_and_keeps_the_draft(client, world):
    """Without JavaScript: "Gửi" saves the draft with its file and shows what sending does; the confirmation sends.
    Missing fields are named and the draft is kept."""
    from movements.models import UnitPlan

    client.force_login(world["officer"])
    url = reverse("movements:unit_plan", kwargs={"plan": world["plan"].pk, "unit": world["unit"].pk})
    fields = {"number": "05/KH-VKS", "issued_on": "20/01/2018", "signer": "", "theme": "", "targets": "A\nB"}
    page = client.post(url, {**fields, "submit": "1", "files": pdf()}).content.decode()
    assert "Cần nhập trước khi gửi: người ký." in page and 'id="submit-confirmation"' not in page
    unit_plan = UnitPlan.objects.get(unit=world["unit"])
    assert unit_plan.state == ReportState.DRAFT and unit_plan.number == "05/KH-VKS"  # the draft is kept
    fields["signer"] = "Phạm Văn Hùng"
    page = client.post(url, {**fields, "submit": "1"}).content.decode()
    assert 'id="submit-confirmation"' in page and "ke-hoach.pdf" in page
    unit_plan.refresh_from_db()
    assert unit_plan.state == ReportState.DRAFT
    response = client.post(url, {**fields, "submit": "1", "confirmed": "1"})
    assert response.status_code == 302
    unit_plan.refresh_from_db()
    assert unit_plan.state == ReportState.SUBMITTED and unit_plan.targets == "A\nB"
    assert AuditEntry.objects.filter(action="unit_plan.submit", object_id=unit_plan.pk).count() == 1
