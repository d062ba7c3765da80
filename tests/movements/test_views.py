import datetime

from django.urls import reverse

from movements.models import YearPlan
from units.selectors import audit_trail


def test_secretariat_creates_a_plan_with_vietnamese_dates(client, secretariat, province):
    client.force_login(secretariat)
    response = client.post(
        reverse("movements:plan_create"),
        {
            "year": 2019,
            "number": "01/KH-VKS",
            "issued_on": "05/01/2019",
            "registration_deadline": "17/01/2019",
            "superior_agency": "VIỆN KSND TỐI CAO",
            "agency_symbol": "VKS",
            "signer_title": "VIỆN TRƯỞNG",
        },
    )
    assert response.status_code == 302
    plan = YearPlan.objects.get(year=2019)
    assert plan.province == province
    assert plan.registration_deadline == datetime.date(2019, 1, 17)
    assert audit_trail(plan)[0].action == "year_plan.create"


def test_duplicate_year_is_a_form_error(client, secretariat, plan):
    client.force_login(secretariat)
    response = client.post(
        reverse("movements:plan_create"),
        {"year": 2018, "registration_deadline": "17/01/2018", "superior_agency": "X", "agency_symbol": "VKS"},
    )
    assert response.status_code == 200
    assert YearPlan.objects.count() == 1
    assert response.context["form"].errors


def test_secretariat_moves_the_deadline_and_it_is_audited(client, secretariat, plan):
    client.force_login(secretariat)
    data = {
        "number": plan.number,
        "registration_deadline": "19/01/2018",
        "superior_agency": plan.superior_agency,
        "agency_symbol": plan.agency_symbol,
        "signer_title": plan.signer_title,
    }
    client.post(reverse("movements:plan_update", kwargs={"plan": plan.pk}), data)
    plan.refresh_from_db()
    assert plan.registration_deadline == datetime.date(2019 - 1, 1, 19)
    assert audit_trail(plan)[0].data["registration_deadline"] == ["2018-01-17", "2018-01-19"]


def test_plan_list_shows_the_deadline_in_vietnamese_format(client, council_member, plan):
    client.force_login(council_member)
    html = client.get(reverse("movements:plan_list")).content.decode()
    assert "23:59 17/01/2018" in html and "02/KH-VKS" in html
