"""Reading a PDF the app made back as text, with pypdf (PDFs are compressed: never search the bytes)."""

from __future__ import annotations

import io
import re

import pypdf

FOOTER = re.compile(r"^(Vertrouwelijk|Afgedrukt op .*|pagina \d+ van \d+)$", re.MULTILINE)


def pages(data: bytes) -> list[str]:
    """The text of each page, footer included."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def body(data: bytes) -> str:
    """The text of all pages without their footers, so text that runs over a page reads on."""
    return "\n".join(FOOTER.sub("", text) for text in pages(data))


def collapsed(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return " ".join(text.split())


def metadata(data: bytes) -> dict[str, str]:
    info = pypdf.PdfReader(io.BytesIO(data)).metadata
    return {} if info is None else {str(key): str(value) for key, value in info.items()}
