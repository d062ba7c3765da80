"""The statutory achievement report (báo cáo thành tích) of a proposal line as .docx, pre-filled with what the system
knows, for the unit to finish in Word and upload back to the line (``awards.services.achievement``).

The form is the one of the decree in force for the proposal's year, chosen by the rule set that judges that year
(``FORM_BY_RULE_SET``, keyed on ``RuleSet.code``; a rule set not listed falls back on its ``year_from``):

- years judged by the 2013 law (rule sets ``law-2013-qd-307``, ``tt-01-2019``): the appendix of Nghị định
  91/2017/NĐ-CP, Mẫu số 01 (collective) and Mẫu số 02 (individual). The list of its nine forms was seen in a
  secondary source (dichvubaocaothue.vn, "09 mẫu báo cáo thành tích"); the headings and sections below follow it.
- years judged by the 2022 law (``law-2022-tt-02-2024``): the appendix of Nghị định 98/2023/NĐ-CP, its Mẫu số 01
  (collective) and 02 (individual). NOT verified against the gazette: the numbering is taken to be that of
  NĐ 91/2017, and whether Nghị định 152/2025/NĐ-CP (from 01/07/2025) replaced the forms is unknown; until checked
  the 98/2023 forms are used for 2025 and later. See docs/achievement-reports.md.

The sections the unit must write are left as placeholders in italics between square brackets (``PLACEHOLDER``)."""

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from awards.models import AwardRecord, ConductRecord, Initiative, ProposalLine, RuleSet
from movements.enums import TitleCategory
from reports.docx import (
    _body_paragraph,
    _cell_line,
    _data_table,
    _font,
    _no_borders,
    _paragraph,
    _setup,
    header_table,
)
from units.enums import Gender
from units.models import Staff
from units.text import search_key

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class AchievementForm:
    """One decree's pair of forms: where they are (appendix and numbers) and whether the text was verified."""

    code: str
    decree: str  # as the form's label cites it
    collective_number: str
    individual_number: str
    verified: bool
    note: str = ""


FORMS = {
    "nd-91-2017": AchievementForm(
        code="nd-91-2017",
        decree="Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
        collective_number="Mẫu số 01",
        individual_number="Mẫu số 02",
        verified=True,  # the forms' list [S]; the wording of the sections from that list and the usual form
    ),
    "nd-98-2023": AchievementForm(
        code="nd-98-2023",
        decree="Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        collective_number="Mẫu số 01",
        individual_number="Mẫu số 02",
        verified=False,
        note="Chưa đối chiếu với Phụ lục của Nghị định 98/2023/NĐ-CP và Nghị định 152/2025/NĐ-CP.",
    ),
}

# The form per rule set (awards/migrations/0005_forms_and_rule_sets.py names them).
FORM_BY_RULE_SET = {
    "law-2013-qd-307": "nd-91-2017",
    "tt-01-2019": "nd-91-2017",
    "law-2022-tt-02-2024": "nd-98-2023",
}

# How many years of awards and initiatives the report lists: the proposal's year and the years before it. Five
# covers the longest window the province's titles are judged on (Bằng khen TTg: five years); Chiến sĩ thi đua toàn
# quốc rests on two three-year periods of Chiến sĩ thi đua ngành, so six.
REPORT_YEARS = 5
REPORT_YEARS_BY_TITLE = {"CSTD_TQ": 6}

PLACEHOLDER = "[{}]"


def form_for(rule_set: RuleSet | None, year: int) -> AchievementForm:
    """The form of the decree in force for ``year``: by the rule set's code, else by the year the rule set (or the
    year itself) starts from."""
    if rule_set is not None and rule_set.code in FORM_BY_RULE_SET:
        return FORMS[FORM_BY_RULE_SET[rule_set.code]]
    start = rule_set.year_from if rule_set is not None else year
    return FORMS["nd-98-2023" if start >= 2024 else "nd-91-2017"]


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


@dataclass
class AwardRow:
    year: int
    name: str
    decision: str
    category: str


@dataclass
class AchievementFacts:
    """What the report says that the system knows."""

    line: ProposalLine
    form: AchievementForm
    year: int
    years: list[int]
    awards: list[AwardRow] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    used_initiative_ids: set[int] = field(default_factory=set)
    conduct: list[ConductRecord] = field(default_factory=list)
    staff_total: int = 0
    staff_women: int = 0
    staff_leaders: int = 0
    proposed_by_title: list[tuple[str, int]] = field(default_factory=list)

    @property
    def collective(self) -> bool:
        return self.line.staff_id is None

    @property
    def number(self) -> str:
        return self.form.collective_number if self.collective else self.form.individual_number


def achievement_facts(line: ProposalLine) -> AchievementFacts:
    """The facts of ``line``'s report in a fixed number of queries (about eight)."""
    line = (
        ProposalLine.objects.select_related(
            "proposal__unit__parent", "proposal__year_plan__province", "staff__unit", "title", "verdict__rule_set"
        )
        .prefetch_related("initiative_links")
        .get(pk=line.pk)
    )
    year = line.proposal.year_plan.year
    verdict = getattr(line, "verdict", None)
    rule_set = verdict.rule_set if verdict is not None else RuleSet.objects.for_year(year)
    count = REPORT_YEARS_BY_TITLE.get(line.title.code, REPORT_YEARS)
    years = list(range(year - count + 1, year + 1))
    facts = AchievementFacts(line=line, form=form_for(rule_set, year), year=year, years=years)
    facts.used_initiative_ids = {link.initiative_id for link in line.initiative_links.all() if not link.released}
    unit = line.proposal.unit
    records = AwardRecord.objects.valid().filter(year__in=years).select_related("title")
    initiatives = Initiative.objects.filter(year__in=years).exclude(recognition_level="none")
    if line.staff_id:
        records = records.filter(staff_id=line.staff_id)
        initiatives = initiatives.filter(authors=line.staff_id)
        facts.conduct = list(
            ConductRecord.objects.filter(staff_id=line.staff_id, year__in=years).order_by("year", "start_date", "pk")
        )
    else:
        records = records.filter(unit=unit, staff__isnull=True)
        initiatives = initiatives.filter(unit=unit)
        members = Staff.objects.filter(unit=unit, is_active=True)
        facts.staff_total = members.count()
        facts.staff_women = members.filter(gender=Gender.FEMALE).count()
        facts.staff_leaders = members.filter(is_leader=True).count()
        facts.conduct = list(
            ConductRecord.objects.filter(staff__unit=unit, year=year, kind="discipline").select_related("staff")
        )
        proposed: dict[str, int] = {}
        for other in line.proposal.lines.filter(staff__isnull=False).select_related("title"):
            proposed[other.title.name] = proposed.get(other.title.name, 0) + 1
        facts.proposed_by_title = sorted(proposed.items())
    facts.awards = [
        AwardRow(
            year=record.year,
            name=record.title.name,
            decision=f"Quyết định số {record.decision_number} ngày {_date(record.decision_date)}",
            category=record.title.category,
        )
        for record in records.order_by("year", "title__display_order", "pk")
    ]
    facts.initiatives = list(
        initiatives.distinct().order_by("year", "title").prefetch_related(Prefetch("authors", Staff.objects.all()))
    )
    return facts


# --- Writing ------------------------------------------------------------------------------------------------------


def _label(document, facts: AchievementFacts):
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _font(paragraph.add_run(facts.number), size=Pt(12), bold=True)
    note = _paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT, after=6)
    _font(note.add_run(f"(Phụ lục ban hành kèm theo {facts.form.decree})"), size=Pt(11), italic=True)


def _header(document, facts: AchievementFacts):
    line = facts.line
    plan = line.proposal.year_plan
    unit = line.proposal.unit
    place = plan.place_name or plan.province.name.split("tỉnh")[-1].strip()
    header_table(
        document,
        superior=unit.parent.name if unit.parent_id else plan.superior_agency,
        issuer=unit.name,
        place_date=f"{place}, ngày      tháng      năm {facts.year + 1}",
    )
    _paragraph(document, "BÁO CÁO THÀNH TÍCH", bold=True)
    _paragraph(document, f"ĐỀ NGHỊ TẶNG {line.title.name.upper()} NĂM {facts.year}", bold=True)
    if facts.collective:
        who = unit.name
    else:
        who = ", ".join(part for part in (line.staff.full_name, _position(line), unit.name) if part)
    _paragraph(document, who, bold=True, after=12)


def _position(line: ProposalLine) -> str:
    return line.unit_position or (line.staff.position if line.staff_id else "")


def _item(document, label: str, value: str = "", *, placeholder: str = ""):
    """ "- Label: value", or the placeholder the unit fills in."""
    paragraph = _body_paragraph(document, "", indent=True)
    _font(paragraph.add_run(f"- {label}: "))
    if value:
        _font(paragraph.add_run(value))
    else:
        _font(paragraph.add_run(PLACEHOLDER.format(placeholder or "Đơn vị ghi")), italic=True)
    return paragraph


def _write(document, text: str):
    """A paragraph for the unit to write, in italics between brackets."""
    return _body_paragraph(document, PLACEHOLDER.format(text), italic=True)


def _initiative_text(initiative: Initiative, facts: AchievementFacts) -> str:
    text = (
        f"Sáng kiến “{initiative.title}” (năm {initiative.year}), được công nhận "
        f"{_recognition(initiative)} theo Quyết định số {initiative.decision_number}"
    )
    if initiative.decision_date:
        text += f" ngày {_date(initiative.decision_date)}"
    if facts.collective:
        text += f"; tác giả: {', '.join(author.full_name for author in initiative.authors.all())}"
    if initiative.pk in facts.used_initiative_ids:
        text += " (sáng kiến làm căn cứ đề nghị lần này)"
    return text + "."


def _recognition(initiative: Initiative) -> str:
    return {
        "unit": "cấp cơ sở",
        "province": "cấp Viện kiểm sát nhân dân tỉnh",
        "sector": "cấp ngành Kiểm sát nhân dân",
    }.get(initiative.recognition_level, str(initiative.get_recognition_level_display()))


def _achievements(document, facts: AchievementFacts):
    for paragraph in facts.line.achievements.splitlines():
        if paragraph.strip():
            _body_paragraph(document, paragraph.strip())


def _initiatives(document, facts: AchievementFacts, heading: str):
    _body_paragraph(document, heading, bold=True)
    if not facts.initiatives:
        _body_paragraph(document, f"Chưa có sáng kiến được công nhận trong các năm {facts.years[0]}–{facts.year}.")
    for initiative in facts.initiatives:
        _body_paragraph(document, f"- {_initiative_text(initiative, facts)}")


def _conduct_text(record: ConductRecord) -> str:
    text = f"Năm {record.year}: {record.get_kind_display()}"
    if record.discipline_level:
        text += f" ({record.get_discipline_level_display()})"
    if record.decision_number:
        text += f", Quyết định số {record.decision_number}"
        if record.decision_date:
            text += f" ngày {_date(record.decision_date)}"
    if record.start_date:
        text += f", từ ngày {_date(record.start_date)}"
        if record.end_date:
            text += f" đến ngày {_date(record.end_date)}"
    return text + "."


def _awards(document, facts: AchievementFacts):
    _body_paragraph(document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, indent=False)
    for number, category, heading, column in (
        (1, TitleCategory.TITLE, "Danh hiệu thi đua", "Danh hiệu thi đua"),
        (2, TitleCategory.FORM, "Hình thức khen thưởng", "Hình thức khen thưởng"),
    ):
        _body_paragraph(document, f"{number}. {heading}:", bold=True)
        rows = [[str(row.year), row.name, row.decision] for row in facts.awards if row.category == category]
        if not rows:
            rows = [["", f"(Chưa có trong hệ thống các năm {facts.years[0]}–{facts.year})", ""]]
        _data_table(
            document,
            ["Năm", column, "Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định"],
            rows,
        )


def _signatures(document, left: list[str], right: list[str], right_name: str = ""):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    cells = table.rows[0].cells
    for cell, lines in ((cells[0], left), (cells[1], right)):
        for index, text in enumerate(lines):
            _cell_line(cell, text, bold=index < len(lines) - 1, italic=index == len(lines) - 1)
        for _ in range(4):
            _cell_line(cell, "")
    if right_name:
        _cell_line(cells[1], right_name, bold=True)


def _individual(document, facts: AchievementFacts):
    line, staff = facts.line, facts.line.staff
    _body_paragraph(document, "I. SƠ LƯỢC LÝ LỊCH", bold=True, indent=False)
    _item(document, "Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt)", staff.full_name)
    birth = _date(staff.date_of_birth)
    gender = str(staff.get_gender_display()) if staff.gender else ""
    paragraph = _item(document, "Sinh ngày, tháng, năm", birth, placeholder="ngày/tháng/năm sinh")
    _font(paragraph.add_run(f"; Giới tính: {gender}" if gender else "; Giới tính: "))
    _item(document, "Quê quán", placeholder="xã, huyện, tỉnh")
    _item(document, "Trú quán", placeholder="nơi ở hiện nay")
    _item(document, "Đơn vị công tác", line.proposal.unit.name)
    _item(document, "Chức vụ (Đảng, chính quyền, đoàn thể)", _position(line))
    _item(document, "Ngạch, chức danh", staff.rank)
    if staff.joined_procuracy_on:
        end = datetime.date(facts.year, 12, 31)
        years = _years_between(staff.joined_procuracy_on, end)
        service = f"từ ngày {_date(staff.joined_procuracy_on)} ({years} năm tính đến ngày 31/12/{facts.year})"
    else:
        service = ""
    _item(document, "Thời gian công tác trong ngành Kiểm sát", service)
    _item(document, "Trình độ lý luận chính trị, chuyên môn, nghiệp vụ")
    _item(document, "Học hàm, học vị, danh hiệu, giải thưởng")

    _body_paragraph(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, indent=False)
    _body_paragraph(document, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", bold=True)
    _write(document, "Cá nhân ghi chức năng, nhiệm vụ được giao")
    _body_paragraph(document, "2. Thành tích đạt được của cá nhân:", bold=True)
    _achievements(document, facts)
    _write(document, "Cá nhân bổ sung kết quả thực hiện nhiệm vụ, có số liệu cụ thể, so sánh với năm trước")
    _initiatives(document, facts, "3. Sáng kiến, đề tài, giải pháp được công nhận:")
    _body_paragraph(document, "4. Chấp hành chủ trương, chính sách, pháp luật; phẩm chất đạo đức, kỷ luật:", bold=True)
    if facts.conduct:
        for record in facts.conduct:
            _body_paragraph(document, f"- {_conduct_text(record)}")
    else:
        _body_paragraph(
            document,
            f"Trong các năm {facts.years[0]}–{facts.year} không bị xử lý kỷ luật, không có vi phạm được ghi nhận "
            "(theo dữ liệu của hệ thống thi đua, khen thưởng).",
        )
    _write(document, "Cá nhân bổ sung việc chấp hành chủ trương, chính sách, pháp luật")
    _awards(document, facts)
    _paragraph(document, "", after=6)
    _signatures(
        document,
        ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)"],
        ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)"],
        right_name=staff.full_name,
    )


def _collective(document, facts: AchievementFacts):
    unit = facts.line.proposal.unit
    _body_paragraph(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, indent=False)
    _body_paragraph(document, "1. Đặc điểm, tình hình:", bold=True)
    _item(document, "Tên đơn vị", unit.name)
    if unit.parent_id:
        _item(document, "Trực thuộc", unit.parent.name)
    _item(document, "Địa điểm trụ sở chính, điện thoại, thư điện tử", unit.email, placeholder="địa chỉ, điện thoại")
    _item(document, "Quá trình thành lập và phát triển")
    staff = f"{facts.staff_total} người (nữ: {facts.staff_women}; lãnh đạo đơn vị: {facts.staff_leaders})"
    _item(document, "Tổng số cán bộ, công chức, người lao động", staff)
    _item(document, "Cơ cấu tổ chức, cơ sở vật chất")
    _body_paragraph(document, "2. Chức năng, nhiệm vụ:", bold=True)
    _write(document, "Đơn vị ghi chức năng, nhiệm vụ được giao")

    _body_paragraph(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, indent=False)
    _body_paragraph(document, "1. Kết quả thực hiện nhiệm vụ được giao:", bold=True)
    _achievements(document, facts)
    _write(document, "Đơn vị bổ sung kết quả thực hiện các chỉ tiêu, nhiệm vụ, có số liệu so sánh với năm trước")
    if facts.proposed_by_title:
        parts = "; ".join(f"{name}: {count} người" for name, count in facts.proposed_by_title)
        _body_paragraph(
            document, f"Kết quả bình xét thi đua năm {facts.year} của đơn vị (cá nhân được đề nghị): {parts}."
        )
    _initiatives(document, facts, "2. Sáng kiến, giải pháp được công nhận của đơn vị:")
    _body_paragraph(
        document, "3. Những biện pháp hoặc nguyên nhân đạt được thành tích; các phong trào thi đua:", bold=True
    )
    _write(document, "Đơn vị ghi các biện pháp, phong trào thi đua đã thực hiện")
    _body_paragraph(
        document, "4. Việc thực hiện chủ trương, chính sách, pháp luật; công tác xây dựng đơn vị:", bold=True
    )
    if facts.conduct:
        _body_paragraph(
            document, f"Năm {facts.year}, đơn vị có {len(facts.conduct)} trường hợp cán bộ bị xử lý kỷ luật:"
        )
        for record in facts.conduct:
            _body_paragraph(document, f"- {record.staff.full_name}: {_conduct_text(record)}")
    else:
        _body_paragraph(
            document,
            f"Năm {facts.year}, đơn vị không có cán bộ bị xử lý kỷ luật "
            "(theo dữ liệu của hệ thống thi đua, khen thưởng).",
        )
    _write(document, "Đơn vị bổ sung công tác xây dựng Đảng, đoàn thể, chấp hành pháp luật")
    _awards(document, facts)
    _paragraph(document, "", after=6)
    _signatures(
        document,
        ["THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP", "NHẬN XÉT, XÁC NHẬN", "(Ký, đóng dấu)"],
        ["THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)"],
    )


def achievement_docx(line: ProposalLine) -> bytes:
    """The report of ``line`` as .docx bytes."""
    facts = achievement_facts(line)
    with translation.override("vi"):
        document = Document()
        _setup(document)
        core = document.core_properties
        core.title = f"Báo cáo thành tích – {facts.line.subject_name}"
        core.subject = f"{facts.number}, {facts.form.decree}"
        _label(document, facts)
        _header(document, facts)
        if facts.collective:
            _collective(document, facts)
        else:
            _individual(document, facts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def achievement_filename(line: ProposalLine) -> str:
    name = search_key(line.subject_name).replace(" ", "-")
    return f"bao-cao-thanh-tich-{name}-{line.proposal.year_plan.year}.docx"
