"""HTML to PDF with WeasyPrint, in parts.

WeasyPrint's cost grows with the number of table rows and it uses one core, so a long document is rendered as
parts of a few hundred rows, each its own WeasyPrint document (``render_part``); in the background each part is a
Celery task of its own, so the parts spread over every worker process on every machine (``reports.tasks``). The
part PDFs are merged in order (``merge_parts``). Page numbers (centred in the top margin, none on page 1, Decree
30/2020) are stamped afterwards from a small overlay document, because a part does not know on which page it
starts until the parts before it are done. No process pool: a Celery pool process may not start children.

Fonts come from ``reports/fonts`` only: the URL fetcher refuses every other URL, local or remote.
"""

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CSS_FILE = Path(settings.BASE_DIR) / "static" / "reports" / "document.css"
NO_PAGE_NUMBER = "@page { @top-center { content: none; } }"


class RefusedURL(ValueError):
    pass


def allowed_path(url: str) -> bool:
    """Only the shipped fonts and the document stylesheet may be read while rendering."""
    parsed = urlparse(url)
    if parsed.scheme != "file" or parsed.netloc:
        return False
    path = Path(unquote(parsed.path)).resolve()
    return path.parent == FONT_DIR or path == CSS_FILE.resolve()


def safe_url_fetcher():
    """A WeasyPrint fetcher that refuses remote URLs and any local file but the fonts and stylesheet."""
    from weasyprint.urls import URLFetcher

    class SafeURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed_path(url):
                raise RefusedURL(f"Refused to fetch {url!r} while rendering a document")
            return super().fetch(url, headers)

    return SafeURLFetcher(allowed_protocols={"file"}, allow_redirects=False)


def font_face_css() -> str:
    """@font-face rules for the shipped Times New Roman metric-compatible family (Liberation Serif)."""
    faces = [
        ("Regular", "normal", "normal"),
        ("Bold", "bold", "normal"),
        ("Italic", "normal", "italic"),
        ("BoldItalic", "bold", "italic"),
    ]
    rules = []
    for name, weight, style in faces:
        uri = (FONT_DIR / f"LiberationSerif-{name}.ttf").as_uri()
        rules.append(
            f"@font-face {{ font-family: 'Times Document'; src: url('{uri}'); font-weight: {weight}; "
            f"font-style: {style}; }}"
        )
    return "\n".join(rules)


def render_part(html: str, extra_css: str = NO_PAGE_NUMBER) -> tuple[bytes, int]:
    """One part to PDF bytes and its page count. Reads no database: it runs on any worker."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = safe_url_fetcher()
    stylesheets = [
        CSS(string=font_face_css(), font_config=fonts, url_fetcher=fetcher),
        CSS(filename=str(CSS_FILE), font_config=fonts, url_fetcher=fetcher),
        CSS(string=extra_css, font_config=fonts),
    ]
    document = HTML(string=html, base_url=str(CSS_FILE.parent), url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts
    )
    return document.write_pdf(), len(document.pages)


def _page_number_overlay(page_count: int) -> bytes:
    """A document of ``page_count`` A4 pages carrying only the page number, centred in the top margin, none on
    page 1; its pages are laid over the content pages."""
    pages = "".join(
        f'<div class="page-number">{number if number > 1 else ""}</div>' for number in range(1, page_count + 1)
    )
    css = (
        "@page { size: A4 portrait; margin: 0; } "
        ".page-number { page-break-after: always; height: 20mm; box-sizing: border-box; padding-top: 9mm; "
        "margin-left: 30mm; margin-right: 15mm; text-align: center; font-family: 'Times Document'; "
        "font-size: 13pt; }"
    )
    pdf, _pages = render_part(f"<html><body>{pages}</body></html>", css)
    return pdf


def render_parts(
    parts: Iterable[str], *, progress: Callable[[int], None] | None = None, page_numbers: bool = True
) -> tuple[bytes, int]:
    """Render HTML parts (in order) in this process into one PDF with running page numbers (none with
    ``page_numbers=False``): for ``manage.py render_report`` and one-part documents. Returns (pdf bytes, page
    count)."""
    results = []
    for html in parts:
        results.append(render_part(html)[0])
        if progress:
            progress(len(results))
    return merge_parts(results, page_numbers=page_numbers)


def merge_parts(pdfs: Iterable[bytes], *, page_numbers: bool = True) -> tuple[bytes, int]:
    """The part PDFs, in order, as one document with its page numbers stamped (not on certificates, printed on
    pre-printed paper: ``page_numbers=False``). Returns (pdf bytes, page count)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    page_count = len(writer.pages)
    if not page_numbers:
        writer.add_metadata({"/Producer": "Thi đua, khen thưởng"})
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue(), page_count
    # The overlay goes into the same writer first, so its font is one shared object rather than a copy per page.
    writer.append(PdfReader(io.BytesIO(_page_number_overlay(page_count))))
    for index in range(1, page_count):
        page = writer.pages[index]
        page.merge_page(writer.pages[page_count + index])
        page.compress_content_streams()  # merging leaves the content stream uncompressed
    for index in range(2 * page_count - 1, page_count - 1, -1):
        del writer.pages[index]
    writer.add_metadata({"/Producer": "Thi đua, khen thưởng"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), page_count
