"""Writing .xlsx files: every list the users print today, with the same rows as the page."""

import io

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(title: str, header: list, rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31].replace("/", "-")
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([value if isinstance(value, int | float) or value is None else str(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula: a name like "=HYPERLINK(…)" stays a name
    for index, column in enumerate(header, start=1):
        width = max([len(str(column))] + [len(str(row[index - 1])) for row in rows[:200] if len(row) >= index])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    """A workbook to download (``filename``: ASCII, e.g. "dang-ky-thi-dua-2018.xlsx")."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_response(filename: str, title: str, header: list, rows: list[list]) -> HttpResponse:
    return xlsx_response(filename, workbook_bytes(title, header, rows))
