import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from movements.enums import ReportState
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge
from movements.services import (
    exemplary_add,
    exemplary_remove,
    exemplary_select,
    movement_create,
    movement_report_return,
    movement_report_save,
    pledge_save,
)
from tests import factories as f
from tests import uploads as u
from tests.factories import count_queries, local_dt
from units.selectors import audit_trail


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def launch(province, secretariat, **fields):
    defaults = {
        "name": "Thi đua lập thành tích chào mừng 58 năm thành lập ngành",
        "launched_by": "province",
        "kind": "periodic",
        "start_date": datetime.date(2018, 4, 1),
        "end_date": datetime.date(2018, 7, 26),
        "report_deadline": datetime.date(2018, 8, 10),
    }
    return movement_create(province=province, actor=secretariat, **{**defaults, **fields})


def test_movement_with_chosen_units_is_seen_only_by_those_units(
    province, unit, other_unit, secretariat, officer, other_officer
):
    movement = launch(province, secretariat, all_units=False, units=[unit])
    assert list(Movement.objects.for_user(officer)) == [movement]
    assert list(Movement.objects.for_user(other_officer)) == []
    assert list(Movement.objects.for_user(secretariat)) == [movement]
    assert audit_trail(movement)[0].action == "movement.launch"


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"end_date": datetime.date(2018, 3, 1)}, None), ({"all_units": False}, "Hãy chọn đơn vị tham gia")],
)
def test_movement_rules(province, secretariat, fields, message):
    with pytest.raises(ValidationError) as error:
        launch(province, secretariat, **fields)
    if message:
        assert message in " ".join(error.value.messages)
    assert not Movement.objects.exists()


def test_units_of_another_province_cannot_take_part(province, secretariat):
    foreign_unit = f.make_unit(f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    with pytest.raises(ValidationError):
        launch(province, secretariat, all_units=False, units=[foreign_unit])


def test_report_draft_submit_lock_return(province, unit, secretariat, officer):
    movement = launch(province, secretariat)
    report = movement_report_save(
        movement=movement, unit=unit, actor=officer, summary="Bản nháp", now=local_dt(2018, 8, 1)
    )
    assert report.state == ReportState.DRAFT
    report = movement_report_save(
        movement=movement,
        unit=unit,
        actor=officer,
        summary="Đã triển khai",
        submit=True,
        files=[u.upload("bao-cao.pdf", u.PDF)],
        now=local_dt(2018, 8, 10, 23, 59, 59),
    )
    assert (report.state, report.summary) == (ReportState.SUBMITTED, "Đã triển khai")
    with pytest.raises(ValidationError, match="bị khóa"):
        movement_report_save(movement=movement, unit=unit, actor=officer, summary="Sửa", now=local_dt(2018, 8, 2))
    report = movement_report_return(report=report, actor=secretariat, reason="Bổ sung số liệu")
    assert report.state == ReportState.RETURNED
    assert [e.action for e in audit_trail(report)][:2] == ["movement_report.return", "attachment.add"]


def test_report_after_the_deadline_is_refused(province, unit, secretariat, officer):
    movement = launch(province, secretariat)
    with pytest.raises(ValidationError, match="10/08/2018"):
        movement_report_save(
            movement=movement, unit=unit, actor=officer, summary="Muộn", now=local_dt(2018, 8, 11, 0, 0)
        )
    assert not MovementReport.objects.exists()


def test_unit_outside_the_movement_cannot_report(province, unit, other_unit, secretariat, other_officer):
    movement = launch(province, secretariat, all_units=False, units=[unit])
    with pytest.raises(ValidationError):
        movement_report_save(
            movement=movement, unit=other_unit, actor=other_officer, summary="x", now=local_dt(2018, 8, 1)
        )


def test_officer_cannot_report_for_another_unit(province, unit, other_unit, secretariat, other_officer):
    movement = launch(province, secretariat)
    with pytest.raises(PermissionDenied):
        movement_report_save(movement=movement, unit=unit, actor=other_officer, summary="x", now=local_dt(2018, 8, 1))


def test_officer_writes_the_report_in_the_browser(client, province, unit, secretariat, officer, freeze):
    freeze(local_dt(2018, 8, 5, 10))
    movement = launch(province, secretariat)
    client.force_login(officer)
    url = reverse("movements:movement_report", kwargs={"pk": movement.pk})
    client.post(url, {"summary": "Đơn vị đã tổ chức 3 hội nghị", "submit": "1", "files": [u.upload("anh.png", u.PNG)]})
    report = MovementReport.objects.get()
    assert report.state == ReportState.SUBMITTED
    page = client.get(reverse("movements:movement_detail", kwargs={"pk": movement.pk})).content.decode()
    assert "Đơn vị đã tổ chức 3 hội nghị" in page and "anh.png" in page


def test_pledge_create_update_and_overview(client, province, unit, other_unit, plan, officer, secretariat):
    pledge = pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 12),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
        files=[u.upload("giao-uoc.pdf", u.PDF)],
    )
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 13),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    assert Pledge.objects.get().signed_on == datetime.date(2018, 1, 13)
    assert [e.action for e in audit_trail(pledge)] == ["pledge.update", "attachment.add", "pledge.create"]
    client.force_login(secretariat)
    response = client.get(reverse("movements:pledge_overview", kwargs={"plan": plan.pk}))
    assert {u.pk for u in response.context["unsigned"]} == {province.pk, other_unit.pk}
    assert "giao-uoc.pdf" in response.content.decode()


def test_pledge_of_another_unit_is_404_for_an_officer(client, plan, other_unit, officer):
    client.force_login(officer)
    assert client.get(reverse("movements:pledge", kwargs={"plan": plan.pk, "unit": other_unit.pk})).status_code == 404


def test_exemplary_rules(province, unit, staff, plan, officer, secretariat):
    example = exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Gương mẫu, tận tụy")
    with pytest.raises(ValidationError, match="đã được giới thiệu"):
        exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Lần nữa")
    with pytest.raises(PermissionDenied):
        exemplary_select(example=example, actor=officer, for_province=True, for_supreme=False)
    exemplary_select(example=example, actor=secretariat, for_province=True, for_supreme=True)
    with pytest.raises(ValidationError, match="không thể rút"):
        exemplary_remove(example=example, actor=officer)
    other = exemplary_add(year_plan=plan, staff=staff[1], actor=officer, account="Chịu khó")
    exemplary_remove(example=other, actor=officer)
    assert list(ExemplaryIndividual.objects.values_list("staff__full_name", flat=True)) == ["Nguyễn Văn An"]


def test_exemplary_overview_shows_units_that_named_nobody(
    client, province, unit, other_unit, staff, plan, officer, secretariat
):
    exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Gương mẫu")
    client.force_login(secretariat)
    response = client.get(reverse("movements:exemplary_overview", kwargs={"plan": plan.pk}))
    assert {u.pk for u in response.context["units_without"]} == {province.pk, other_unit.pk}
    assert "Gương mẫu" in response.content.decode()


def test_withdraw_asks_for_confirmation_first(client, staff, plan, officer):
    example = exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Gương mẫu")
    client.force_login(officer)
    url = reverse("movements:exemplary_withdraw", kwargs={"pk": example.pk})
    assert "Nguyễn Văn An" in client.get(url).content.decode()
    assert ExemplaryIndividual.objects.exists()
    client.post(url)
    assert not ExemplaryIndividual.objects.exists()


def test_list_pages_use_a_constant_number_of_queries(client, province, plan, secretariat):
    counts = []
    for n in (1, 6):
        for i in range(n):
            unit = f.make_unit(province)
            person = f.make_staff(unit)
            officer = f.make_officer(unit)
            movement = launch(province, secretariat, name=f"Phong trào {n}-{i}")
            movement_report_save(
                movement=movement,
                unit=unit,
                actor=officer,
                summary="Báo cáo",
                submit=True,
                files=[u.upload("a.pdf", u.PDF)],
                now=local_dt(2018, 8, 1),
            )
            pledge_save(
                year_plan=plan,
                unit=unit,
                actor=officer,
                signed_on=datetime.date(2018, 1, 12),
                head_signatory="A",
                union_signatory="B",
                files=[u.upload("b.pdf", u.PDF)],
            )
            exemplary_add(year_plan=plan, staff=person, actor=officer, account="Gương mẫu")
        client.force_login(secretariat)
        first = Movement.objects.order_by("pk").first()
        counts.append(
            [
                count_queries(client, reverse("movements:movement_list")),
                count_queries(client, reverse("movements:movement_detail", kwargs={"pk": first.pk})),
                count_queries(client, reverse("movements:pledge_overview", kwargs={"plan": plan.pk})),
                count_queries(client, reverse("movements:exemplary_overview", kwargs={"plan": plan.pk})),
            ]
        )
    assert counts == [[6, 8, 7, 6]] * 2  # the list's unit filter lists the province's units (issue 15)
