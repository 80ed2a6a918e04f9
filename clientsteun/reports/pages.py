"""A finished PDF's pages as pictures (PDFium), for the preview on screen and for a printer.

Plain bytes in, plain pixels out (RGB, 8 bits a channel, rows ``stride`` bytes apart), so it runs
on a worker thread and needs no Qt; the screen turns the pixels into an image.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int  # bytes from one row to the next
    pixels: bytes  # RGB


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_pages(pdf: bytes, dpi: float, pages: range | None = None) -> list[PageImage]:
    """The pages of ``pdf`` (all, or those in ``pages``, counted from 0) at ``dpi`` dots per inch."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = []
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=False)
            found.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
            bitmap.close()
            page.close()
        return found
    finally:
        document.close()
