"""HTML to PDF with WeasyPrint, in parts rendered in parallel.

WeasyPrint's cost grows with the number of table rows and it uses one core, so a long document is rendered as
parts of a few hundred rows, each its own WeasyPrint document, on a pool of processes; the part PDFs are merged
in order. Page numbers (centred in the top margin, none on page 1, Decree 30/2020) are stamped afterwards from a
small overlay document, because a part does not know on which page it starts until the parts before it are done.

Fonts come from ``reports/fonts`` only: the URL fetcher refuses every other URL, local or remote.
"""

import io
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
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


def _render_one(html: str, extra_css: str = NO_PAGE_NUMBER) -> tuple[bytes, int]:
    """One part to PDF bytes and its page count. Runs in a pool process: no database, no Django apps."""
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
    pdf, _pages = _render_one(f"<html><body>{pages}</body></html>", css)
    return pdf


def render_processes() -> int:
    configured = getattr(settings, "REPORT_RENDER_PROCESSES", 0)
    return configured or min(4, os.cpu_count() or 1)


def render_parts(
    parts: Iterable[str], *, progress: Callable[[int], None] | None = None, processes: int | None = None
) -> tuple[bytes, int]:
    """Render HTML parts (in order) into one PDF with running page numbers. Returns (pdf bytes, page count)."""
    from pypdf import PdfReader, PdfWriter

    parts = list(parts)
    processes = min(processes or render_processes(), len(parts))
    if processes > 1:
        # "spawn": a clean interpreter, so no database connection or thread state is shared with this process.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            results = []
            for result in pool.map(_render_one, parts):
                results.append(result)
                if progress:
                    progress(len(results))
    else:
        results = []
        for html in parts:
            results.append(_render_one(html))
            if progress:
                progress(len(results))
    writer = PdfWriter()
    for pdf, _pages in results:
        writer.append(io.BytesIO(pdf))
    page_count = len(writer.pages)
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
