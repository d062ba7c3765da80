import datetime

import pytest
from django.core import mail
from django.urls import reverse

from awards.enums import LineState
from awards.models import AgendaItem, AwardRecord, Decision, Proposal, ProposalLine
from awards.services.council import agenda_add, meeting_create
from awards.services.lines import line_transition
from tests import factories as f
from tests.factories import accept_all, award, count_queries, eligible_for_nganh, local_dt, pdf_text, propose, register


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


def test_officer_proposes_in_the_browser_and_the_secretariat_is_told(
    client, django_capture_on_commit_callbacks, plan, unit, staff, officer, secretary
):
    register(unit, plan, {staff[0]: "CSTDCS"})
    client.force_login(officer)
    response = client.post(reverse("awards:proposal_create", kwargs={"plan": plan.pk}), {"kind": "year_end"})
    proposal = Proposal.objects.get()
    assert response.url == reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})
    url = reverse("awards:line_create", kwargs={"pk": proposal.pk})
    refused = client.post(
        url,
        {"subject": str(staff[1].pk), "title": f.title("CSTDCS").pk, "achievements": "Giải quyết 120 vụ án đúng hạn"},
    )
    assert "đăng ký “Lao động tiên tiến”" in " ".join(refused.context["form"].non_field_errors())
    client.post(
        url, {"subject": str(staff[0].pk), "title": f.title("LDTT").pk, "achievements": "Giải quyết 120 vụ án đúng hạn"}
    )
    client.post(url, {"subject": "unit", "title": f.title("TTLDTT").pk, "achievements": "Hoàn thành chỉ tiêu"})
    assert ProposalLine.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:proposal_submit", kwargs={"pk": proposal.pk}))
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {LineState.SUBMITTED}
    message = next(m for m in mail.outbox if secretary.email in m.to)
    assert "2 đề nghị" in message.subject and "Nguyễn Văn An" in message.body
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "Đã gửi, chờ thẩm định" in page and "Đủ tiêu chuẩn" in page


def test_secretariat_returns_a_line_and_the_unit_is_told(
    client, django_capture_on_commit_callbacks, plan, unit, staff, officer, secretary
):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("awards:line_review", kwargs={"pk": line.pk}),
            {"action": "return", "reason": "Bổ sung báo cáo thành tích"},
        )
    line.refresh_from_db()
    assert (line.state, line.review_note) == (LineState.RETURNED, "Bổ sung báo cáo thành tích")
    message = next(m for m in mail.outbox if officer.email in m.to)
    assert "Trả lại đề nghị" in message.subject and "Bổ sung báo cáo thành tích" in message.body


def test_review_list_accepts_passing_lines(client, plan, unit, staff, officer, secretary):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    client.force_login(secretary)
    url = reverse("awards:review", kwargs={"plan": plan.pk})
    page = client.get(url)
    assert [item.pk for item in page.context["table"]["lines"]] == [line.pk]
    client.post(reverse("awards:line_review", kwargs={"pk": line.pk}), {"action": "accept", "next": url})
    line.refresh_from_db()
    assert line.state == LineState.ACCEPTED


def test_review_list_and_agenda_use_a_constant_number_of_queries(client, province, secretary):
    counts = []
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office), "Ủy viên", True) for _ in range(3)]
    for year, n in ((2018, 1), (2019, 8)):
        plan = f.make_plan(province, year)
        lines = []
        for _ in range(n):
            unit = f.make_unit(province)
            people = [f.make_staff(unit) for _ in range(2)]
            f.make_officer(unit)
            register(unit, plan, {})
            lines += propose(unit, plan, [(people[0], "LDTT", []), (people[1], "LDTT", []), (None, "TTLDTT", [])])
        accept_all(lines, secretary)
        meeting = meeting_create(year_plan=plan, actor=secretary, held_at=local_dt(year, 12, 20, 8), members=members)
        agenda_add(meeting=meeting, lines=lines, actor=secretary)
        client.force_login(secretary)
        counts.append(
            [
                count_queries(client, reverse("awards:review", kwargs={"plan": plan.pk})),
                count_queries(client, reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})),
                count_queries(client, reverse("awards:proposal_list", kwargs={"plan": plan.pk})),
            ]
        )
    assert counts == [[20, 16, 5]] * 2


def test_the_tally_entered_in_the_browser_decides_the_line(client, plan, unit, staff, officer, secretary, province):
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    (line,) = propose(unit, plan, [(staff[0], "CSTD_NGANH", [eligible_for_nganh(unit, staff[0])])])
    accept_all([line], secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office), "Ủy viên", index < 10) for index in range(11)]
    meeting = meeting_create(year_plan=plan, actor=secretary, held_at=local_dt(2018, 12, 20, 8), members=members)
    client.force_login(secretary)
    client.post(reverse("awards:agenda_add", kwargs={"pk": meeting.pk}))
    item = AgendaItem.objects.get()
    client.post(
        reverse("awards:tally", kwargs={"pk": item.pk}),
        {"yes": 9, "no": 1, "blank": 0, "written_yes": 0, "written_no": 0},
    )
    line.refresh_from_db()
    assert line.state == LineState.NOT_APPROVED
    page = client.get(reverse("awards:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "81,82 % / 90 %" in page


def _decided_year(plan, unit, staff, secretary, province):
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    sector = eligible_for_nganh(unit, staff[0])
    lines = propose(
        unit,
        plan,
        [(staff[0], "CSTD_NGANH", [sector]), (staff[1], "LDTT", []), (staff[2], "LDTT", []), (None, "TTLDTT", [])],
    )
    accept_all(lines, secretary)
    lines = [lines[0], lines[1], lines[3]]
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(11)]
    meeting = meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8),
        members=members,
        chair="Nguyễn Văn Thành",
        secretary="Trần Thị Thư",
    )
    return lines, meeting


def test_meeting_documents_and_the_decision_pdf(
    client, django_capture_on_commit_callbacks, plan, unit, staff, officer, secretary, province
):
    lines, meeting = _decided_year(plan, unit, staff, secretary, province)
    client.force_login(secretary)
    client.post(reverse("awards:agenda_add", kwargs={"pk": meeting.pk}))
    for item in AgendaItem.objects.order_by("position"):
        client.post(
            reverse("awards:tally", kwargs={"pk": item.pk}),
            {"yes": 11, "no": 0, "blank": 0, "written_yes": 0, "written_no": 0},
        )
    with django_capture_on_commit_callbacks(execute=True):
        for document in ("pack", "minutes"):
            client.post(reverse("reports:meeting_document", kwargs={"pk": meeting.pk}), {"document": document})
    response = client.post(
        reverse("awards:decision_create", kwargs={"plan": plan.pk}),
        {"kind": "decision", "lines": [lines[1].pk, lines[2].pk]},
    )
    decision = Decision.objects.get()
    assert response.url == reverse("awards:decision_detail", kwargs={"pk": decision.pk})
    client.post(
        reverse("awards:decision_issue", kwargs={"pk": decision.pk}), {"number": "45/QĐ-VKS", "issued_on": "25/12/2018"}
    )
    assert AwardRecord.objects.filter(decision=decision).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:decision_document", kwargs={"pk": decision.pk}))
    from reports.models import ReportJob

    texts = {}
    for job in ReportJob.objects.order_by("pk"):
        assert job.state == "done", job.error
        with job.file.open("rb") as handle:
            texts[job.kind] = "\n".join(pdf_text(handle.read()))
    assert "Chiến sĩ thi đua ngành Kiểm sát nhân dân" in texts["council-pack"]
    assert "Nguyễn Văn An" in texts["council-pack"] and "Đủ tiêu chuẩn" in texts["council-pack"]
    minutes = texts["vote-minutes"]
    assert "BIÊN BẢN" in minutes and "100,00 %" in minutes and "/ 90 %" in minutes
    assert "Nguyễn Văn Thành" in texts["vote-minutes"]
    decision_text = texts["decision"]
    assert "QUYẾT ĐỊNH" in decision_text and "Số: 45/QĐ-VKS" in decision_text
    assert "Trần Thị Bình" in decision_text and "Tập thể lao động tiên tiến" in decision_text
    assert "Thái Bình, ngày 25 tháng 12 năm 2018" in decision_text


def test_forwarding_submission_pdf(
    client, django_capture_on_commit_callbacks, plan, unit, staff, officer, secretary, province
):
    lines, _meeting = _decided_year(plan, unit, staff, secretary, province)
    line_transition(line=lines[0], to_state=LineState.APPROVED, actor=secretary)
    client.force_login(secretary)
    client.post(
        reverse("awards:decision_create", kwargs={"plan": plan.pk}), {"kind": "forwarding", "lines": [lines[0].pk]}
    )
    submission = Decision.objects.get()
    client.post(
        reverse("awards:decision_issue", kwargs={"pk": submission.pk}),
        {"number": "12/TTr-VKS", "issued_on": "26/12/2018"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:decision_document", kwargs={"pk": submission.pk}))
    from reports.models import ReportJob

    job = ReportJob.objects.get()
    with job.file.open("rb") as handle:
        text = "\n".join(pdf_text(handle.read()))
    assert "TỜ TRÌNH" in text and "Số: 12/TTr-VKS" in text and "Kính gửi" in text
    assert "Nguyễn Văn An" in text and "Chiến sĩ thi đua ngành Kiểm sát nhân dân" in text


def test_award_history_is_searchable_without_accents(client, plan, unit, staff, officer, secretary):

    award(staff[0], "CSTDCS", 2016)
    award(staff[1], "LDTT", 2017)
    client.force_login(officer)
    response = client.get(reverse("awards:history"), {"q": "nguyen van an"})
    assert [(r.staff.full_name, r.year) for r in response.context["records"]] == [("Nguyễn Văn An", 2016)]
    response = client.get(reverse("awards:history"), {"decision": "17/QĐ"})
    assert [r.staff.full_name for r in response.context["records"]] == ["Trần Thị Bình"]


def test_secretariat_revokes_an_award_in_the_browser(client, plan, unit, staff, secretary):

    record = award(staff[0], "CSTDCS", 2016)
    client.force_login(secretary)
    client.post(
        reverse("awards:award_revoke", kwargs={"pk": record.pk}),
        {"revoked_by": "03/QĐ-VKS", "revoked_on": "01/03/2018", "reason": "Kê khai không đúng"},
    )
    record.refresh_from_db()
    assert (record.status, record.revoked_on) == ("revoked", datetime.date(2018, 3, 1))
