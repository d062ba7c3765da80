"""The documents as a reader sees them (issue 14, Decree 30/2020 Appendix I, domain-rules.md §7): each kind is
rendered from data built through the services and read back with pdfplumber, by position: the decision's list is
an appendix after the signature, the blank of an unnumbered document keeps its width, a name of 30 characters stays
on one line, the rule under the subject is 1/3 to 1/2 of the line, the minutes' signatures are never alone, the
signature carries the signer's authority and the recipients follow the kind of document.

``DOCUMENTS_DIR=artifacts/documents`` keeps each rendered PDF there (then ``pdftoppm -r 50`` to look at them)."""

import datetime
import io
import os
from pathlib import Path

import pdfplumber
import pytest

from awards.enums import DecisionKind, LineState
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import line_transition
from movements.enums import SignerAuthority
from movements.scoring.services import scoring_sheet_create, unit_score_start
from reports.documents import (
    council_pack_document,
    decision_document,
    registration_summary_document,
    scoring_results_document,
    vote_minutes_document,
)
from reports.pdf import render_part, render_parts
from tests import factories as f
from tests.factories import local_dt, propose, register

MM = 72 / 25.4  # PDF points per millimetre
TEXT_WIDTH = 165 * MM  # A4 less the 30 mm and 15 mm margins
LONG_NAME = "Nguyễn Hoàng Thanh Phương Đông"  # 30 characters
SIGNER = "Trần Văn Thịnh"


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def signed_plan(plan):
    plan.signer_authority = SignerAuthority.KT
    plan.signer_title = "VIỆN TRƯỞNG"
    plan.signer_deputy_title = "PHÓ VIỆN TRƯỞNG"
    plan.signer_name = SIGNER
    plan.place_name = "Thái Bình"
    plan.recipients = "Vụ Thi đua - Khen thưởng VKSND tối cao (để báo cáo);\nLưu: VT, VP."
    plan.decision_recipients = "Như Điều 3 (để thực hiện);\nVụ Thi đua - Khen thưởng VKSND tối cao;\nLưu: VT, VP."
    plan.full_clean()
    plan.save()
    return plan


@pytest.fixture
def long_name_unit(province, signed_plan):
    """A unit whose roster has a name of 30 characters, registered."""
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=1)
    people = [f.make_staff(unit, LONG_NAME), f.make_staff(unit, "Nguyễn Thanh Đông"), f.make_staff(unit, "Lê Thị Ánh")]
    register(unit, signed_plan, {people[2]: "CSTD_NGANH"})
    return unit, people


@pytest.fixture
def voted(province, signed_plan, long_name_unit, secretary):
    """Lines of two people and the unit voted on by an eleven-member council (the meeting, its lines), and a
    third person's "Chiến sĩ thi đua ngành", approved, for the forwarding submission."""
    unit, people = long_name_unit
    sector = f.eligible_for_nganh(unit, people[2])
    lines = propose(
        unit,
        signed_plan,
        [(people[0], "LDTT", []), (people[1], "LDTT", []), (None, "TTLDTT", []), (people[2], "CSTD_NGANH", [sector])],
    )
    f.accept_all(lines, secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(11)]
    meeting = meeting_create(
        year_plan=signed_plan,
        actor=secretary,
        held_at=local_dt(2018, 12, 20, 8),
        members=members,
        chair="Nguyễn Văn Thành",
        secretary="Trần Thị Thư",
    )
    for item in agenda_add(meeting=meeting, lines=lines[:3], actor=secretary):
        tally_record(item=item, actor=secretary, yes=11, no=0, blank=0)
    line_transition(line=lines[3], to_state=LineState.APPROVED, actor=secretary)
    for line in lines:
        line.refresh_from_db()
    return meeting, lines


def issued_decision(plan, lines, secretary, *, number="45/QĐ-VKS"):
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=lines, actor=secretary)
    if number:
        decision_issue(decision=decision, actor=secretary, number=number, issued_on=datetime.date(2018, 12, 25))
        decision.refresh_from_db()
    return decision


def submission(plan, lines, secretary):
    """The forwarding submission (tờ trình) of the "Chiến sĩ thi đua ngành" line, not yet numbered."""
    return decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=lines[3:], actor=secretary)


def scoring(plan, secretary, units):
    sheet = scoring_sheet_create(year_plan=plan, actor=secretary)
    for unit in units:
        unit_score_start(sheet=sheet, unit=unit, actor=secretary)
    return scoring_results_document(plan, issued_on=datetime.date(2019, 1, 10))


def every_document(plan, meeting, lines, secretary, unit):
    """Each kind of document, by name: (spec builder, symbol of its number)."""
    return {
        "tong-hop-dang-ky": (
            lambda: registration_summary_document(plan, issued_on=datetime.date(2018, 1, 20)),
            "/BC-VKS",
        ),
        "ho-so-trinh-hoi-dong": (lambda: council_pack_document(meeting), "/BC-VKS"),
        "bien-ban-kiem-phieu": (lambda: vote_minutes_document(meeting), "/BB-VKS"),
        "quyet-dinh": (lambda: decision_document(issued_decision(plan, lines[:3], secretary, number="")), "/QĐ-VKS"),
        "to-trinh": (lambda: decision_document(submission(plan, lines, secretary)), "/TTr-VKS"),
        "ket-qua-cham-diem": (lambda: scoring(plan, secretary, [unit]), "/BC-VKS"),
    }


# --- Reading a PDF ---------------------------------------------------------------------------------------------


def pdf_of(spec, name: str) -> bytes:
    pdf, _pages = render_parts(spec.parts)
    folder = os.environ.get("DOCUMENTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.pdf").write_bytes(pdf)
    return pdf


def pages_of(pdf: bytes):
    document = pdfplumber.open(io.BytesIO(pdf))
    return document.pages


def words_of(page, side: str = "") -> list[dict]:
    """The words of a page in reading order (line by line); ``side`` "left" or "right" keeps one half of the text
    column (the footer's "Nơi nhận" and signature)."""
    words = page.extract_words(keep_blank_chars=False)
    middle = 30 * MM + TEXT_WIDTH / 2
    if side == "left":
        words = [w for w in words if w["x1"] < middle]
    elif side == "right":
        words = [w for w in words if w["x0"] > middle - 2 * MM]
    return words


def side_text(pages, side: str) -> str:
    return " ".join(w["text"] for page in pages for w in words_of(page, side))


def page_text(page) -> str:
    return " ".join(page.extract_text().split())


def find_sequence(words: list[dict], text: str) -> list[list[dict]]:
    """Every run of consecutive words (in reading order, possibly over several lines) spelling ``text``."""
    wanted = text.split()
    runs = []
    for start in range(len(words) - len(wanted) + 1):
        run = words[start : start + len(wanted)]
        if [w["text"].strip(",.;") for w in run] == [word.strip(",.;") for word in wanted]:
            runs.append(run)
    return runs


def lines_of(run: list[dict]) -> int:
    """On how many text lines a run of words lies."""
    return len({round(w["top"]) for w in run})


def page_index(pages, text: str) -> int:
    return next(index for index, page in enumerate(pages) if text in page_text(page))


def horizontal_rules(page) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the thin horizontal strokes of a page: borders drawn as lines or as thin rectangles."""
    rules = [(line["x0"], line["x1"], line["top"]) for line in page.lines if abs(line["top"] - line["bottom"]) < 1]
    rules += [(r["x0"], r["x1"], r["top"]) for r in page.rects if r["height"] < 1.5 and r["width"] > 5]
    return rules


# --- The decision and its appendix -----------------------------------------------------------------------------


def test_decision_list_is_an_appendix_after_the_signature_with_its_heading(signed_plan, voted, secretary):
    _meeting, lines = voted
    decision = issued_decision(signed_plan, lines[:3], secretary)
    pages = pages_of(pdf_of(decision_document(decision), "quyet-dinh-da-ban-hanh"))
    signed = page_index(pages, SIGNER)
    heading = page_index(pages, "DANH SÁCH")
    assert heading == signed + 1  # a new page after the signature
    text = page_text(pages[heading])
    assert text.startswith("2 DANH SÁCH") or text.startswith("DANH SÁCH")  # at the top (under the page number)
    assert (
        "(Kèm theo Quyết định số 45/QĐ-VKS ngày 25 tháng 12 năm 2018 của Viện trưởng Viện kiểm sát nhân dân tỉnh "
        "Thái Bình)" in text
    )
    assert "Tập thể, cá nhân được tặng danh hiệu thi đua và hình thức khen thưởng năm 2018" in text
    # The list itself is on the appendix's pages only, not in the body before the signature.
    assert LONG_NAME not in " ".join(page_text(p) for p in pages[: signed + 1])
    assert LONG_NAME in text
    assert "có danh sách kèm theo" in page_text(pages[0])


def test_draft_decision_leaves_blanks_for_its_number_and_date(signed_plan, voted, secretary):
    _meeting, lines = voted
    decision = issued_decision(signed_plan, lines[:3], secretary, number="")
    pages = pages_of(pdf_of(decision_document(decision), "quyet-dinh-du-thao"))
    words = words_of(pages[0])
    so = next(w for w in words if w["text"] == "Số:")
    slash = next(w for w in words if w["text"].startswith("/QĐ-VKS") and abs(w["top"] - so["top"]) < 2)
    assert slash["x0"] - so["x1"] >= 12 * MM
    date_line = [w for w in words if abs(w["top"] - next(x for x in words if x["text"] == "ngày")["top"]) < 2]
    assert [w["text"] for w in date_line if w["x0"] > TEXT_WIDTH / 2 - 30] == [
        "Thái",
        "Bình,",
        "ngày",
        "tháng",
        "năm",
    ]
    appendix = pages[page_index(pages, "DANH SÁCH")]
    attached = next(w for w in words_of(appendix) if w["text"] == "số")
    symbol = next(w for w in words_of(appendix) if w["text"].startswith("/QĐ-VKS"))
    assert symbol["x0"] - attached["x1"] >= 12 * MM


DOCUMENTS = [
    "tong-hop-dang-ky",
    "ho-so-trinh-hoi-dong",
    "bien-ban-kiem-phieu",
    "quyet-dinh",
    "to-trinh",
    "ket-qua-cham-diem",
]


@pytest.fixture
def rendered(signed_plan, voted, long_name_unit, secretary):
    """Render one kind of document by name: its pages and the symbol of its number."""
    meeting, lines = voted
    documents = every_document(signed_plan, meeting, lines, secretary, long_name_unit[0])

    def render(name):
        build, symbol = documents[name]
        return pages_of(pdf_of(build(), name)), symbol

    return render


@pytest.mark.parametrize("name", DOCUMENTS)
def test_unnumbered_document_keeps_the_blank_before_its_symbol(rendered, name):
    pages, symbol = rendered(name)
    words = words_of(pages[0])
    so = next(w for w in words if w["text"] == "Số:")
    slash = next(w for w in words if w["text"] == symbol)
    assert abs(slash["top"] - so["top"]) < 2
    assert slash["x0"] - so["x1"] >= 12 * MM


@pytest.mark.parametrize("name", DOCUMENTS)
def test_rule_under_the_subject_is_a_third_to_a_half_of_the_line(rendered, name):
    pages, _symbol = rendered(name)
    page = pages[0]
    words = words_of(page)
    doc_type = next(w for w in words if w["text"].isupper() and w["top"] > 100 and len(w["text"]) > 3)
    # The subject's lines: the bold lines under the document type, above its rule.
    rules = sorted((r for r in horizontal_rules(page) if r[2] > doc_type["bottom"]), key=lambda r: r[2])
    x0, x1, top = rules[0]
    subject = [w for w in words if doc_type["bottom"] < w["top"] < top and "Bold" in page_font(page, w)]
    by_line = {}
    for word in subject:
        by_line.setdefault(round(word["top"]), []).append(word)
    longest = max(max(w["x1"] for w in line) - min(w["x0"] for w in line) for line in by_line.values())
    width = x1 - x0
    assert longest / 3 <= width <= longest / 2, (width / MM, longest / MM)
    assert width <= TEXT_WIDTH / 2
    assert abs((x0 + x1) / 2 - (30 * MM + TEXT_WIDTH / 2)) < 2 * MM  # centred


def page_font(page, word) -> str:
    chars = [c for c in page.chars if abs(c["top"] - word["top"]) < 1 and word["x0"] - 0.5 <= c["x0"] <= word["x1"]]
    return chars[0]["fontname"] if chars else ""


@pytest.mark.parametrize("name", ["tong-hop-dang-ky", "ho-so-trinh-hoi-dong", "bien-ban-kiem-phieu", "quyet-dinh"])
def test_name_of_thirty_characters_stays_on_one_line(rendered, name):
    assert len(LONG_NAME) == 30
    pages, _symbol = rendered(name)
    runs = [run for page in pages for run in find_sequence(words_of(page), LONG_NAME)]
    assert runs, LONG_NAME
    assert all(lines_of(run) == 1 for run in runs)
    # "Nguyễn Thanh Đông" no longer breaks either.
    short = [run for page in pages for run in find_sequence(words_of(page), "Nguyễn Thanh Đông")]
    assert short and all(lines_of(run) == 1 for run in short)


def test_minutes_columns_do_not_print_one_word_per_line(rendered):
    pages, _symbol = rendered("bien-ban-kiem-phieu")
    words = words_of(pages[0])
    stt = next(w for w in words if w["text"] == "STT")
    # The seventh column ("Không bỏ phiếu") starts 119 mm into the table (7 + 56 + 21 + 12 + 12 + 11).
    left = 30 * MM + 119 * MM
    header = [w for w in words if -1 < w["top"] - stt["top"] < 30 and left <= w["x0"] < left + 15 * MM]
    header = [w for w in header if not w["text"].isdigit()]
    assert [w["text"] for w in header] == ["Không", "bỏ", "phiếu"]
    assert lines_of(header) == 2
    assert "100,00 %" in page_text(pages[0]) and "/ 50 %" in page_text(pages[0])


@pytest.mark.parametrize("name", ["tong-hop-dang-ky", "ho-so-trinh-hoi-dong", "quyet-dinh", "ket-qua-cham-diem"])
def test_signature_carries_the_authority_and_the_name(rendered, name):
    pages, _symbol = rendered(name)
    signed = pages[page_index(pages, SIGNER)]
    words = words_of(signed, "right")
    kt = next(w for w in words if w["text"] == "KT.")
    deputy = find_sequence(words, "PHÓ VIỆN TRƯỞNG")[-1]
    name_run = find_sequence(words, SIGNER)[-1]
    # "KT. VIỆN TRƯỞNG", under it "PHÓ VIỆN TRƯỞNG", then the space to sign, then the name, all on the right.
    assert kt["top"] < deputy[0]["top"] < name_run[0]["top"] - 20 * MM
    assert kt["x0"] > 30 * MM + TEXT_WIDTH / 2 - 5 * MM
    assert find_sequence(words, "KT. VIỆN TRƯỞNG")


def test_recipients_of_a_decision_and_of_a_report_differ(rendered):
    decision_pages, _symbol = rendered("quyet-dinh")
    decision = side_text(decision_pages, "left")
    assert "Nơi nhận: - Như Điều 3 (để thực hiện); - Vụ Thi đua - Khen thưởng VKSND tối cao; - Lưu: VT, VP." in decision
    assert "(để báo cáo)" not in decision
    report_pages, _symbol = rendered("tong-hop-dang-ky")
    report = side_text(report_pages, "left")
    assert "Nơi nhận: - Vụ Thi đua - Khen thưởng VKSND tối cao (để báo cáo); - Lưu: VT, VP." in report
    assert "(để thực hiện)" not in report
    submission_pages, _symbol = rendered("to-trinh")
    assert "Nơi nhận: - Như trên; - Lưu: VT." in side_text(submission_pages, "left")


def test_numbers_are_written_the_vietnamese_way(rendered):
    pages, _symbol = rendered("bien-ban-kiem-phieu")
    text = page_text(pages[0])
    assert "11/11 thành viên" in text and "100,00 %" in text and "100.00" not in text


# --- The minutes' closing --------------------------------------------------------------------------------------

WITHOUT_KEEP = ".closing { break-inside: auto; page-break-inside: auto; }"


def closing_pages(html: str, extra_css: str = "") -> tuple[int, int, int]:
    """(page of "Biên bản kết thúc", page of the chair's signature line, page count)."""
    pdf, count = render_part(html, "@page { @top-center { content: none; } } " + extra_css)
    pages = pages_of(pdf)
    return page_index(pages, "Biên bản kết thúc"), page_index(pages, "CHỦ TỊCH HỘI ĐỒNG"), count


def test_minutes_keep_the_closing_paragraph_with_the_signatures(voted):
    """The location's length moves the table down a line at a time: at some length the signatures alone would
    fall on the next page (shown without the rule); with it, the closing paragraph goes with them."""
    meeting, _lines = voted
    split_seen = False
    for extra in range(0, 60, 3):
        meeting.location = "Hội trường tầng 2, trụ sở Viện kiểm sát nhân dân tỉnh Thái Bình" + " và trực tuyến" * extra
        html = "".join(vote_minutes_document(meeting).parts)
        closing, signature, _count = closing_pages(html)
        assert closing == signature
        loose_closing, loose_signature, _count = closing_pages(html, WITHOUT_KEEP)
        if loose_closing != loose_signature:
            split_seen = True
            break
    assert split_seen, "no length of the location put the signatures alone on a page"


# --- The signer, asked for by the plan form and warned about before a document -----------------------------------


def test_plan_form_asks_for_the_signer_and_the_deputy_title_under_kt(client, plan, secretary):
    from django.urls import reverse

    client.force_login(secretary)
    url = reverse("movements:plan_update", kwargs={"plan": plan.pk})
    page = client.get(url).content.decode()
    assert "KT. – cấp phó ký thay người đứng đầu" in page and "nơi nhận quyết định" in page.lower()
    data = {
        "registration_deadline": "17/01/2018",
        "superior_agency": plan.superior_agency,
        "agency_symbol": "VKS",
        "signer_authority": "KT",
        "signer_title": "VIỆN TRƯỞNG",
        "signer_name": SIGNER,
        "registration_required": "on",
    }
    refused = client.post(url, data)
    assert "Hãy ghi chức vụ của người ký, in dưới dòng quyền hạn." in refused.content.decode()
    client.post(url, {**data, "signer_deputy_title": "Phó Viện trưởng"})
    plan.refresh_from_db()
    assert plan.signature_lines() == ["KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG"] and plan.signer_name == SIGNER


def test_issuing_or_asking_for_a_document_without_a_signer_warns_first(client, plan, voted, secretary):
    from django.urls import reverse

    _meeting, lines = voted
    plan.signer_name = ""
    plan.save()
    decision = issued_decision(plan, lines[:3], secretary, number="")
    client.force_login(secretary)
    plan_url = reverse("movements:plan_update", kwargs={"plan": plan.pk})
    confirm = client.get(
        reverse("awards:decision_issue", kwargs={"pk": decision.pk}), {"number": "45/QĐ-VKS", "issued_on": "25/12/2018"}
    ).content.decode()
    assert "Kế hoạch chưa có họ tên người ký" in confirm and f'href="{plan_url}"' in confirm
    documents = client.get(reverse("reports:plan_reports", kwargs={"plan": plan.pk})).content.decode()
    assert "Kế hoạch chưa có họ tên người ký" in documents and f'href="{plan_url}"' in documents
    plan.signer_name = SIGNER
    plan.save()
    assert "Kế hoạch chưa có họ tên người ký" not in (
        client.get(reverse("reports:plan_reports", kwargs={"plan": plan.pk})).content.decode()
    )
