"""Reading .xlsx files row by row against a column specification, and writing their blank templates.

Every problem is reported with its line, its column and what is wrong, in the user's language; nothing is saved by
this module. Headers are matched without accents or case ("HO VA TEN" finds "Họ và tên"), so a template retyped by
hand still reads.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from units.text import clean, search_key
from units.uploads import validate_upload

# A roster or a decision list is a few hundred rows; these bound the work one upload can cause.
MAX_ROWS = 5000
MAX_COLUMNS = 40  # the template has 8; a sheet claiming 16,384 columns is read no further than this
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a small file that unpacks to gigabytes is refused before reading
# What Excel shows in a cell whose formula failed.
EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as printed in the template (Vietnamese: the file is an office form)
    kind: str = "text"  # text | date | year | email
    required: bool = False
    example: str = ""
    note: str = ""
    max_length: int = 150


@dataclass
class Problem:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class Sheet:
    """The rows read (line number → values by column key) and the problems found."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, column: Column | str, message: str) -> None:
        header = column.header if isinstance(column, Column) else column
        self.problems.append(Problem(line, header, message))


def parse_date(value) -> datetime.date:
    """A date cell, or text as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean(str(value)).replace("-", "/").replace(".", "/")
    parts = text.split("/")
    if len(parts) == 3 and len(parts[2]) != 4:  # "01/09/08" would be the year 8
        raise ValidationError(_("“%(value)s”: write the year with four digits.") % {"value": value})
    try:
        day, month, year = (int(part) for part in parts)
        date = datetime.date(year, month, day)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValidationError(_("“%(value)s” is not a date as dd/mm/yyyy.") % {"value": value}) from error
    if not 1900 <= date.year <= datetime.date.today().year + 1:
        raise ValidationError(_("The year %(year)s is out of range.") % {"year": date.year})
    return date


def parse_year(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        year = int(clean(str(value)))
    except ValueError as error:
        raise ValidationError(_("“%(value)s” is not a year.") % {"value": value}) from error
    if not 1945 <= year <= datetime.date.today().year + 1:
        raise ValidationError(_("The year %(year)s is out of range.") % {"year": year})
    return year


def _parse(column: Column, value):
    if isinstance(value, str) and clean(value).upper() in EXCEL_ERRORS:
        raise ValidationError(_("The cell holds an Excel error (%(value)s); write its value.") % {"value": value})
    if isinstance(value, str) and clean(value).startswith("="):
        raise ValidationError(_("Write the value, not a formula."))
    if column.kind == "date":
        return parse_date(value)
    if column.kind == "year":
        return parse_year(value)
    if column.kind == "text" and not isinstance(value, str):
        raise ValidationError(_("“%(value)s” is not text.") % {"value": value})
    text = clean(str(value))
    if len(text) > column.max_length:
        raise ValidationError(
            _("At most %(max)s characters (%(count)s given).") % {"max": column.max_length, "count": len(text)}
        )
    if column.kind == "email" and text:
        from django.core.validators import validate_email

        validate_email(text)
    return text


def _read_rows(worksheet, columns: list[Column], sheet: Sheet) -> None:
    worksheet.reset_dimensions()  # do not trust the size the file claims
    rows = worksheet.iter_rows(max_row=MAX_ROWS * 2 + 1, max_col=MAX_COLUMNS, values_only=True)
    header = next(rows, None) or ()
    wanted = {search_key(column.header): column for column in columns}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        column = wanted.get(search_key(str(title or "")))
        if column is not None and column.key not in positions:
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            sheet.problem(1, column, _("The column is missing; use the template."))
    if sheet.problems:
        return
    for line, values in enumerate(rows, start=2):
        if not any(value not in (None, "") and clean(str(value)) for value in values):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.problem(line, _("File"), _("At most %(max)s rows per file.") % {"max": MAX_ROWS})
            return
        record = {}
        for column in columns:
            index = positions.get(column.key)
            value = values[index] if index is not None and index < len(values) else None
            if value is None or clean(str(value)) == "":
                if column.required:
                    sheet.problem(line, column, _("This cell is required."))
                record[column.key] = None if column.kind in ("date", "year") else ""
                continue
            try:
                record[column.key] = _parse(column, value)
            except ValidationError as error:
                sheet.problem(line, column, " ".join(error.messages))
                record[column.key] = None
        sheet.rows.append((line, record))


def read_sheet(upload, columns: list[Column]) -> Sheet:
    """Read the first worksheet of an uploaded .xlsx: the header row first, then one record per non-empty row.

    Values are parsed by column kind; a cell that does not parse is a problem, and its value is left out."""
    from openpyxl import load_workbook

    sheet = Sheet()
    try:
        validate_upload(upload)
    except ValidationError as error:
        sheet.problem(0, _("File"), " ".join(error.messages))
        return sheet
    if not upload.name.lower().endswith(".xlsx"):
        sheet.problem(0, _("File"), _("Upload the Excel template (.xlsx)."))
        return sheet
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        upload.seek(0)
        if unpacked > MAX_UNPACKED_BYTES:
            sheet.problem(0, _("File"), _("The workbook is too large once unpacked."))
            return sheet
        # Formulas are read as written ("=…") and refused: a formula saved by a script has no value to read.
        workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged file
        sheet.problem(0, _("File"), _("The file cannot be read as an Excel workbook."))
        return sheet
    try:
        _read_rows(workbook.worksheets[0], columns, sheet)
    except Exception:  # read-only mode parses lazily: a damaged sheet fails while its rows are read
        sheet.rows.clear()
        sheet.problems[:] = [Problem(0, _("File"), _("The file cannot be read as an Excel workbook."))]
    finally:
        workbook.close()
    if not sheet.rows and not sheet.problems:
        sheet.problem(2, _("File"), _("The file has no rows to import."))
    return sheet


def template_bytes(title: str, columns: list[Column], notes: list[str]) -> bytes:
    """A blank template: the headers (required ones in red), and a guide sheet with what each column takes, an
    example and the notes. No example row on the data sheet: it would be imported if left in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([column.header for column in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(14, len(column.header) + 4)
        dimension.number_format = "@"  # typed dates stay text (dd/mm/yyyy), not Excel's month-first guess
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Guide")[:31])
    guide.append([_("Column"), _("Required"), _("What to write"), _("Example")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        guide.append(
            [column.header, pgettext("required column", "yes") if column.required else "", column.note, column.example]
        )
    guide.append([])
    for note in notes:
        guide.append([note])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["C"].width = 80
    guide.column_dimensions["D"].width = 30
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
