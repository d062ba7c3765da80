"""Issue 15: an officer of the inspected unit downloads the issued inspection record (biên bản kiểm tra) from the
inspection's page. The secretariat's goes through the report jobs; the officer's is rendered in the request from
the same builder, since report jobs and the documents page are the province's. Another unit's officer, a record
not yet issued and a council member get 404."""

import io

import pdfplumber
import pytest
from django.urls import reverse

from reports.models import ReportJob
from tests.awards.test_inspections import inspection_plan, issued, make_inspection, team  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def document_url(inspection) -> str:
    return reverse("reports:inspection_document", kwargs={"pk": inspection.pk})


def page_text(client, inspection) -> str:
    return client.get(reverse("awards:inspection_detail", kwargs={"pk": inspection.pk})).content.decode()


def test_an_officer_downloads_their_units_issued_record(client, inspection_plan, unit, team, secretariat, officer):  # noqa: F811
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    client.force_login(officer)
    assert f'action="{document_url(inspection)}"' in page_text(client, inspection)
    response = client.post(document_url(inspection))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bien-ban-kiem-tra-2018-{inspection.pk}.pdf"'
    with pdfplumber.open(io.BytesIO(response.content)) as document:
        flat = " ".join(" ".join(p.extract_text() for p in document.pages).split())
    assert "BIÊN BẢN" in flat and f"Kiểm tra công tác thi đua, khen thưởng tại {unit.name}" in flat
    assert "Số: 03/BB-VKS" in flat and "Bổ sung hồ sơ số 1." in flat
    assert not ReportJob.objects.exists()  # rendered in the request, no job of the province's


def test_a_record_not_yet_issued_is_not_the_officers(client, inspection_plan, unit, team, secretariat, officer):  # noqa: F811
    inspection = make_inspection(inspection_plan, unit, team, secretariat)
    client.force_login(officer)
    assert document_url(inspection) not in page_text(client, inspection)
    assert client.post(document_url(inspection)).status_code == 404


def test_another_units_officer_and_a_council_member_get_404(
    client,
    inspection_plan,  # noqa: F811
    unit,
    team,  # noqa: F811
    secretariat,
    other_officer,
    council_member,
):
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    for user in (other_officer, council_member):
        client.force_login(user)
        assert client.post(document_url(inspection)).status_code == 404
    assert not ReportJob.objects.exists()


def test_the_secretariat_still_asks_the_report_jobs(client, plan, inspection_plan, unit, team, secretariat):  # noqa: F811
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    client.force_login(secretariat)
    response = client.post(document_url(inspection))
    assert response.url == reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    assert ReportJob.objects.get().params == {"inspection": inspection.pk}
