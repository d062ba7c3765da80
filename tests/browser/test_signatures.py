"""Issue 16, digital signatures in a real browser: with the issuing body's certificate configured, the secretariat
issues a decision and asks for its PDF, which the job signs; the documents page and the decision's page say "Đã ký
số" with the signer and the time, and the downloaded file is signed, intact and trusted. A district's officer
uploads the unit's plan signed by its head and sees the check beside the file; so does the secretariat."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import LineState
from awards.services.decisions import decision_create
from awards.services.lines import line_transition
from reports.models import ReportJob
from reports.pdf import render_part
from reports.signing import load_signer, sign_pdf
from tests import factories as f
from tests.signing_certs import make_pki
from units.signatures import verify_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PROVINCE_SIGNER = "Viện kiểm sát nhân dân tỉnh Thái Bình"
DISTRICT_SIGNER = "Viện kiểm sát nhân dân huyện Đông Hưng"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    province_pki = make_pki(tmp_path / "pki-tinh")
    district_pki = make_pki(tmp_path / "pki-huyen", ca_name="CA thử nghiệm huyện", signer_name=DISTRICT_SIGNER)
    settings.SIGNING_PKCS12_PATH = str(province_pki.pkcs12)
    settings.SIGNING_PKCS12_PASSWORD = province_pki.password
    settings.SIGNING_TRUST_ROOTS = [str(province_pki.ca_pem), str(district_pki.ca_pem)]

    province = f.make_province()
    unit = f.make_unit(province, DISTRICT_SIGNER)
    f.make_staff(unit, "Phạm Văn Hùng", position="Viện trưởng")
    people = [f.make_staff(unit, "Nguyễn Văn An"), f.make_staff(unit, "Trần Thị Bình", gender="female")]
    plan = f.make_plan(province, 2018, unit_plan_deadline=datetime.date(2018, 1, 31), signer_name="Trần Văn Thịnh")
    f.make_user("officer", unit=unit, username="donghung")
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    f.register(unit, plan, {})
    lines = f.propose(unit, plan, [(people[0], "LDTT", []), (people[1], "LDTT", []), (None, "TTLDTT", [])])
    for line in lines:
        for state in (LineState.ACCEPTED, LineState.APPROVED):
            line_transition(line=line, to_state=state, actor=secretary)
    decision = decision_create(year_plan=plan, kind="decision", lines=lines, actor=secretary)

    # the unit's plan as its head signed it
    html = (
        "<html><body><p>KẾ HOẠCH công tác thi đua, khen thưởng năm 2018</p><table style='width:100%'><tr><td></td>"
        "<td>VIỆN TRƯỞNG<br><br><br><br><br><b>Phạm Văn Hùng</b></td></tr></table></body></html>"
    )
    signer = load_signer(str(district_pki.pkcs12), district_pki.password)
    scan = tmp_path / "ke-hoach-da-ky-so.pdf"
    signed = sign_pdf(render_part(html)[0], anchor="Phạm Văn Hùng", signer=signer)
    scan.write_bytes(signed.pdf)
    return {"plan": plan, "unit": unit, "decision": decision, "scan": scan, "scan_signed_at": signed.signed_at}


def test_secretariat_issues_a_signed_decision_and_an_officer_uploads_a_signed_plan(journey, world, tmp_path):
    decision, plan = world["decision"], world["plan"]
    tab = journey("signatures")
    page = tab.page

    # 1. The secretariat issues the decision and asks for its PDF: the job signs it.
    tab.sign_in("thuongtruc", f.PASSWORD)
    tab.go(f"/decisions/{decision.pk}/")
    page.fill("#number", "45/QĐ-VKS")
    page.fill("#issued_on", "25/12/2018")
    page.click("#issue-decision")
    page.wait_for_load_state()
    page.click("#confirm-issue")
    page.wait_for_load_state()
    assert "Đã ban hành văn bản." in page.content()
    expected = "Bản PDF được ký số bằng chứng thư số của cơ quan ban hành khi tạo."
    assert expected in page.inner_text("#decision-signature")
    page.click("text=Tạo văn bản PDF kèm danh sách")
    page.wait_for_load_state()
    job = ReportJob.objects.get()
    assert job.signature["signer"] == PROVINCE_SIGNER, job.error
    at = timezone.localtime(datetime.datetime.fromisoformat(job.signature["signed_at"])).strftime("%H:%M %d/%m/%Y")
    assert "Quyết định, tờ trình và biên bản được ký số" in page.inner_text("#signing-status")
    row = page.locator("#job-table tbody tr").first
    assert f"Đã ký số · ký bởi {PROVINCE_SIGNER} lúc {at}" in row.inner_text()
    tab.snap("documents-signed")
    with page.expect_download() as download:
        row.locator("a", has_text="Tải về").click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file
    check = verify_pdf(data)  # in a thread of its own: Playwright runs an event loop here
    assert (check.signed, check.intact, check.trusted, check.signer) == (True, True, True, PROVINCE_SIGNER)
    assert download.value.suggested_filename.endswith(".pdf")

    tab.go(f"/decisions/{decision.pk}/")
    assert f"Đã ký số bởi {PROVINCE_SIGNER} lúc {at}" in page.inner_text("#decision-signature")
    tab.snap("decision-signed")

    # 2. The district's officer attaches the unit's plan signed by its head: the check is beside the file.
    tab.sign_in("donghung", f.PASSWORD)
    tab.go(f"/plans/{plan.pk}/units/{world['unit'].pk}/plan/")
    page.fill("#id_number", "05/KH-VKS")
    page.fill("#id_issued_on", "20/01/2018")
    page.fill("#id_signer", "Phạm Văn Hùng")
    page.fill("#id_theme", "Đoàn kết, kỷ cương, trách nhiệm")
    page.set_input_files("#id_files", str(world["scan"]))
    page.click("main form button[name=save]")
    page.wait_for_load_state()
    scan_at = timezone.localtime(world["scan_signed_at"]).strftime("%H:%M %d/%m/%Y")
    check_text = page.locator(".attachments li", has_text="ke-hoach-da-ky-so.pdf").inner_text()
    assert f"Đã ký số bởi {DISTRICT_SIGNER} lúc {scan_at}" in check_text
    assert "toàn vẹn — chuỗi tin cậy: đạt" in check_text
    tab.snap("plan-upload-checked")
