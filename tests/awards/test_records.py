import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import ConductRecord, Initiative
from awards.services import conduct_record_create, conduct_record_delete, conduct_record_update, initiative_create
from tests import factories as f
from tests.factories import count_queries
from units.selectors import audit_trail


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_initiative_needs_authors_and_a_recognising_decision(unit, staff, officer):
    with pytest.raises(ValidationError):
        initiative_create(unit=unit, actor=officer, authors=[], title="Sáng kiến A", year=2018)
    with pytest.raises(ValidationError, match="số và ngày quyết định"):
        initiative_create(
            unit=unit, actor=officer, authors=[staff[0]], title="Sáng kiến A", year=2018, recognition_level="unit"
        )
    initiative = initiative_create(
        unit=unit,
        actor=officer,
        authors=staff[:2],
        title="  Sáng kiến   A ",
        year=2018,
        recognition_level="unit",
        decision_number="12/QĐ-VKS",
        decision_date=datetime.date(2018, 10, 1),
    )
    assert initiative.title == "Sáng kiến A"
    assert set(initiative.authors.all()) == set(staff[:2])


def test_initiative_list_searches_without_accents_and_is_scoped(
    client, unit, other_unit, staff, officer, other_officer
):
    initiative_create(unit=unit, actor=officer, authors=[staff[0]], title="Số hóa hồ sơ kiểm sát", year=2018)
    initiative_create(unit=unit, actor=officer, authors=[staff[0]], title="Quy trình kiểm tra chéo", year=2018)
    client.force_login(officer)
    response = client.get(reverse("awards:initiative_list"), {"q": "so hoa"})
    assert [i.title for i in response.context["initiatives"]] == ["Số hóa hồ sơ kiểm sát"]
    client.force_login(other_officer)
    assert list(client.get(reverse("awards:initiative_list")).context["initiatives"]) == []


def test_conduct_records_check_what_each_kind_needs(staff, officer):
    with pytest.raises(ValidationError) as error:
        conduct_record_create(staff=staff[0], actor=officer, year=2018, kind="discipline")
    assert "discipline_level" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        conduct_record_create(staff=staff[1], actor=officer, year=2018, kind="long_leave", leave_type="maternity")
    assert "start_date" in error.value.message_dict
    with pytest.raises(ValidationError):
        conduct_record_create(
            staff=staff[1],
            actor=officer,
            year=2018,
            kind="long_leave",
            leave_type="sick",
            start_date=datetime.date(2018, 5, 1),
            end_date=datetime.date(2018, 4, 1),
        )
    assert not ConductRecord.objects.exists()


def test_conduct_records_are_hidden_from_council_and_other_units(
    staff, officer, other_officer, secretariat, council_member, admin_user
):
    record = conduct_record_create(staff=staff[0], actor=officer, year=2018, kind="discipline", discipline_level=1)
    assert list(ConductRecord.objects.for_user(officer)) == [record]
    assert list(ConductRecord.objects.for_user(secretariat)) == [record]
    assert list(ConductRecord.objects.for_user(admin_user)) == [record]
    assert list(ConductRecord.objects.for_user(other_officer)) == []
    assert list(ConductRecord.objects.for_user(council_member)) == []


def test_every_change_to_a_conduct_record_is_audited_with_before_and_after(staff, officer):
    record = conduct_record_create(staff=staff[0], actor=officer, year=2018, kind="discipline", discipline_level=1)
    conduct_record_update(record=record, actor=officer, discipline_level=2, decision_number="09/QĐ-VKS")
    trail = audit_trail(record)
    assert trail[0].action == "conduct.update"
    assert trail[0].data["before"]["discipline_level"] == "1"
    assert trail[0].data["after"]["discipline_level"] == "2"
    assert trail[0].data["after"]["decision_number"] == "09/QĐ-VKS"
    record_id = record.pk
    conduct_record_delete(record=record, actor=officer)
    from django.contrib.contenttypes.models import ContentType

    from units.models import AuditEntry

    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConductRecord), object_id=record_id
    ).first()
    assert entry.action == "conduct.delete" and entry.data["staff"] == "Nguyễn Văn An"


def test_officer_adds_a_maternity_leave_in_the_browser(client, staff, officer):
    client.force_login(officer)
    response = client.post(
        reverse("awards:conduct_create", kwargs={"staff": staff[1].pk}),
        {
            "year": 2018,
            "kind": "long_leave",
            "leave_type": "maternity",
            "start_date": "01/03/2018",
            "end_date": "31/08/2018",
        },
    )
    assert response.status_code == 302
    record = ConductRecord.objects.get()
    assert (record.leave_type, record.start_date, record.discipline_level) == (
        "maternity",
        datetime.date(2018, 3, 1),
        None,
    )


def test_other_units_officer_cannot_open_or_add_records(client, staff, officer, other_officer):
    record = conduct_record_create(staff=staff[0], actor=officer, year=2018, kind="serious_violation")
    client.force_login(other_officer)
    assert client.get(reverse("awards:conduct_update", kwargs={"pk": record.pk})).status_code == 404
    assert client.get(reverse("awards:conduct_create", kwargs={"staff": staff[0].pk})).status_code == 404
    assert client.post(reverse("awards:conduct_delete", kwargs={"pk": record.pk})).status_code == 404
    assert ConductRecord.objects.count() == 1


def test_list_pages_use_a_constant_number_of_queries(client, province, secretariat):
    counts = []
    for n in (1, 6):
        for _ in range(n):
            unit = f.make_unit(province)
            people = [f.make_staff(unit), f.make_staff(unit)]
            officer = f.make_officer(unit)
            initiative_create(unit=unit, actor=officer, authors=people, title=f"Sáng kiến {unit.pk}", year=2018)
            conduct_record_create(staff=people[0], actor=officer, year=2018, kind="discipline", discipline_level=1)
        client.force_login(secretariat)
        row = []
        for url in (reverse("awards:initiative_list"), reverse("awards:conduct_list")):
            row.append(count_queries(client, url))
        counts.append(row)
    assert Initiative.objects.count() == 7
    assert counts == [[6, 6]] * 2
