"""Issue 14, small things: the pager jumps to a typed page (nonsense or out of range: the first or last page, no
404) and keeps the filters; the sign-in page names the agency; the documents page says a document is being made
only while one is."""

import pytest
from django.urls import reverse

from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f


@pytest.fixture
def many_staff(unit):
    return [f.make_staff(unit, f"Nguyễn Văn Số{i:03d}") for i in range(120)]  # three pages of 50


def test_pager_jump_form_keeps_the_search_and_shows_pages_around(client, officer, many_staff):
    client.force_login(officer)
    page = client.get(reverse("units:staff_list"), {"q": "nguyen", "page": "2"}).content.decode()
    jump = page[page.index('id="pager-jump"') :][:1500]
    assert '<input type="hidden" name="q" value="nguyen">' in jump
    assert 'name="page"' in jump and 'value="2"' in jump and 'max="3"' in jump
    assert "Đến trang" in jump and ">Đi</button>" in jump
    assert 'aria-current="page"><span class="page-link">2</span>' in page
    assert "page=1" in page and "page=3" in page


@pytest.mark.parametrize(("typed", "shown"), [("abc", 1), ("0", 1), ("-4", 1), ("999", 3), ("3", 3), ("", 1)])
def test_pager_typed_page_never_404(client, officer, many_staff, typed, shown):
    client.force_login(officer)
    response = client.get(reverse("units:staff_list"), {"q": "nguyen", "page": typed})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(response.context["staff"]) == (20 if shown == 3 else 50)


def test_login_page_names_the_agency(client, province):
    f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    page = client.get(reverse("login")).content.decode()
    agency = page[page.index('id="login-agency"') :][:600]
    assert "Viện kiểm sát nhân dân tỉnh Thái Bình" in agency
    assert "Viện kiểm sát nhân dân tỉnh Nam Định" in agency
    assert "Hệ thống thi đua, khen thưởng" in agency


def test_documents_page_says_being_generated_only_while_a_job_runs(client, plan, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=secretariat)
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    client.force_login(secretariat)
    url = reverse("reports:plan_reports", kwargs={"plan": plan.pk})
    running = client.get(url).content.decode()
    assert 'id="job-progress"' in running and "Đang tạo văn bản" in running
    assert "js/job-poll.js" in running  # it reads itself again while the job runs
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.DONE, checksum="0" * 64, filename="x.pdf")
    done = client.get(url).content.decode()
    assert "Đang tạo văn bản" not in done and "job-poll.js" not in done
