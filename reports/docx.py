"""Reports as .docx for a unit to finish in Word (python-docx), laid out as Decree 30/2020 asks (domain-rules §7):
A4, margins 20/20/30/15 mm, Times New Roman 14 pt (13 pt in the header), the header as a two-column table
without borders (agencies and number left, national name and motto right), the document type and subject bold
and centred, the body justified with a first-line indent, then "Nơi nhận" and the signature side by side."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}


def _font(run, *, size=BODY_SIZE, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    return run


def _paragraph(container, text="", *, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, **style):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        _font(paragraph.add_run(text), **style)
    return paragraph


def _no_borders(table):
    """A layout table: no borders at all (the header and the footer)."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _first_cell_paragraph(cell):
    """A new cell holds one empty paragraph: use it first, then add others."""
    paragraph = cell.paragraphs[0]
    if paragraph.text or paragraph.runs:
        return None
    return paragraph


def _cell_line(cell, text, *, after=0, **style):
    paragraph = _first_cell_paragraph(cell) or cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(after)
    _font(paragraph.add_run(text), **style)
    return paragraph


def _setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def header_table(document, *, superior: str, issuer: str, place_date: str, number: str | None = None) -> None:
    """The two columns an administrative document opens with (Decree 30/2020, Appendix I): the superior body, the
    issuer and the number on the left; the national name, the motto and the place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    _cell_line(left, superior.upper(), size=HEADER_SIZE)
    _cell_line(left, issuer.upper(), size=HEADER_SIZE, bold=True, after=6)
    if number is not None:
        _cell_line(left, number, size=HEADER_SIZE)
    _cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEADER_SIZE, bold=True)
    _cell_line(right, "Độc lập - Tự do - Hạnh phúc", size=BODY_SIZE, bold=True, after=6)
    _cell_line(right, place_date, size=BODY_SIZE, italic=True)
    _paragraph(document, "", after=6)


def _header(document, header: dict):
    header_table(
        document,
        superior=header["superior"],
        issuer=header["issuer"],
        number=f"Số: {header['number']}" if header["number"] else f"Số:      /{header['number_symbol']}",
        place_date=header["place_date"] or f"{header['place']}, ngày      tháng      năm",
    )
    _paragraph(document, header["doc_type"], bold=True)
    _paragraph(document, header["subject"], bold=True, after=12)


def _body_paragraph(document, text, *, italic=False, bold=False, indent=True):
    paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, italic=italic, bold=bold)
    paragraph.paragraph_format.first_line_indent = Cm(1.27) if indent else None
    paragraph.paragraph_format.line_spacing = 1.15
    return paragraph


def _data_table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font((_first_cell_paragraph(cell) or cell.add_paragraph()).add_run(text), size=Pt(13), bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if index == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(text), size=Pt(13))
    _paragraph(document, "", after=6)


def _footer(document, header: dict):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    paragraph = _first_cell_paragraph(left)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(paragraph.add_run("Nơi nhận:"), size=Pt(12), bold=True, italic=True)
    for recipient in header["recipients"]:
        line = left.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        _font(line.add_run(f"- {recipient}"), size=Pt(11))
    for line in header["signature_lines"]:
        _cell_line(right, line, bold=True)
    for _ in range(4):
        _cell_line(right, "")
    if header["signer_name"]:
        _cell_line(right, header["signer_name"], bold=True)


def report_docx(header: dict, blocks) -> bytes:
    """A report with the header of ``header`` (``reports.documents.header_context``) and the body of ``blocks``
    (``reports.reviews.Block``: headings, paragraphs, tables, placeholders)."""
    document = Document()
    _setup(document)
    _header(document, header)
    for block in blocks:
        if block.is_table:
            _data_table(document, block.header, block.rows)
        elif block.level == 1:
            _body_paragraph(document, block.text, bold=True, indent=False)
        elif block.level == 2:
            _body_paragraph(document, block.text, bold=True)
        else:
            _body_paragraph(document, block.text, italic=block.placeholder)
    _footer(document, header)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
