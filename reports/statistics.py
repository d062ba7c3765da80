"""The statutory statistical reports on emulation and commendation (Thông tư 02/2023/TT-BNV, biểu 0601–0605.N/BNV-
TĐKT), filled from the system's own records for a province and a period. One selector builds a form's table; the
page, the .xlsx in the form's layout and the PDF print the same table (docs/statistics-forms.md for the forms and
for what each cell counts).

A cell the system cannot know is ``None``: it stays blank and a footnote says why; it is never guessed.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from awards.enums import AwardStatus, ProposalKind
from awards.models import AwardRecord
from movements.enums import ConferringLevel, Launcher, MovementKind, RecipientsKind
from movements.models import Movement, Title
from reports.documents import _one_part, header_context
from units.models import Unit

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
RECEIVED = "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"
FORM_CODES = ("0601", "0602", "0603", "0604", "0605")


@dataclass(frozen=True)
class Column:
    number: str  # the column's number in the form: (1), (2)…; sub-columns of one group share it
    group: str  # the upper header (adjacent columns with the same group are merged)
    label: str = ""  # the lower header; empty: the group is the whole header
    match: Callable | None = None  # which facts the column counts; None: the system cannot know (blank)


@dataclass
class Row:
    label: str
    code: str = ""
    unit: str = ""
    values: list = field(default_factory=list)
    heading: bool = False  # a section's heading: no figures
    bold: bool = False


@dataclass
class StatisticsTable:
    code: str  # "0601"
    title: str
    province: Unit
    start: datetime.date
    end: datetime.date
    columns: list[Column]
    rows: list[Row]
    footnotes: list[str]
    unit_column: bool
    measure: str = ""  # "Đơn vị tính: Phong trào", above the table

    @property
    def number(self) -> str:
        """ "Biểu số 0601.N/BNV-TĐKT"."""
        return f"Biểu số {self.code}.N/BNV-TĐKT"

    @property
    def period_text(self) -> str:
        if self.start == datetime.date(self.start.year, 1, 1) and self.end == datetime.date(self.start.year, 12, 31):
            return f"Kỳ báo cáo: năm {self.start.year}"
        return f"Kỳ báo cáo: từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def letter_headers(self) -> list[str]:
        """The row of column letters and numbers under the header: A, B, (C,) (1), (2), …"""
        return ["A", "B"] + (["C"] if self.unit_column else []) + [f"({c.number})" for c in self.columns]

    def header_groups(self) -> list[tuple[str, int, bool]]:
        """The upper header's cells: (text, columns spanned, whether it spans both header rows)."""
        groups: list[list] = []
        for column in self.columns:
            if groups and groups[-1][0] == column.group and column.label and groups[-1][3]:
                groups[-1][1] += 1
            else:
                groups.append([column.group, 1, not column.label, bool(column.label)])
        return [(text, span, whole) for text, span, whole, _labelled in groups]


FORM_TITLES = {
    "0601": "Số phong trào thi đua",
    "0602": "Số lượng khen thưởng cấp Nhà nước",
    "0603": "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc Trung ương",
    "0604": "Số lượng tổ chức làm công tác thi đua, khen thưởng",
    "0605": "Số lượng công chức làm công tác thi đua, khen thưởng",
}


def form_choices() -> list[tuple[str, str]]:
    return [(code, f"Biểu {code}: {title}") for code, title in FORM_TITLES.items()]


# --- 0601: movements ---------------------------------------------------------------------------------------------

MINISTRY_LAUNCHERS = {Launcher.SUPREME_PROCURACY, Launcher.LOCAL_AUTHORITY}
UNIT_LAUNCHERS = {Launcher.PROVINCE, Launcher.UNION, Launcher.UNIT}


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def duration_band(start: datetime.date, end: datetime.date) -> str:
    """Which of the form's durations a movement has: "under1", "1", "1to3", "3to5", "5plus". A movement from
    01/01 to 31/12 lasts exactly one year."""
    after = end + datetime.timedelta(days=1)
    if after < _add_years(start, 1):
        return "under1"
    if after == _add_years(start, 1):
        return "1"
    if after < _add_years(start, 3):
        return "1to3"
    if after < _add_years(start, 5):
        return "3to5"
    return "5plus"


def _movements_table(province: Unit, start, end) -> StatisticsTable:
    movements = list(
        Movement.objects.filter(province=province, start_date__gte=start, start_date__lte=end).values_list(
            "launched_by", "kind", "start_date", "end_date"
        )
    )
    group = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"
    columns = [
        Column("1", "Tổng số", match=lambda m: True),
        Column("2", group, "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
        Column(
            "3",
            group,
            "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            match=lambda m: m[0] in MINISTRY_LAUNCHERS,
        ),
        Column("4", group, "Cơ quan, tổ chức, đơn vị", match=lambda m: m[0] in UNIT_LAUNCHERS),
    ]

    def row(label, code, keep, **kw):
        chosen = [m for m in movements if keep(m)] if keep else None
        return Row(label, code, values=_counts(columns, chosen), **kw)

    rows = [
        row("Tổng số", "01", lambda m: True, bold=True),
        Row("1. Chia theo phạm vi tổ chức thi đua", heading=True),
        row("- Toàn quốc", "02", None),
        row("- Bộ, ban, ngành đoàn thể, địa phương", "03", lambda m: m[0] in MINISTRY_LAUNCHERS),
        row("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "04", None),
        row("- Cơ quan, tổ chức, đơn vị", "05", lambda m: m[0] in UNIT_LAUNCHERS),
        Row("2. Chia theo thời hạn thi đua", heading=True),
        row("- Dưới 1 năm", "06", lambda m: duration_band(m[2], m[3]) == "under1"),
        row("- 1 năm", "07", lambda m: duration_band(m[2], m[3]) == "1"),
        row("- Từ 1 năm đến dưới 3 năm", "08", lambda m: duration_band(m[2], m[3]) == "1to3"),
        row("- Từ 3 năm đến dưới 5 năm", "09", lambda m: duration_band(m[2], m[3]) == "3to5"),
        row("- Từ 5 năm trở lên", "10", lambda m: duration_band(m[2], m[3]) == "5plus"),
        Row("3. Chia theo phương thức tổ chức phong trào thi đua", heading=True),
        row("- Thi đua theo chuyên đề", "11", lambda m: m[1] in (MovementKind.THEMATIC, MovementKind.PERIODIC)),
        row("- Thi đua thường xuyên hàng năm", "12", lambda m: m[1] == MovementKind.REGULAR),
    ]
    footnotes = [
        "Số phong trào thi đua phát động (ngày bắt đầu) trong kỳ báo cáo, theo các phong trào đã ghi vào hệ thống.",
        "Cột 2 và dòng 02 để trống: hệ thống không ghi phong trào do Hội đồng Thi đua - Khen thưởng Trung ương "
        "phát động (người phát động chỉ có: Viện kiểm sát nhân dân tối cao, Viện kiểm sát tỉnh, chính quyền địa "
        "phương, đoàn thể).",
        "Dòng 04 để trống: hệ thống không ghi phong trào nào do cụm, khối thi đua tổ chức.",
        "Cột 3 gồm phong trào do Viện kiểm sát nhân dân tối cao (cấp bộ, ngành) và chính quyền địa phương phát động; "
        "cột 4 gồm phong trào do Viện kiểm sát tỉnh, các đơn vị (phong trào của riêng đơn vị) và các đoàn thể phát "
        "động.",
    ]
    return StatisticsTable(
        "0601", FORM_TITLES["0601"], province, start, end, columns, rows, footnotes, False, "Đơn vị tính: Phong trào"
    )


def _counts(columns: list[Column], facts: list | None) -> list:
    """A row's cells: per column, how many of the row's facts the column counts (None: blank)."""
    if facts is None:
        return [None] * len(columns)
    return [None if column.match is None else sum(1 for fact in facts if column.match(fact)) for column in columns]


# --- 0602 and 0603: awards -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardFact:
    code: str
    collective: bool
    leader: bool
    kind: str  # the proposal's kind; "" for an award entered from the past records


def _award_facts(province: Unit, start, end, levels) -> list[AwardFact]:
    rows = AwardRecord.objects.filter(
        unit__province=province,
        status=AwardStatus.VALID,
        level__in=levels,
        decision_date__gte=start,
        decision_date__lte=end,
    ).values_list("title__code", "staff_id", "was_leader", "staff__is_leader", "line__proposal__kind")
    # The position when the award was conferred (``was_leader``); today's only for records from before it was kept.
    return [
        AwardFact(code, staff is None, bool(now if then is None else then), kind or "")
        for code, staff, then, now, kind in rows
    ]


COLLECTIVE, PERSON = "Tập thể", "Cá nhân"


def _subject_columns(number, group, code, subjects=(COLLECTIVE, PERSON)):
    return [
        Column(
            number,
            group,
            label,
            match=(lambda f, c=code, s=label: f.code == c and f.collective == (s == COLLECTIVE)),
        )
        for label in subjects
    ]


def _subject_rows(columns, facts, codes: list[str], *, section: str, method_section: str) -> list[Row]:
    """The rows by subject and by the way of commendation that 0602 and 0603 share; ``codes`` are the row codes
    (8 for the subjects, then 7 for the ways)."""
    people = [f for f in facts if not f.collective]

    def row(label, code, chosen, unit=""):
        return Row(label, code, unit, values=_counts(columns, chosen))

    def kind(value):
        return [f for f in facts if f.kind == value]

    c = iter(codes)
    return [
        Row(section, heading=True),
        row("- Tập thể", next(c), [f for f in facts if f.collective], "Tập thể"),
        row("Trong đó: Doanh nghiệp", next(c), [], "Doanh nghiệp"),
        row("- Hộ gia đình", next(c), [], "Hộ"),
        row("- Cá nhân", next(c), people, "Người"),
        row("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", next(c), None, "Người"),
        row("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", next(c), None, "Người"),
        row("+ Doanh nhân", next(c), [], "Người"),
        row("+ Các cấp lãnh đạo khác từ phó phòng trở lên", next(c), None, "Người"),
        row(
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
            next(c),
            [f for f in people if not f.leader],
            "Người",
        ),
        Row(method_section, heading=True),
        row("- Thường xuyên", next(c), kind(ProposalKind.YEAR_END)),
        row("- Chuyên đề", next(c), kind(ProposalKind.MOVEMENT)),
        row("- Đột xuất", next(c), kind(ProposalKind.AD_HOC)),
        row("- Đối ngoại", next(c), None),
        row("- Cống hiến", next(c), None),
        row("- Niên hạn", next(c), kind(ProposalKind.LONG_SERVICE)),
        row("- Kháng chiến", next(c), None),
    ]


def _award_footnotes(facts: list[AwardFact]) -> list[str]:
    leaders = sum(1 for f in facts if not f.collective and f.leader)
    unknown = sum(1 for f in facts if not f.kind)
    notes = [
        "Số khen thưởng còn hiệu lực có ngày quyết định trong kỳ báo cáo, của tập thể và cá nhân thuộc tỉnh.",
        "Các dòng lãnh đạo theo cấp để trống: hệ thống chỉ biết một người có giữ chức vụ lãnh đạo hay không, không "
        f"biết cấp; trong số cá nhân được khen thưởng có {leaders} người giữ chức vụ lãnh đạo. Người trực tiếp công "
        "tác là người không giữ chức vụ lãnh đạo (theo chức vụ hiện ghi trong hồ sơ).",
        "Doanh nghiệp, hộ gia đình, doanh nhân: 0, vì hệ thống chỉ khen thưởng các đơn vị và công chức của ngành.",
        "Các dòng đối ngoại, cống hiến, kháng chiến để trống: hệ thống không có các loại khen thưởng này.",
    ]
    if unknown:
        notes.append(
            f"{unknown} khen thưởng nhập từ hồ sơ cũ không có đề nghị kèm theo nên không tính vào dòng theo phương "
            "thức khen thưởng."
        )
    return notes


def _state_table(province, start, end) -> StatisticsTable:
    facts = _award_facts(province, start, end, [ConferringLevel.PRIME_MINISTER, ConferringLevel.STATE_PRESIDENT])
    medals = list(
        Title.objects.filter(conferring_level=ConferringLevel.STATE_PRESIDENT)
        .order_by("display_order", "name")
        .values_list("code", "name")
    )
    known = {"CO_CP", "BK_TTG", "CSTD_TQ"} | {code for code, _name in medals}
    medal_group = "Các loại huân chương, huy chương"
    columns = [Column("1", "Tổng số", match=lambda f: True)]
    for code, name in medals:
        for subject in (COLLECTIVE, PERSON):
            columns.append(
                Column(
                    "2",
                    medal_group,
                    f"{name}: {subject.lower()}",
                    match=(lambda f, c=code, s=subject: f.code == c and f.collective == (s == COLLECTIVE)),
                )
            )
    columns += [
        Column("3", "Giải thưởng Hồ Chí Minh"),
        Column("4", "Giải thưởng Nhà nước"),
        Column("5", "Danh hiệu vinh dự Nhà nước"),
        Column("6", "Cờ thi đua của Chính phủ", match=lambda f: f.code == "CO_CP"),
        *_subject_columns("7", "Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
        Column("8", "Danh hiệu “Chiến sĩ thi đua toàn quốc”", match=lambda f: f.code == "CSTD_TQ"),
        Column("9", "Các hình thức khen thưởng khác", COLLECTIVE, match=lambda f: f.code not in known and f.collective),
        Column("9", "Các hình thức khen thưởng khác", PERSON, match=lambda f: f.code not in known and not f.collective),
    ]
    rows = [
        Row("Tổng số", "01", values=_counts(columns, facts), bold=True),
        Row("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", heading=True),
        Row("- Bộ, ban, ngành, đoàn thể Trung ương", "02", "Bộ, ngành", _counts(columns, None)),
        Row("- Tỉnh, thành phố trực thuộc Trung ương", "03", "Tỉnh, TP", _counts(columns, None)),
        *_subject_rows(
            columns,
            facts,
            [f"{n:02d}" for n in range(6, 22)],
            section="2. Chia theo đối tượng khen thưởng",
            method_section="3. Chia theo phương thức khen thưởng",
        ),
    ]
    footnotes = _award_footnotes(facts) + [
        "Dòng 02 và 03 để trống: hệ thống không ghi cơ quan nào trình Thủ tướng Chính phủ (Viện kiểm sát tỉnh "
        "trình Viện kiểm sát nhân dân tối cao).",
        "Cột 3, 4 và 5 để trống: các giải thưởng và danh hiệu vinh dự Nhà nước không có trong danh mục của hệ thống.",
    ]
    return StatisticsTable("0602", FORM_TITLES["0602"], province, start, end, columns, rows, footnotes, True)


def _ministry_table(province, start, end) -> StatisticsTable:
    facts = _award_facts(province, start, end, [ConferringLevel.SUPREME_PROCURACY])
    group = "Chia ra"
    columns = [
        Column("1", "Tổng số", match=lambda f: True),
        Column("2", group, "Bằng khen", match=lambda f: f.code == "BK_VKSTC"),
        Column("3", group, "Chiến sĩ thi đua cấp bộ, cấp tỉnh", match=lambda f: f.code == "CSTD_NGANH"),
        Column(
            "4",
            group,
            "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            match=lambda f: f.code == "CO_NGANH",
        ),
        Column(
            "5",
            group,
            "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            match=lambda f: f.code == "KNC_VSNKS",
        ),
    ]
    rows = [
        Row("Tổng số", "01", values=_counts(columns, facts), bold=True),
        *_subject_rows(
            columns,
            facts,
            [f"{n:02d}" for n in range(2, 18)],
            section="1. Chia theo đối tượng khen thưởng",
            method_section="2. Chia theo phương thức khen thưởng",
        ),
    ]
    footnotes = _award_footnotes(facts) + [
        "Khen thưởng cấp bộ của ngành: Viện trưởng Viện kiểm sát nhân dân tối cao tặng (Bằng khen, Chiến sĩ thi đua "
        "ngành Kiểm sát nhân dân, Cờ thi đua của ngành, Kỷ niệm chương “Vì sự nghiệp Kiểm sát”)."
    ]
    return StatisticsTable("0603", FORM_TITLES["0603"], province, start, end, columns, rows, footnotes, True)


# --- 0604 and 0605: the organisation of emulation work (not held by the system) ---------------------------------


def _organisation_table(province, start, end) -> StatisticsTable:
    columns = [Column("1", "Số lượng")]
    blank = [None]
    rows = [
        Row("Tổng số", "01", "Tổ chức", blank, bold=True),
        Row("Chia theo cơ cấu tổ chức bộ máy", heading=True),
        Row("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "02", "Vụ", blank),
        Row("- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "03", "Phòng", blank),
        Row("- Cấp ban thuộc Sở Nội vụ", "04", "Ban", blank),
        Row("- Cấp phòng thuộc Sở Nội vụ", "05", "Phòng", blank),
    ]
    footnotes = [
        "Cả biểu để trống: hệ thống không ghi tổ chức bộ máy làm công tác thi đua, khen thưởng; biểu này do bộ, "
        "ngành và Sở Nội vụ lập."
    ]
    return StatisticsTable("0604", FORM_TITLES["0604"], province, start, end, columns, rows, footnotes, True)


def _officials_table(province, start, end) -> StatisticsTable:
    columns = [Column("1", "Số lượng")]
    blank = [None]
    rows = [
        Row("Tổng số", "01", "Người", blank, bold=True),
        Row("Trong đó: Nữ", "02", "Người", blank),
        Row("Chia theo trình độ chuyên môn", heading=True),
        Row("- Tiến sĩ", "03", "Người", blank),
        Row("- Thạc sĩ", "04", "Người", blank),
        Row("- Đại học", "05", "Người", blank),
        Row("- Trình độ khác", "06", "Người", blank),
    ]
    footnotes = [
        "Cả biểu để trống: hệ thống không ghi công chức nào làm công tác thi đua, khen thưởng (chuyên trách hay kiêm "
        "nhiệm).",
        "Các dòng của biểu này chưa được đối chiếu với văn bản Thông tư (docs/statistics-forms.md).",
    ]
    return StatisticsTable("0605", FORM_TITLES["0605"], province, start, end, columns, rows, footnotes, True)


BUILDERS = {
    "0601": _movements_table,
    "0602": _state_table,
    "0603": _ministry_table,
    "0604": _organisation_table,
    "0605": _officials_table,
}


def statistics_table(code: str, *, province: Unit, start: datetime.date, end: datetime.date) -> StatisticsTable:
    """One form filled for ``province`` over [start, end] (inclusive): at most two queries."""
    return BUILDERS[code](province, start, end)


# --- The form's layout as .xlsx ----------------------------------------------------------------------------------


def statistics_xlsx(table: StatisticsTable, *, reporter: str, receiver: str, signer: dict) -> bytes:
    """The form as the circular lays it out: the form's number and circular top left, the reporting and receiving
    units top right, the title and the period, the table with its lettered and numbered columns, the footnotes and
    the signature block. Figures are numbers; blank cells stay empty."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Biểu {table.code}"
    first_data = 4 if table.unit_column else 3
    width = first_data - 1 + len(table.columns)
    last = get_column_letter(width)
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    right_half = get_column_letter(max(2, width // 2 + 1))

    def put(cell, value, *, font=None, align=None):
        sheet[cell] = value
        if font:
            sheet[cell].font = font
        if align:
            sheet[cell].alignment = align

    put("A1", table.number, font=bold)
    put("A2", CIRCULAR)
    put("A3", RECEIVED)
    put(f"{right_half}1", f"Đơn vị báo cáo: {reporter}")
    put(f"{right_half}2", f"Đơn vị nhận báo cáo: {receiver}")
    put("A5", table.title.upper(), font=Font(bold=True, size=13), align=centre)
    sheet.merge_cells(f"A5:{last}5")
    put("A6", table.period_text, font=Font(italic=True), align=centre)
    sheet.merge_cells(f"A6:{last}6")
    if table.measure:
        put(f"{last}7", table.measure, font=Font(italic=True))

    top, sub, letters = 8, 9, 10
    fixed = [("", 1), ("Mã số", 2)] + ([("Đơn vị tính", 3)] if table.unit_column else [])
    for text, index in fixed:
        cell = sheet.cell(top, index, text)
        sheet.merge_cells(start_row=top, start_column=index, end_row=sub, end_column=index)
    column = first_data
    for text, span, whole in table.header_groups():
        sheet.cell(top, column, text)
        if whole:
            sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
        elif span > 1:
            sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + span - 1)
        column += span
    for offset, spec in enumerate(table.columns):
        if spec.label:
            sheet.cell(sub, first_data + offset, spec.label)
    for index, letter in enumerate(table.letter_headers, start=1):
        sheet.cell(letters, index, letter)
    for row in sheet.iter_rows(min_row=top, max_row=letters, max_col=width):
        for cell in row:
            cell.font, cell.alignment, cell.border = bold, centre, box

    line = letters + 1
    for row in table.rows:
        sheet.cell(line, 1, row.label).data_type = "s"
        sheet.cell(line, 2, row.code)
        if table.unit_column:
            sheet.cell(line, 3, row.unit)
        for offset, value in enumerate(row.values):
            if value is not None:
                sheet.cell(line, first_data + offset, value)
        for cell in sheet[line][:width]:
            cell.border = box
            if row.heading or row.bold:
                cell.font = bold
            if cell.column > 1:
                cell.alignment = Alignment(horizontal="center", vertical="center")
        line += 1

    line += 1
    sheet.cell(line, 1, "Ghi chú:").font = bold
    for number, note in enumerate(table.footnotes, start=1):
        line += 1
        sheet.cell(line, 1, f"({number}) {note}")
    line += 2
    sign_col = max(2, width - 1)
    sheet.cell(line, 1, "Người lập biểu").font = bold
    sheet.cell(line + 1, 1, "(Ký, họ tên)").font = Font(italic=True)
    sheet.cell(line - 1, sign_col, signer.get("place_date", "")).font = Font(italic=True)
    for offset, text in enumerate(signer.get("lines", [])):
        sheet.cell(line + offset, sign_col, text).font = bold
    sheet.cell(line + 5, sign_col, signer.get("name", "")).font = bold

    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 8
    if table.unit_column:
        sheet.column_dimensions["C"].width = 12
    for index in range(first_data, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.row_dimensions[top].height = 45
    sheet.row_dimensions[sub].height = 75
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


TABLE_FIRST_ROW = 11  # the .xlsx row of a form's first table row (tests read cells from here)


# --- The PDF (a report job: ReportKind.STATISTICS) ----------------------------------------------------------------


def statistics_params(code: str, start: datetime.date, end: datetime.date) -> dict:
    return {"form": code, "start": start.isoformat(), "end": end.isoformat()}


def statistics_document(plan, params: dict, *, issued_on: datetime.date | None = None):
    """The form as a document of the province: the Decree 30 header, the form's number top right, the table with
    its numbered columns, the footnotes and the signature."""
    table = statistics_table(
        params["form"],
        province=plan.province,
        start=datetime.date.fromisoformat(params["start"]),
        end=datetime.date.fromisoformat(params["end"]),
    )
    header = header_context(
        plan,
        doc_type="BÁO CÁO THỐNG KÊ",
        subject=table.title,
        number="",
        issued_on=issued_on or timezone.localdate(),
        recipients=RecipientsKind.REPORT,
    )
    return _one_part(
        "reports/statistics_document.html",
        {"header": header, "plan": plan, "table": table, "circular": CIRCULAR, "received": RECEIVED},
        f"bieu-{table.code}-{table.start:%Y%m%d}-{table.end:%Y%m%d}.pdf",
    )
