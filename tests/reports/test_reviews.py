"""The year-end and six-month reviews (plan II.2.8, issue 15): the figures of each section on built data, the share
of awards to people working directly (II.2.9), the comparison with the year before, the .docx read back with
python-docx, the PDF with pdfplumber, the access rules and the pages' constant number of queries."""

import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from awards.services.decisions import award_history_record
from awards.services.inspections import (
    finding_add,
    finding_answer,
    finding_review,
    inspection_create,
    inspection_issue,
    inspection_plan_create,
    inspection_record,
)
from awards.services.lines import line_transition
from movements.scoring.services import scoring_sheet_create, unit_score_start
from movements.services import exemplary_add, exemplary_select, movement_create, movement_report_save, pledge_save
from reports.enums import ReportKind
from reports.models import ReportJob
from reports.pdf import render_parts
from reports.reviews import review_blocks, review_figures
from reports.services import build_document, report_render
from tests import factories as f
from tests.factories import award, count_queries, local_dt, make_initiative, propose, register
from units.enums import Role


def day(month, number):
    return datetime.date(2018, month, number)


def texts(blocks) -> list[str]:
    return [block.text for block in blocks if not block.is_table]


def table_after(blocks, heading: str):
    index = next(i for i, block in enumerate(blocks) if block.text == heading)
    return next(block for block in blocks[index:] if block.is_table)


@pytest.fixture
def world(db, freeze):
    freeze(local_dt(2018, 12, 28, 9))
    province = f.make_province()
    a = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=1)
    b = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=2)
    before = f.make_plan(province, 2017)
    plan = f.make_plan(province, 2018, number="02/KH-VKS", issued_on=datetime.date(2018, 1, 7))
    head = f.make_staff(a, "Nguyễn Văn An", position="Viện trưởng")
    first = f.make_staff(a, "Trần Thị Bình", gender="female")
    second = f.make_staff(a, "Lê Đức Cường")
    other = f.make_staff(b, "Phạm Văn Dũng")
    officer = f.make_officer(a)
    secretary = f.make_user(Role.SECRETARIAT, province=province)
    assert head.is_leader and not first.is_leader
    register(a, plan, {head: "CSTDCS"})  # the unit TTLDTT, the head CSTDCS, two LDTT; 10/01/2018
    movement = movement_create(
        province=province,
        actor=secretary,
        name="Thi đua lập thành tích chào mừng 58 năm thành lập ngành",
        launched_by="province",
        kind="thematic",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 7, 26),
        report_deadline=datetime.date(2018, 7, 31),
    )
    movement_report_save(
        movement=movement, unit=a, actor=officer, summary="Kết quả", submit=True, now=local_dt(2018, 5, 2)
    )
    movement_report_save(
        movement=movement, unit=b, actor=f.make_officer(b), summary="Kết quả", submit=True, now=local_dt(2018, 7, 20)
    )  # after 30/06
    pledge_save(
        year_plan=plan,
        unit=a,
        actor=officer,
        signed_on=datetime.date(2018, 2, 1),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    example = exemplary_add(year_plan=plan, staff=first, actor=officer, account="Gương mẫu")
    exemplary_select(example=example, actor=secretary, for_province=True, for_supreme=False)
    make_initiative(a, [first], level="unit")
    make_initiative(a, [second], level="province")
    lines = propose(a, plan, [(first, "LDTT", []), (None, "TTLDTT", [])])
    line_transition(line=lines[0], to_state="accepted", actor=secretary)
    line_transition(line=lines[0], to_state="approved", actor=secretary)
    # Awards of 2018 (decided 10/01/2019): two to people working directly, one to the head, one to the unit.
    for person, code in ((first, "LDTT"), (second, "LDTT"), (head, "CSTDCS")):
        award(person, code, 2018)
    award(None, "TTLDTT", 2018, unit=a)
    # One decided in May 2018: the six-month review counts it.
    award_history_record(
        title=f.title("LDTT"),
        year=2018,
        staff=other,
        decision_number="15/QĐ-VKS",
        decision_date=datetime.date(2018, 5, 10),
        actor=None,
    )
    award(first, "LDTT", 2017)  # the year before: one award, to a person working directly
    # The council's inspections: the first unit inspected on 15/05 (two findings, one fixed), the other planned.
    inspections = inspection_plan_create(year_plan=plan, actor=secretary, title="Kiểm tra công tác thi đua")
    leader = f.make_staff(province, "Đỗ Thị Thanh")
    done = inspection_create(
        plan=inspections,
        unit=a,
        actor=secretary,
        body="council",
        scheduled_on=datetime.date(2018, 5, 15),
        leader=leader,
    )
    inspection_create(
        plan=inspections,
        unit=b,
        actor=secretary,
        body="council",
        scheduled_on=datetime.date(2018, 10, 10),
        leader=leader,
    )
    inspection_record(inspection=done, actor=secretary, inspected_on=datetime.date(2018, 5, 15))
    fixed = finding_add(
        inspection=done,
        actor=secretary,
        description="Thiếu hồ sơ",
        remedy="Bổ sung",
        due_date=datetime.date(2018, 6, 30),
    )
    finding_add(
        inspection=done,
        actor=secretary,
        description="Chưa cập nhật",
        remedy="Cập nhật",
        due_date=datetime.date(2018, 7, 31),
    )
    inspection_issue(inspection=done, actor=secretary)
    finding_answer(finding=fixed, actor=officer, answer="Đã bổ sung hồ sơ")
    finding_review(finding=fixed, actor=secretary, accept=True)
    sheet = scoring_sheet_create(year_plan=plan, actor=secretary)
    unit_score_start(sheet=sheet, unit=a, actor=officer)
    return {
        "province": province,
        "a": a,
        "b": b,
        "plan": plan,
        "before": before,
        "officer": officer,
        "secretary": secretary,
    }


def test_review_figures_of_the_province(world):
    figures = review_figures(world["plan"])
    assert (figures.units_total, figures.staff_total) == (3, 5)  # the provincial procuracy and the two districts
    assert figures.registered_units == 1 and figures.registered_persons == 3
    assert [(t.name, t.persons, t.collectives) for t in figures.registered_titles] == [
        ("Tập thể lao động tiên tiến", 0, 1),
        ("Chiến sĩ thi đua cơ sở", 1, 0),
        ("Lao động tiên tiến", 2, 0),
    ]
    assert (figures.reports_sent, figures.reports_on_time) == (2, 2)
    assert figures.pledged_units == 1
    assert (figures.exemplary_named, figures.exemplary_selected, figures.exemplary_presented) == (1, 1, 0)
    assert figures.initiatives == {"unit": 1, "province": 1}
    assert (figures.proposed_persons, figures.proposed_collectives, figures.passed_lines) == (1, 1, 1)
    assert (figures.award_persons, figures.award_collectives, figures.award_leaders, figures.award_direct) == (
        4,
        1,
        1,
        3,
    )
    assert len(figures.ranking) == 3
    inspected = (figures.inspections_planned, figures.inspections_done, figures.findings)
    assert inspected + (figures.findings_closed, figures.findings_overdue) == (2, 1, 2, 1, 1)

    text = "\n".join(texts(review_blocks(figures)))
    assert "Thực hiện Kế hoạch số 02/KH-VKS ngày 07 tháng 01 năm 2018 của Viện kiểm sát nhân dân tỉnh Thái Bình" in text
    assert "Có 1/3 đơn vị gửi bản đăng ký thi đua; 3 lượt cá nhân đăng ký danh hiệu thi đua" in text
    assert "Trong kỳ, có 1 phong trào thi đua; đã gửi 2 báo cáo kết quả, trong đó 2 báo cáo đúng hạn." in text
    assert "Có 1/3 đơn vị ký kết giao ước thi đua." in text
    assert "đã nêu 1 cá nhân điển hình tiên tiến; Hội đồng thi đua, khen thưởng chọn 1 điển hình" in text
    assert "Có 2 sáng kiến được ghi nhận, gồm: 1 cấp cơ sở, 1 cấp tỉnh, 0 cấp ngành, 0 chưa được công nhận." in text
    assert "Có 1/3 đơn vị đã chấm điểm thi đua" in text
    assert (
        "Thường trực Hội đồng thi đua, khen thưởng và Thanh tra đã kiểm tra 1/2 đơn vị theo kế hoạch kiểm tra; qua "
        "kiểm tra nêu 2 nội dung cần khắc phục, đã khắc phục xong 1, còn 1 nội dung quá hạn chưa khắc phục." in text
    )
    assert (
        "đề nghị khen thưởng 2 lượt (1 cá nhân, 1 tập thể); Hội đồng thi đua, khen thưởng đã xét, thông qua 1 lượt"
        in text
    )
    assert (
        "Đã được khen thưởng 5 lượt (4 cá nhân, 1 tập thể), trong đó: Viện trưởng Viện kiểm sát nhân dân tỉnh" in text
    )
    assert (
        "Trong 4 lượt khen thưởng cá nhân, có 3 lượt (75 %) khen thưởng người lao động trực tiếp và 1 lượt (25 %) "
        "khen thưởng cán bộ lãnh đạo, quản lý." in text
    )
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2019"):
        assert heading in text


def test_review_figures_of_one_unit(world):
    figures = review_figures(world["plan"], world["a"])
    assert (figures.units_total, figures.staff_total, figures.registered_persons) == (1, 3, 3)
    assert figures.registered_on == datetime.date(2018, 1, 10) and figures.pledged_on == datetime.date(2018, 2, 1)
    assert (figures.reports_sent, figures.reports_on_time) == (1, 1)
    assert (figures.award_persons, figures.award_leaders, figures.award_direct) == (3, 1, 2)
    text = "\n".join(texts(review_blocks(figures)))
    assert (
        "Đơn vị gửi bản đăng ký thi đua ngày 10 tháng 01 năm 2018, với 3/3 cá nhân đăng ký danh hiệu thi đua." in text
    )
    assert "Đơn vị ký kết giao ước thi đua ngày 01 tháng 02 năm 2018." in text
    assert "Đơn vị được kiểm tra ngày 15 tháng 5 năm 2018; qua kiểm tra nêu 2 nội dung cần khắc phục" in text
    assert "Trong 3 lượt khen thưởng cá nhân, có 2 lượt (66,7 %) khen thưởng người lao động trực tiếp" in text
    assert "xếp hạng" in text and "/3 đơn vị trong tỉnh" in text
    other = "\n".join(texts(review_blocks(review_figures(world["plan"], world["b"]))))
    assert "Đơn vị chưa gửi bản đăng ký thi đua năm 2018." in other
    assert "Đơn vị chưa ký kết giao ước thi đua." in other
    assert "Đơn vị chưa chấm điểm thi đua." in other
    assert "Đơn vị có trong kế hoạch kiểm tra, chưa được kiểm tra trong kỳ." in other


def test_interim_review_counts_to_30_june(world):
    figures = review_figures(world["plan"], interim=True)
    assert figures.until == datetime.date(2018, 6, 30)
    assert (figures.reports_sent, figures.award_persons, figures.award_leaders) == (1, 1, 0)
    assert figures.ranking is None and figures.proposed_persons == 0
    text = "\n".join(texts(review_blocks(figures)))
    assert "báo cáo kết quả công tác thi đua, khen thưởng 6 tháng đầu năm 2018 như sau:" in text
    assert "Việc chấm điểm, xếp loại thi đua các đơn vị được thực hiện khi tổng kết năm." in text
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2018" in text


def test_review_compares_with_the_year_before(world):
    figures = review_figures(world["plan"])
    assert figures.previous is not None and figures.previous.year == 2017
    assert (figures.previous.award_persons, figures.previous.award_direct) == (1, 1)
    table = table_after(review_blocks(figures), "10. So sánh với năm 2017")
    assert table.header == ["Chỉ tiêu", "Năm 2017", "Năm 2018", "Tăng, giảm"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Lượt khen thưởng"] == ["1", "5", "+4"]
    assert rows["Lượt khen thưởng người lao động trực tiếp"] == ["1", "3", "+2"]
    assert rows["Tỷ lệ khen thưởng người lao động trực tiếp"] == ["100 %", "75 %", ""]
    assert rows["Sáng kiến"] == ["0", "2", "+2"]
    # Without a plan of the year before, the report says so.
    first = "\n".join(texts(review_blocks(review_figures(world["before"]))))
    assert "Không có số liệu năm 2016 trong hệ thống để so sánh." in first


def test_review_docx_layout(world, client):
    client.force_login(world["secretary"])
    response = client.get(_urls(world)["docx"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tong-ket-thi-dua-2018.docx"'
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    header = document.tables[0]
    left, right = (cell.text.split("\n") for cell in header.rows[0].cells)
    assert left == ["VIỆN KSND TỐI CAO", "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH", "Số:      /BC-VKS"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thái Bình, ngày      tháng      năm",
    ]
    borders = header._tbl.tblPr.xml
    assert 'w:val="nil"' in borders  # a layout table without borders
    paragraphs = [p for p in document.paragraphs if p.text]
    title, subject = paragraphs[0], paragraphs[1]
    assert title.text == "BÁO CÁO" and title.runs[0].bold and title.alignment == 1  # centred
    assert subject.text == "Tổng kết công tác thi đua, khen thưởng năm 2018" and subject.runs[0].bold
    body = [p.text for p in paragraphs]
    assert "I. KẾT QUẢ THỰC HIỆN" in body and "(Đơn vị bổ sung nội dung.)" in body
    assert any(t.startswith("Trong 4 lượt khen thưởng cá nhân, có 3 lượt (75 %)") for t in body)
    runs = [run for p in paragraphs for run in p.runs]
    assert {run.font.name for run in runs} == {"Times New Roman"}
    assert {run.font.size.pt for run in runs} <= {13.0, 14.0}
    footer = document.tables[-1]
    recipients, signature = (cell.text for cell in footer.rows[0].cells)
    assert recipients.startswith("Nơi nhận:\n- VIỆN KSND TỐI CAO (để báo cáo);")
    assert signature.startswith("VIỆN TRƯỞNG")


def test_review_pdf_from_the_job(world):
    spec = build_document(ReportKind.YEAR_REVIEW, year_plan=world["plan"], params={"unit": world["a"].pk})
    pdf, pages = render_parts(list(spec.parts))
    assert spec.filename == f"bao-cao-tong-ket-thi-dua-2018-{world['a'].code}.pdf"
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
        first = document.pages[0]
        words = first.extract_words()
    flat = " ".join(text.split())
    assert "HUYỆN ĐÔNG HƯNG" in flat
    assert "BÁO CÁO" in flat and "Tổng kết công tác thi đua, khen thưởng năm 2018" in flat
    assert "I. KẾT QUẢ THỰC HIỆN" in flat and "9. KHEN THƯỞNG NGƯỜI LAO ĐỘNG TRỰC TIẾP" not in flat
    assert "có 2 lượt (66,7 %) khen thưởng người lao động trực tiếp" in flat
    assert "Nơi nhận:" in flat and "THỦ TRƯỞNG ĐƠN VỊ" in flat
    # The motto is right of the agency (the two-column header).
    motto = next(w for w in words if w["text"] == "Độc")
    agency = next(w for w in words if w["text"] == "VIỆN")
    assert motto["x0"] > agency["x0"] + 150 and abs(motto["top"] - agency["top"]) < 40
    interim = build_document(ReportKind.INTERIM_REVIEW, year_plan=world["plan"], params={})
    assert interim.filename == "bao-cao-so-ket-thi-dua-2018.pdf"


def _urls(world, unit=None):
    args = {"plan": world["plan"].pk} | ({"unit": unit.pk} if unit else {})
    prefix = "reports:unit_review" if unit else "reports:review"
    return {
        name: reverse(prefix + suffix, kwargs=args)
        for name, suffix in (("page", ""), ("docx", "_docx"), ("pdf", "_pdf"))
    }


def test_review_access(world, client):
    other = f.make_officer(world["b"])
    client.force_login(other)
    mine = _urls(world, world["b"])
    theirs = _urls(world, world["a"])
    assert client.get(mine["page"]).status_code == 200
    assert client.get(theirs["page"]).status_code == 404
    assert client.get(theirs["docx"]).status_code == 404
    assert client.post(theirs["pdf"]).status_code == 404
    assert client.get(_urls(world)["page"]).status_code == 404  # the province's review is the secretariat's
    response = client.post(mine["pdf"], {"period": "interim"})  # an officer gets the PDF at once
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert ReportJob.objects.count() == 0
    client.force_login(world["secretary"])
    page = client.get(_urls(world)["page"] + f"?unit={world['a'].pk}&period=interim")
    assert page.status_code == 302 and page.url == theirs["page"] + "?period=interim"
    response = client.post(theirs["pdf"])
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.kind, job.params) == (ReportKind.YEAR_REVIEW, {"unit": world["a"].pk})
    job = report_render(job.pk)
    assert job.state == "done" and job.filename.endswith(f"-{world['a'].code}.pdf")


def test_review_page_shows_the_figures_in_constant_queries(world, client):
    client.force_login(world["secretary"])
    url = _urls(world)["page"]
    # Two years of figures (this one and the one before) of about 17 queries each, the session, the user, the menu.
    assert count_queries(client, url) == 40
    assert count_queries(client, _urls(world)["docx"]) == 38
    # More units, people, reports and awards: the same number of queries.
    for index in range(3):
        unit = f.make_unit(world["province"], f"Viện kiểm sát nhân dân huyện Số {index}", order=10 + index)
        person = f.make_staff(unit, f"Nguyễn Văn Thêm {index}", position="Phó Viện trưởng")
        register(unit, world["plan"], {})
        award(person, "LDTT", 2018)
        award(person, "LDTT", 2017)
    assert count_queries(client, url) == 40
    assert count_queries(client, _urls(world)["docx"]) == 38
    response = client.get(url)
    page = response.content.decode()
    assert "Có 4/6 đơn vị gửi bản đăng ký thi đua" in page
    assert "Tải bản Word (.docx)" in page and "Tạo bản PDF" in page
    client.force_login(world["officer"])
    unit_url = _urls(world, world["a"])["page"]
    assert count_queries(client, unit_url) == 41
    assert count_queries(client, _urls(world, world["a"])["docx"]) == 40
