import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> list[str]:
    """The text of each page."""
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
