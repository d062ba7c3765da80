"""The three journeys of the production-readiness issue, in a real browser."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from pypdf import PdfReader

from awards.models import AwardRecord, ClusterEndorsement, ProposalLine
from awards.services.council import agenda_add, meeting_create
from registrations.models import Registration, RegistrationLine
from tests import factories as f
from tests.factories import accept_all, propose, register
from units.imports import ROSTER_COLUMNS
from units.models import Staff

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    officer = f.make_user("officer", unit=unit, username="donghung")
    secretariat = f.make_user("secretariat", province=province, username="thuongtruc")
    this_year = timezone.localdate().year
    closed = f.make_plan(province, 2018)
    open_plan = f.make_plan(province, this_year + 1)
    return {
        "province": province,
        "unit": unit,
        "staff": staff,
        "officer": officer,
        "secretariat": secretariat,
        "closed": closed,
        "open": open_plan,
    }


def fill_registration(page, staff, title_for):
    page.select_option("#id_title_unit", label="Tập thể lao động tiên tiến")
    for person in staff:
        page.select_option(f"#id_title_{person.pk}", label=title_for(person))


def test_officer_registers_before_the_deadline_and_is_refused_after(journey, world):
    tab = journey("registration")
    tab.sign_in("donghung", f.PASSWORD)
    assert "Còn thiếu 4 dòng" in tab.page.content()
    tab.snap("empty-form")
    fill_registration(tab.page, world["staff"], lambda p: "Lao động tiên tiến")
    tab.page.click("button[name=submit]")
    tab.page.click("#submit-confirmation button[name=submit]")  # the confirmation step
    tab.page.wait_for_load_state()
    assert "Đã gửi đăng ký" in tab.page.content()
    assert tab.page.locator("#registration-state").inner_text() == "Đã gửi"
    assert tab.page.locator("select").count() == 1  # only the language menu: the form is locked
    tab.snap("submitted-locked")
    assert Registration.objects.get(year_plan=world["open"]).state == "submitted"
    tab.go(f"/plans/{world['closed'].pk}/units/{world['unit'].pk}/registration/")
    assert "đã hết hạn" in tab.page.content() and "23 giờ 59 ngày 17/01/2018" in tab.page.content()
    tab.snap("after-deadline")


def test_secretariat_returns_and_the_officer_resubmits(journey, world):
    officer_tab = journey("return-resubmit")
    officer_tab.sign_in("donghung", f.PASSWORD)
    fill_registration(officer_tab.page, world["staff"], lambda p: "Lao động tiên tiến")
    officer_tab.page.click("button[name=submit]")
    officer_tab.page.click("#submit-confirmation button[name=submit]")  # the confirmation step
    secretary_tab = journey("return-resubmit-secretariat")
    secretary_tab.sign_in("thuongtruc", f.PASSWORD)
    secretary_tab.go(f"/plans/{world['open'].pk}/units/{world['unit'].pk}/registration/")
    secretary_tab.page.fill("#id_reason", "Đề nghị đăng ký Chiến sĩ thi đua cơ sở cho đồng chí Bình")
    secretary_tab.snap("return-form")
    secretary_tab.page.click("form[action$='/return/'] [type=submit]")
    secretary_tab.page.wait_for_load_state()
    assert "Đã trả lại bản đăng ký cho đơn vị" in secretary_tab.page.content()
    officer_tab.go("/")
    assert "Đề nghị đăng ký Chiến sĩ thi đua cơ sở" in officer_tab.page.content()
    officer_tab.snap("returned")
    binh = world["staff"][1]
    officer_tab.page.select_option(f"#id_title_{binh.pk}", label="Chiến sĩ thi đua cơ sở")
    officer_tab.page.click("button[name=submit]")
    officer_tab.page.click("#submit-confirmation button[name=submit]")  # the confirmation step
    officer_tab.page.wait_for_load_state()
    assert "Đã gửi đăng ký" in officer_tab.page.content()
    officer_tab.snap("resubmitted")
    registration = Registration.objects.get(year_plan=world["open"])
    assert registration.state == "submitted"
    assert registration.lines.get(staff=binh).title.code == "CSTDCS"


def test_proposal_review_vote_decision_and_pdf(journey, world):
    plan, unit, staff = world["open"], world["unit"], world["staff"]
    register(unit, plan, {})
    office = f.make_unit(world["province"], "Văn phòng", kind_code="department")
    members = [f.make_staff(office, f"Thành viên Số{i}") for i in range(5)]

    officer = journey("award-cycle")
    officer.sign_in("donghung", f.PASSWORD)
    officer.go(f"/plans/{plan.pk}/proposals/new/")
    officer.page.select_option("#id_kind", value="year_end")
    officer.page.click("main form [type=submit]")
    officer.page.wait_for_load_state()
    lines = (
        (str(staff[0].pk), "Lao động tiên tiến"),
        (str(staff[1].pk), "Lao động tiên tiến"),
        ("unit", "Tập thể lao động tiên tiến"),
    )
    for subject, title in lines:
        officer.page.click("text=Thêm trường hợp")
        officer.page.select_option("#id_subject", value=subject)
        officer.page.select_option("#id_title", label=title)
        officer.page.fill("#id_achievements", "Hoàn thành xuất sắc nhiệm vụ; giải quyết 100% án đúng hạn.")
        officer.page.click("main form [type=submit]")
        officer.page.wait_for_load_state()
    officer.snap("proposal-lines")
    officer.page.click("text=Gửi Thường trực Hội đồng")
    officer.page.wait_for_load_state()
    officer.page.click("#confirm-submit")  # the confirmation says what will happen, and asks once
    officer.page.wait_for_load_state()
    assert "Đã gửi 3 đề nghị" in officer.page.content()

    secretary = journey("award-cycle-secretariat")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    # The collective passes once its member's line is accepted: accept until nothing is left to accept.
    for round_number in range(5):
        secretary.go(f"/plans/{plan.pk}/review/")
        if round_number == 0:
            secretary.snap("review-list")
        buttons = secretary.page.locator("#review-table button[value=accept]")
        if not buttons.count():
            break
        buttons.first.click()
        secretary.page.wait_for_load_state()
    assert set(ProposalLine.objects.values_list("state", flat=True)) == {"accepted"}

    secretary.go(f"/plans/{plan.pk}/meetings/new/")
    secretary.page.fill("#id_held_at", f"20/12/{plan.year} 08:00")
    for member in members:  # the members' picker (issue 13 point 7): type a name, choose it
        secretary.page.locator("#id_members-ts-control").press_sequentially(member.full_name)
        secretary.page.locator("#id_members-ts-dropdown .option", has_text=member.full_name).first.click()
    secretary.page.click("main form [type=submit]")
    secretary.page.wait_for_load_state()
    secretary.page.click("text=Đưa 3 đề nghị vào chương trình họp")
    secretary.page.wait_for_load_state()
    for _item in range(3):
        form = secretary.page.locator("form.tally-form").first
        form.locator("input[name=yes]").fill("5")
        form.locator("input[name=no]").fill("0")
        form.locator("button[type=submit]").click()
        secretary.page.wait_for_load_state()
    assert secretary.page.locator("#agenda-table").inner_text().count("– đạt") == 3
    secretary.snap("tally")

    secretary.go(f"/plans/{plan.pk}/decisions/new/?kind=decision")
    for checkbox in secretary.page.locator("input[name=lines]").all():
        checkbox.check()
    secretary.page.click("main form [type=submit]")
    secretary.page.wait_for_load_state()
    secretary.page.fill("#number", "45/QĐ-VKS")
    secretary.page.fill("#issued_on", f"25/12/{plan.year}")
    secretary.page.click("form[action$='/issue/'] [type=submit]")
    secretary.page.wait_for_load_state()
    secretary.page.click("#confirm-issue")  # what issuing does is shown first, and confirmed once
    secretary.page.wait_for_load_state()
    assert AwardRecord.objects.count() == 3
    secretary.page.click("text=Tạo văn bản PDF kèm danh sách")
    secretary.page.wait_for_load_state()
    secretary.snap("documents")
    with secretary.page.expect_download() as download_info:
        secretary.page.click("#job-table a:has-text('Tải về')")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read once
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "QUYẾT ĐỊNH" in text and "Số: 45/QĐ-VKS" in text and "Nguyễn Văn An" in text
    assert re.search(r"ngày 25 tháng 12 năm \d{4}", text)
    assert datetime.date.today().year <= plan.year


def test_officer_imports_the_roster_and_sees_the_unit_dashboard(journey, world, tmp_path):

    workbook = Workbook()
    workbook.active.append([c.header for c in ROSTER_COLUMNS])
    workbook.active.append(["NGUYỄN VĂN AN", "Nam", "01/05/1985", "Phó Viện trưởng", "", "", "", ""])
    workbook.active.append(["vũ thị lan", "Nữ", "12/12/1992", "Kiểm tra viên", "Kiểm tra viên", "", "", ""])
    workbook.active.append(["Đỗ Văn Hùng", "?", "31/02/1990", "", "", "", "", ""])
    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    workbook.save(bad)
    workbook.active.delete_rows(4)
    workbook.save(good)
    tab = journey("roster-import")
    tab.sign_in("donghung", f.PASSWORD)
    tab.go("/staff/import/")
    tab.page.set_input_files("#id_file", str(bad))
    tab.page.click("main form button[type=submit]")
    tab.page.wait_for_load_state()
    problems = tab.page.locator("#problems").inner_text()
    assert "Giới tính" in problems and "31/02/1990" in problems and "không dòng nào được lưu" in tab.page.content()
    tab.snap("problems")
    tab.go("/staff/import/")
    tab.page.set_input_files("#id_file", str(good))
    tab.page.click("main form button[type=submit]")
    tab.page.wait_for_load_state()
    rows = tab.page.locator("#rows").inner_text()
    assert "Nguyễn Văn An" in rows and "cập nhật" in rows and "người mới" in rows
    tab.snap("preview")
    tab.page.click("main form button[type=submit]")
    tab.page.wait_for_load_state()
    assert "thêm 1, cập nhật 1" in tab.page.content()
    assert Staff.objects.filter(unit=world["unit"]).count() == 4
    assert Staff.objects.get(full_name="Nguyễn Văn An").position == "Phó Viện trưởng"
    tab.go(f"/plans/{world['open'].pk}/units/{world['unit'].pk}/dashboard/")
    assert "Chưa có giao ước thi đua" in tab.page.content()
    tab.snap("unit-dashboard")
    secretary = journey("dashboard")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    secretary.go(f"/plans/{world['open'].pk}/dashboard/")
    assert secretary.page.locator("svg").count() >= 3
    secretary.snap("secretariat-dashboard")


def test_a_late_discipline_and_a_cap_at_the_council(journey, world):
    """Issue 10 in the browser: a warning recorded after acceptance stops the tally of that line, and the cap goes
    to the council as a choice."""

    plan, unit, staff = world["closed"], world["unit"], world["staff"]
    staff += [f.make_staff(unit, f"Đinh Văn Người{i}") for i in range(4)]
    an, binh = staff[:2]
    register(unit, plan, {an: "CSTDCS", binh: "CSTDCS"})
    initiatives = [
        f.make_initiative(unit, [person], decision_number="20/QĐ-VKS", actor=world["officer"]) for person in (an, binh)
    ]
    lines = propose(
        unit,
        plan,
        [(person, "LDTT", []) for person in staff]
        + [(an, "CSTDCS", initiatives[:1]), (binh, "CSTDCS", initiatives[1:])],
        actor=world["officer"],
    )
    accept_all(lines, world["secretariat"])
    office = f.make_unit(world["province"], "Văn phòng", kind_code="department")
    meeting = meeting_create(
        year_plan=plan,
        actor=world["secretariat"],
        held_at=timezone.make_aware(datetime.datetime(2018, 12, 20, 8, 0)),
        members=[(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(3)],
    )
    agenda_add(meeting=meeting, lines=lines[-2:], actor=world["secretariat"])

    officer = journey("late-discipline")
    officer.sign_in("donghung", f.PASSWORD)
    officer.go(f"/staff/{binh.pk}/conduct/new/")
    officer.page.fill("#id_year", "2018")
    officer.page.select_option("#id_kind", value="discipline")
    officer.page.select_option("#id_discipline_level", value="2")
    officer.page.fill("#id_decision_number", "07/QĐ-VKS")
    officer.page.fill("#id_decision_date", "05/12/2018")
    officer.page.click("main form [type=submit]")
    officer.page.wait_for_load_state()
    officer.snap("conduct-recorded")

    secretary = journey("cap-choice")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    secretary.go(f"/meetings/{meeting.pk}/")
    assert "Hội đồng chọn 1 trong 2 “Chiến sĩ thi đua cơ sở”" in secretary.page.inner_text("#cap-choices")
    secretary.snap("cap-choice")
    first, second = secretary.page.locator("form.tally-form").all()[:2]
    first.locator("input[name=yes]").fill("3")
    first.locator("input[name=no]").fill("0")
    first.locator("button[type=submit]").click()
    secretary.page.wait_for_load_state()
    form = secretary.page.locator("form.tally-form").first
    form.locator("input[name=yes]").fill("3")
    form.locator("input[name=no]").fill("0")
    form.locator("button[type=submit]").click()
    secretary.page.wait_for_load_state()
    text = secretary.page.inner_text("main")
    assert "Trần Thị Bình – Chiến sĩ thi đua cơ sở: không đủ tiêu chuẩn" in text and "Cảnh cáo" in text
    secretary.snap("tally-refused")
    form = secretary.page.locator("form.tally-form").first
    form.locator("input[name=yes]").fill("0")
    form.locator("input[name=no]").fill("3")
    form.locator("button[type=submit]").click()
    secretary.page.wait_for_load_state()
    states = dict(ProposalLine.objects.filter(title__code="CSTDCS").values_list("staff__full_name", "state"))
    assert states == {"Nguyễn Văn An": "approved", "Trần Thị Bình": "not_approved"}


def test_a_supplementary_registration_and_a_clusters_endorsement(journey, world):
    """Issue 10 in the browser: a recruit who came after the submission is registered by the unit; the
    secretariat records the cluster's vote on the unit proposed for the Cờ thi đua ngành."""

    plan, unit = world["closed"], world["unit"]
    register(unit, plan, {}, collective="CO_NGANH")
    recruit = f.make_staff(unit, "Bùi Thị Mới Vào", joined_procuracy_on=datetime.date(2018, 3, 1))

    officer = journey("supplementary")
    officer.sign_in("donghung", f.PASSWORD)
    officer.go(f"/plans/{plan.pk}/units/{unit.pk}/registration/")
    section = officer.page.locator("#supplementary-candidates")
    assert "Bùi Thị Mới Vào" in section.inner_text()
    officer.snap("candidates")
    section.locator(f"#supplementary-title-{recruit.pk}").select_option(label="Lao động tiên tiến")
    section.locator("button[type=submit]").first.click()
    officer.page.wait_for_load_state()
    assert "Đăng ký bổ sung" in officer.page.inner_text("main")
    officer.snap("added")
    line = RegistrationLine.objects.get(staff=recruit)
    assert line.supplementary_at is not None and line.title.code == "LDTT"

    (flag,) = propose(unit, plan, [(None, "CO_NGANH", [])], actor=world["officer"])
    secretary = journey("endorsement")
    secretary.sign_in("thuongtruc", f.PASSWORD)
    secretary.go(f"/proposal-lines/{flag.pk}/")
    assert "Chưa có kết quả suy tôn của cụm" in secretary.page.inner_text("main")
    secretary.page.fill("#id_units_total", "8")
    secretary.page.fill("#id_units_agreeing", "7")
    secretary.page.fill("#id_held_on", "20/11/2018")
    secretary.page.click("#endorsement-form [type=submit]")
    secretary.page.wait_for_load_state()
    text = secretary.page.inner_text("main")
    assert "7/8" in text and "20/11/2018" in text
    secretary.snap("endorsement")
    endorsement = ClusterEndorsement.objects.get(line=flag)
    assert (endorsement.units_total, endorsement.units_agreeing) == (8, 7)
