"""Every page × every role. The table is checked against the URL configuration, so a new page without a rule
fails here until someone decides who may see it."""

import datetime
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from awards.services import conduct_record_create, initiative_create
from awards.services.consultations import consultation_comment, consultation_open
from awards.services.council import agenda_add, meeting_create
from awards.services.decisions import decision_create, decision_issue
from awards.services.inspections import (
    finding_add,
    inspection_create,
    inspection_issue,
    inspection_plan_create,
    inspection_record,
)
from awards.services.lines import line_transition
from movements.scoring.services import scoring_sheet_create
from movements.services import exemplary_add, movement_create, movement_report_save
from movements.unit_services import movement_result_save, unit_movement_create, unit_plan_save
from reports.enums import JobState, ReportKind
from reports.models import ReportJob
from reports.services import report_request
from tests import factories as f
from tests.factories import award, local_dt, propose, register
from units.articles import article_create
from units.attachments import attachments_of
from units.enums import Role
from units.imports import roster_check
from units.models import User
from units.notifications import notify
from units.outbox import outbox_record

ROLES = [
    "anonymous",
    "officer",
    "other_officer",
    "secretariat",
    "council_member",
    "admin",
    "foreign_secretariat",
    "statistics",
]
OK, NOT_FOUND, LOGIN = 200, 404, "login"
DONE = 302  # a POST that did its work and redirected back

# name: (method, {role: expected}); roles not listed expect 404 (anonymous: the login page). The statistics
# officer (plan II.2.3) reads where council members read and writes only the monitoring's snapshot and notice: a
# rule that does not name "statistics" expects the council member's answer for them (see ``expected_for``).
RULES = {
    # The health page for monitoring: public, and it names no person or unit (tests/units/test_health.py).
    "healthz": ("get", dict.fromkeys(ROLES, OK)),
    "home": (
        "get",
        {
            "officer": DONE,
            "other_officer": DONE,
            "secretariat": DONE,
            "council_member": DONE,
            "admin": DONE,
            "foreign_secretariat": OK,
        },
    ),
    "units:staff_list": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "units:staff_create": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "units:staff_update": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "units:staff_move": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "units:staff_leave": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    # The person has not left: the service refuses, the secretariat is sent back with the message.
    "units:staff_return": ("post", {"secretariat": DONE, "admin": DONE}),
    # Every role reaches every year (issue 13); the plan form stays the secretariat's.
    "movements:plan_list": (
        "get",
        {
            "officer": OK,
            "other_officer": OK,
            "secretariat": OK,
            "council_member": OK,
            "admin": OK,
            "foreign_secretariat": OK,
        },
    ),
    "movements:plan_create": ("get", {"secretariat": OK, "admin": OK, "foreign_secretariat": OK}),
    "movements:plan_update": ("get", {"secretariat": OK, "admin": OK}),
    "registrations:overview": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "registrations:sheet": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "registrations:return": ("post", {"secretariat": DONE, "admin": DONE}),
    "registrations:extension": ("post", {"secretariat": DONE, "admin": DONE}),
    "registrations:supplementary": ("post", {"officer": DONE, "secretariat": DONE, "admin": DONE}),
    "registrations:reminders": ("get", {"secretariat": OK, "admin": OK}),
    # "Nhắc ngay" (issue 13 item 9): the secretariat of the plan's province only; back to the overview.
    "registrations:remind": ("post", {"secretariat": DONE, "admin": DONE}),
    "units:outbox_resend": ("post", {"secretariat": DONE, "admin": DONE}),
    "registrations:export": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "registrations:sheet_export": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "reports:registration_form": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "reports:plan_reports": ("get", {"secretariat": OK, "admin": OK}),
    "reports:download": ("get", {"secretariat": OK, "admin": OK}),
    "reports:retry": ("post", {"secretariat": DONE, "admin": DONE}),
    "movements:movement_list": ("get", dict.fromkeys(ROLES[1:], OK)),
    "movements:movement_create": ("get", {"secretariat": OK, "admin": OK, "foreign_secretariat": OK}),
    "movements:movement_detail": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "council_member": OK, "admin": OK},
    ),
    "movements:movement_update": ("get", {"secretariat": OK, "admin": OK}),
    "movements:movement_report": ("get", {"officer": OK, "other_officer": OK}),
    "movements:movement_report_return": ("post", {"secretariat": DONE, "admin": DONE}),
    "movements:pledge_overview": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:pledge": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "movements:exemplary_overview": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:exemplary_unit": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "movements:exemplary_withdraw": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "movements:exemplary_select": ("post", {"secretariat": DONE, "admin": DONE}),
    # Issue 15 (plan III.1, II.2.5): units' own plans and their own short-term movements.
    "movements:unit_plan_overview": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:unit_plan": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:unit_plan_return": ("post", {"secretariat": DONE, "admin": DONE}),
    "movements:unit_movement_create": ("get", {"officer": OK, "other_officer": OK}),
    "movements:unit_movement_update": ("get", {"officer": OK, "admin": OK}),
    "movements:movement_result": ("get", {"officer": OK, "admin": OK}),
    "movements:movement_result_delete": ("post", {"officer": DONE, "admin": DONE}),
    "awards:initiative_list": ("get", dict.fromkeys(ROLES[1:], OK)),
    "awards:initiative_create": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "awards:initiative_detail": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:initiative_update": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "awards:conduct_list": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "awards:conduct_create": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "awards:conduct_update": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "awards:conduct_delete": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "units:attachment": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "awards:proposal_list": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "council_member": OK, "admin": OK},
    ),
    "awards:proposal_create": ("get", {"officer": OK, "other_officer": OK}),
    "awards:proposal_detail": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:line_create": ("get", {"officer": OK}),
    "awards:proposal_submit": ("post", {"officer": DONE}),
    "awards:line_detail": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:line_update": ("get", {"officer": OK}),
    "awards:line_delete": ("get", {"officer": OK}),
    "awards:review": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:line_review": ("post", {"secretariat": DONE, "admin": DONE}),
    # The world's line is a person's: the form is valid, the service refuses it and the page is shown again.
    "awards:line_endorsement": ("post", {"secretariat": OK, "admin": OK}),
    "awards:meeting_list": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:meeting_create": ("get", {"secretariat": OK, "admin": OK}),
    "awards:meeting_detail": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:agenda_add": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:meeting_close": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:meeting_close_confirm": ("get", {"secretariat": OK, "admin": OK}),
    "awards:tally_group": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:review_to_council": ("post", {"secretariat": DONE, "admin": DONE}),
    "reports:meeting_document": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:tally": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:decision_list": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:decision_create": ("get", {"secretariat": OK, "admin": OK}),
    "awards:decision_detail": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:decision_issue": ("post", {"secretariat": DONE, "admin": DONE}),
    "reports:decision_document": ("post", {"secretariat": DONE, "admin": DONE}),
    # The certificates of an issued decision: tests/awards/test_certificates.py, tests/reports/test_certificates_pdf.py
    "awards:certificates": ("get", {"secretariat": OK, "admin": OK}),
    "awards:certificates_confirm": ("get", {"secretariat": OK, "admin": OK}),
    "reports:certificates_document": ("post", {"secretariat": DONE, "admin": DONE}),
    "reports:certificates_preview": ("get", {"secretariat": OK, "admin": OK}),
    "awards:history": ("get", dict.fromkeys(ROLES[1:], OK)),
    "awards:award_revoke": ("get", {"secretariat": OK, "admin": OK}),
    "movements:scoring": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:scoring_create": ("post", {"secretariat": DONE, "admin": DONE}),
    "movements:scoring_sheet_edit": ("get", {"secretariat": OK, "admin": OK}),
    "reports:scoring_document": ("post", {"secretariat": DONE, "admin": DONE}),
    # The statistical reports of Thông tư 02/2023/TT-BNV (the statistics officer: tests/reports/test_statistics.py).
    "reports:statistics": ("get", {"secretariat": OK, "statistics": OK, "admin": OK}),
    "reports:statistics_export": ("get", {"secretariat": OK, "statistics": OK, "admin": OK}),
    "reports:statistics_document": ("post", {"secretariat": DONE, "admin": DONE}),
    "movements:scoring_export": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "movements:unit_score": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "reports:dashboard": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    # The units' data entry (plan II.2.3): the statistics officer and the secretariat; the notice, with no
    # snapshot taken yet, is refused with a message and the page shown again.
    "reports:monitoring": ("get", {"secretariat": OK, "statistics": OK, "admin": OK}),
    "reports:monitoring_snapshot": ("post", {"secretariat": DONE, "statistics": DONE, "admin": DONE}),
    "reports:monitoring_notice": ("post", {"secretariat": DONE, "statistics": DONE, "admin": DONE}),
    "reports:unit_dashboard": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    # The reviews (plan II.2.8): the province's is the secretariat's; a unit's its officers' too. The PDF: the
    # secretariat's goes to the report jobs (back to the documents page), an officer's is sent at once.
    "reports:review": ("get", {"secretariat": OK, "admin": OK}),
    "reports:review_docx": ("get", {"secretariat": OK, "admin": OK}),
    "reports:review_pdf": ("post", {"secretariat": DONE, "admin": DONE}),
    "reports:unit_review": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "reports:unit_review_docx": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "reports:unit_review_pdf": ("post", {"officer": OK, "secretariat": DONE, "admin": DONE}),
    "units:staff_import": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "units:import_detail": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "units:import_template": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "awards:award_import": ("get", {"secretariat": OK, "admin": OK, "foreign_secretariat": OK}),
    "awards:history_export": ("get", dict.fromkeys(ROLES[1:], OK)),
    "awards:person": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:honour_roll": ("get", dict.fromkeys(ROLES[1:], OK)),
    "awards:review_export": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:decision_export": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    # The world's decision is a draft decision, not an issued forwarding submission: the secretariat's request to
    # assemble is refused with a message (tests/awards/test_dossiers.py builds and sends a real one); it has no
    # dossier to download or send, so those answer 404 to every role.
    "awards:dossier_build": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:dossier_download": ("get", {}),
    "awards:dossier_send": ("get", {}),
    # Everyone signed in has their own notifications; one of them is the officer's own (another user's: 404).
    "units:notifications": ("get", dict.fromkeys(ROLES[1:], OK)),
    "units:notification_open": ("post", {"officer": DONE}),
    "units:notifications_read": ("post", dict.fromkeys(ROLES[1:], DONE)),
    # News items and articles (issue 15, plan II.2.7): every role of a province reads its scope; officers and the
    # secretariat write; council members only read.
    "units:article_list": ("get", dict.fromkeys(ROLES[1:], OK)),
    "units:article_summary": ("get", dict.fromkeys(ROLES[1:], OK)),
    "units:article_create": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "units:article_update": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "units:article_delete": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    # The council's inspections (plan II.2.8, III.4): the unit sees and answers its own; the secretariat the rest.
    # Issuing the issued record is refused with a message and the page shown again.
    "awards:inspection_list": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "council_member": OK, "admin": OK},
    ),
    "awards:inspection_plan_create": ("get", {"secretariat": OK, "admin": OK}),
    "awards:inspection_create": ("get", {"secretariat": OK, "admin": OK}),
    "awards:inspection_detail": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "awards:inspection_record": ("get", {"secretariat": OK, "admin": OK}),
    "awards:finding_create": ("get", {"secretariat": OK, "admin": OK}),
    "awards:inspection_issue": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:finding_answer": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "awards:finding_review": ("get", {"secretariat": OK, "admin": OK}),
    # The officer of the inspected unit gets the issued record's PDF at once; the secretariat's goes to the jobs.
    "reports:inspection_document": ("post", {"officer": OK, "secretariat": DONE, "admin": DONE}),
    "reports:achievement_docx": ("get", {"officer": OK, "secretariat": OK, "admin": OK}),
    "reports:achievement_upload": ("post", {"officer": DONE, "secretariat": DONE, "admin": DONE}),
    # The public consultation on high awards (domain-rules §3.3): every account of the province reads it (another
    # province sees an empty list, 404 on the page); the secretariat opens (the world's submission has one: the
    # form sends it to its page), answers and closes. tests/awards/test_consultations.py.
    "awards:consultation_list": ("get", dict.fromkeys(ROLES[1:], OK)),
    "awards:consultation_detail": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "council_member": OK, "admin": OK},
    ),
    "awards:consultation_open": ("get", {"secretariat": DONE, "admin": DONE}),
    "awards:consultation_answer": ("post", {"secretariat": DONE, "admin": DONE}),
    "awards:consultation_close": ("get", {"secretariat": OK, "admin": OK}),
    "reports:consultation_document": ("post", {"secretariat": DONE, "admin": DONE}),
}
# Which URL arguments each page takes (from the objects of the ``world`` fixture).
ARGUMENTS = {
    "units:outbox_resend": {"pk": "message"},
    "reports:download": {"pk": "done_job"},
    "reports:retry": {"pk": "failed_job"},
    "movements:movement_detail": {"pk": "movement"},
    "movements:movement_update": {"pk": "movement"},
    "movements:movement_report": {"pk": "movement"},
    "movements:movement_report_return": {"pk": "movement_report"},
    "movements:exemplary_withdraw": {"pk": "example"},
    "movements:exemplary_select": {"pk": "example"},
    "movements:unit_plan_return": {"pk": "unit_plan"},
    "movements:unit_movement_update": {"pk": "unit_movement"},
    "movements:movement_result": {"pk": "unit_movement"},
    "movements:movement_result_delete": {"pk": "movement_result"},
    "awards:initiative_detail": {"pk": "initiative"},
    "awards:initiative_update": {"pk": "initiative"},
    "awards:conduct_create": {"staff": "staff"},
    "awards:conduct_update": {"pk": "conduct"},
    "awards:conduct_delete": {"pk": "conduct"},
    "units:attachment": {"pk": "attachment"},
    "awards:proposal_detail": {"pk": "proposal"},
    "awards:line_create": {"pk": "proposal"},
    "awards:proposal_submit": {"pk": "proposal"},
    "awards:line_detail": {"pk": "line"},
    "awards:line_update": {"line": "line"},
    "awards:line_delete": {"pk": "line"},
    "awards:line_review": {"pk": "line"},
    "awards:line_endorsement": {"pk": "line"},
    "awards:meeting_detail": {"pk": "meeting"},
    "awards:agenda_add": {"pk": "meeting"},
    "awards:meeting_close": {"pk": "meeting"},
    "awards:meeting_close_confirm": {"pk": "meeting"},
    "awards:tally_group": {"pk": "meeting"},
    "reports:meeting_document": {"pk": "meeting"},
    "awards:tally": {"pk": "agenda_item"},
    "awards:decision_detail": {"pk": "decision"},
    "awards:decision_issue": {"pk": "decision"},
    "reports:decision_document": {"pk": "decision"},
    "awards:certificates": {"pk": "issued_decision"},
    "awards:certificates_confirm": {"pk": "issued_decision"},
    "reports:certificates_document": {"pk": "issued_decision"},
    "reports:certificates_preview": {"pk": "issued_decision"},
    "awards:award_revoke": {"pk": "award"},
    "units:import_detail": {"pk": "batch"},
    "units:import_template": {"kind": "roster"},
    "awards:person": {"pk": "staff"},
    "units:staff_update": {"pk": "staff"},
    "units:staff_move": {"pk": "staff"},
    "units:staff_leave": {"pk": "staff"},
    "units:staff_return": {"pk": "staff"},
    "awards:decision_export": {"pk": "decision"},
    "awards:dossier_build": {"pk": "decision"},
    "awards:dossier_download": {"pk": "decision"},
    "awards:dossier_send": {"pk": "decision"},
    "units:notification_open": {"pk": "notification"},
    "units:article_update": {"pk": "article"},
    "units:article_delete": {"pk": "article"},
    "awards:inspection_detail": {"pk": "inspection"},
    "awards:inspection_record": {"pk": "inspection"},
    "awards:finding_create": {"pk": "inspection"},
    "awards:inspection_issue": {"pk": "inspection"},
    "reports:inspection_document": {"pk": "inspection"},
    "reports:achievement_docx": {"pk": "line"},
    "reports:achievement_upload": {"pk": "line"},
    "awards:finding_answer": {"pk": "finding"},
    "awards:finding_review": {"pk": "finding"},
    "awards:consultation_detail": {"pk": "consultation"},
    "awards:consultation_close": {"pk": "consultation"},
    "reports:consultation_document": {"pk": "consultation"},
    "awards:consultation_open": {"pk": "submission"},
    "awards:consultation_answer": {"pk": "consultation_comment"},
}
# Pages outside the application's own rules.
EXEMPT = {"login", "logout", "set_language"}


def project_url_names():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_an_access_rule():
    assert project_url_names() - EXEMPT == set(RULES)


def build_world():
    """The objects every page of the table is opened on: one of each, in one province, plus a foreign one."""
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    other_unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà")
    plan = f.make_plan(province, 2018)
    staff = [
        f.make_staff(unit, "Nguyễn Văn An"),
        f.make_staff(unit, "Trần Thị Bình", gender="female"),
        f.make_staff(unit, "Lê Đức Cường"),
    ]
    officer = f.make_officer(unit)
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    users = {
        "anonymous": None,
        "officer": officer,
        "other_officer": f.make_officer(other_unit),
        "secretariat": f.make_user(Role.SECRETARIAT, province=province),
        "council_member": f.make_user(Role.COUNCIL_MEMBER, province=province),
        "admin": f.make_user(Role.ADMIN, province=province),
        "foreign_secretariat": f.make_user("secretariat", province=foreign),
        "statistics": f.make_user(Role.STATISTICS, province=province),
    }
    message, _ = outbox_record(
        key="probe",
        recipients=["a@example.test"],
        template="deadline_reminder",
        context={"plan": plan, "unit": unit, "days_before": 1, "deadline_text": "", "url": ""},
        unit=unit,
        enqueue=False,
    )
    done_job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=users["secretariat"])
    ReportJob.objects.filter(pk=done_job.pk).update(state=JobState.DONE, checksum="0" * 64, filename="x.pdf")
    done_job.refresh_from_db()
    done_job.file.save("x.pdf", ContentFile(b"%PDF-1.7 test"))
    failed_job = report_request(kind=ReportKind.REGISTRATION_SUMMARY, year_plan=plan, actor=users["secretariat"])
    ReportJob.objects.filter(pk=failed_job.pk).update(state=JobState.FAILED, error="x")
    movement = movement_create(
        province=province,
        actor=users["secretariat"],
        name="Thi đua lập thành tích",
        launched_by="province",
        kind="regular",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    report = movement_report_save(
        movement=movement, unit=unit, actor=officer, summary="Báo cáo", submit=True, now=local_dt(2018, 3, 1)
    )
    example = exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Gương mẫu")
    unit_plan = unit_plan_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        number="05/KH-VKS",
        issued_on=datetime.date(2018, 1, 20),
        signer="Nguyễn Văn An",
        files=[SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf")],
        submit=True,
    )
    unit_movement = unit_movement_create(
        unit=unit,
        actor=officer,
        name="Thi đua 70 năm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc",
        kind="periodic",
        start_date=datetime.date(2018, 3, 1),
        end_date=datetime.date(2018, 6, 11),
    )
    result = movement_result_save(movement=unit_movement, staff=staff[0], actor=officer, result="Xuất sắc")
    initiative = initiative_create(unit=unit, actor=officer, authors=[staff[0]], title="Sáng kiến", year=2018)
    article = article_create(
        unit=unit,
        actor=officer,
        authors=[staff[0]],
        kind="news",
        title="Tin tuyên truyền",
        outlet="sector_website",
        published_on=datetime.date(2018, 1, 10),
    )
    pdf = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    conduct = conduct_record_create(
        staff=staff[0], actor=officer, year=2018, kind="discipline", discipline_level=1, files=[pdf]
    )
    register(unit, plan, {})
    line, approved = propose(unit, plan, [(staff[1], "LDTT", []), (staff[2], "LDTT", [])])
    secretary = users["secretariat"]
    line_transition(line=line, to_state="accepted", actor=secretary)
    line_transition(line=approved, to_state="accepted", actor=secretary)
    line_transition(line=approved, to_state="approved", actor=secretary)
    meeting = meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8),
        members=[(f.make_staff(other_unit), "Ủy viên", True)],
    )
    (item,) = agenda_add(meeting=meeting, lines=[line], actor=secretary)
    decision = decision_create(year_plan=plan, kind="decision", lines=[approved], actor=secretary)
    # An issued decision, for its certificates (the draft above keeps its line, now decided).
    issued = decision_create(year_plan=plan, kind="decision", lines=[approved], actor=secretary)
    decision_issue(decision=issued, actor=secretary, number="46/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    record = award(staff[0], "LDTT", 2017)
    scoring_sheet_create(year_plan=plan, actor=secretary)
    batch = roster_check(unit=unit, upload=SimpleUploadedFile("x.xlsx", b"not a workbook"), actor=officer)
    inspection_plan = inspection_plan_create(year_plan=plan, actor=secretary, title="Kiểm tra năm 2018")
    inspection = inspection_create(
        plan=inspection_plan,
        unit=unit,
        actor=secretary,
        body="council",
        scheduled_on=datetime.date(2018, 9, 12),
        leader=f.make_staff(other_unit, "Phạm Quang Huy"),
    )
    inspection_record(inspection=inspection, actor=secretary, inspected_on=datetime.date(2018, 9, 12))
    finding = finding_add(
        inspection=inspection,
        actor=secretary,
        description="Thiếu hồ sơ",
        remedy="Bổ sung",
        due_date=datetime.date(2018, 10, 31),
    )
    inspection_issue(inspection=inspection, actor=secretary)
    submission = f.high_award_submission(unit, plan, secretary, [f.make_staff(unit, "Vũ Minh Tâm")])
    consultation = consultation_open(
        submission, datetime.date(2018, 12, 26), datetime.date(2019, 1, 4), "", secretary, now=local_dt(2018, 12, 26, 8)
    )
    comment = consultation_comment(consultation, officer, "Ý kiến", now=local_dt(2018, 12, 27, 9))
    objects = {
        "plan": plan.pk,
        "unit": unit.pk,
        "message": message.pk,
        "done_job": done_job.pk,
        "failed_job": failed_job.pk,
        "movement": movement.pk,
        "movement_report": report.pk,
        "example": example.pk,
        "unit_plan": unit_plan.pk,
        "unit_movement": unit_movement.pk,
        "movement_result": result.pk,
        "initiative": initiative.pk,
        "article": article.pk,
        "staff": staff[0].pk,
        "conduct": conduct.pk,
        "attachment": attachments_of(conduct)[0].pk,
        "proposal": line.proposal_id,
        "line": line.pk,
        "meeting": meeting.pk,
        "agenda_item": item.pk,
        "decision": decision.pk,
        "issued_decision": issued.pk,
        "award": record.pk,
        "batch": batch.pk,
        "inspection": inspection.pk,
        "finding": finding.pk,
        "submission": submission.pk,
        "consultation": consultation.pk,
        "consultation_comment": comment.pk,
        "notification": notify([officer], key="probe", text="Thông báo", url="/", email=False)[0].pk,
        "roster": "staff_roster",
    }
    return {role: user and user.pk for role, user in users.items()}, objects


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module inside a transaction that is rolled back at its end. Each case runs in
    a savepoint inside it (pytest-django's ``db``), so what a case writes is gone before the next one starts."""
    media = tmp_path_factory.mktemp("access-media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media):
                users, objects = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield media, users, objects
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(built_world, db, settings, tmp_path):
    """The module's world for one case: its rows (rolled back after the case) and a fresh copy of its files."""
    media, user_pks, objects = built_world
    shutil.copytree(media, tmp_path, dirs_exist_ok=True)
    settings.MEDIA_ROOT = tmp_path
    users = {role: pk and User.objects.get(pk=pk) for role, pk in user_pks.items()}
    return users, objects


def url_for(name, objects):
    if name in ARGUMENTS:
        return reverse(name, kwargs={arg: objects[key] for arg, key in ARGUMENTS[name].items()})
    for candidate in ({}, {"plan": objects["plan"]}, {"plan": objects["plan"], "unit": objects["unit"]}):
        try:
            return reverse(name, kwargs=candidate)
        except NoReverseMatch:
            continue
    raise AssertionError(name)


POST_DATA = {
    "awards:line_review": {"action": "return", "reason": "Bổ sung"},
    "awards:tally": {"yes": "1", "no": "0", "blank": "0", "written_yes": "0", "written_no": "0"},
    "awards:line_endorsement": {"units_total": "8", "units_agreeing": "7", "held_on": "20/11/2018"},
    "reports:meeting_document": {"document": "minutes"},
    "awards:decision_issue": {"number": "45/QĐ-VKS", "issued_on": "25/12/2018"},
    "registrations:return": {"reason": "Kiểm tra lại"},
    "movements:unit_plan_return": {"reason": "Bổ sung chỉ tiêu"},
    "registrations:extension": {"new_deadline": "25/01/2018", "reason": "Gia hạn"},
    "registrations:supplementary": {"staff": "0", "title": "0"},
    "awards:consultation_answer": {"answer": "Đã xem xét"},
}


def expected_for(expectations: dict, role: str):
    if role == "statistics" and role not in expectations:
        return expectations.get("council_member", NOT_FOUND)
    return expectations.get(role, LOGIN if role == "anonymous" else NOT_FOUND)


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("role", ROLES)
def test_access(client, world, freeze, settings, tmp_path, name, role):
    settings.MEDIA_ROOT = tmp_path
    freeze(local_dt(2018, 1, 15, 9, 0))
    users, kwargs = world
    method, expectations = RULES[name]
    expected = expected_for(expectations, role)
    if users[role]:
        client.force_login(users[role])
    url = url_for(name, kwargs)
    response = getattr(client, method)(url, POST_DATA.get(name, {}))
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected, (name, role, response.status_code)
