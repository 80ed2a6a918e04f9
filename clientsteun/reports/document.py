"""What every PDF of the app shares: fonts, styles, the page with its footer, the metadata, and escaping.

A document is a list of ReportLab flowables that ``render`` lays out on A4 pages and returns as PDF
bytes.  Every page carries "Vertrouwelijk", the printed date and "pagina 1 van 2" in its footer.  The
PDF's title is the document's title, never the resident's name.

User text enters a ``Paragraph`` only through ``text``: it is escaped (ReportLab reads a paragraph
as markup, so ``'<b>x'`` would raise and ``'a <unknown> b'`` would lose a word), control characters
(and unassigned code points) are dropped and newlines become line breaks.  The bundled DejaVu Sans
prints Dutch (and most Latin, Greek, Cyrillic, Hebrew and Arabic letters); a character it lacks
but the fallback font (a reduced Symbola: emoji and symbols) has is printed in the fallback font.
A character neither font has (Chinese, flags, newer emoji) prints as the replacement character
U+FFFD, a visible question mark in a diamond, never as an empty box; the tests name which do.
Right-to-left text is printed in the order it was typed (ReportLab's bidi support needs a package
that is not available here) and Arabic letters unjoined: every letter is there, the tests say so.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from clientsteun import paths
from clientsteun.domain.dates import format_long

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FALLBACK = "SymbolaEmoji"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FALLBACK: "SymbolaEmoji.ttf"}

CREATOR = "Clientsteun"
CONFIDENTIAL = "Vertrouwelijk"
MARGIN = 18 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN
FOOTER_SIZE = 8

MISSING = "\ufffd"

# Streams in binary rather than ASCII85: smaller files, and about 7 % faster for a long sheet; every
# PDF reader reads them.  (ReportLab's C accelerator, the rl-accel package, does the rest it can.)
rl_config.useA85 = 0
LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")


@dataclass(frozen=True)
class Fonts:
    """The registered fonts and, per font, the characters it has."""

    main: frozenset[int]
    fallback: frozenset[int]


def _to_unicode_cmap(font_name: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab 5.1 writes them as five hex digits (``<1F44D>``), which a PDF reader cannot read, so
    an emoji could not be copied or searched.  Otherwise the map is the same.
    """
    standard: str = _standard_cmap(font_name, [min(code, 0xFFFF) for code in subset])
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            pair = chr(code).encode("utf-16-be").hex().upper()
            standard = standard.replace(f"<{index:02X}> <FFFF>", f"<{index:02X}> <{pair}>", 1)
    return standard


_standard_cmap = ttfonts.makeToUnicodeCMap


@functools.cache
def fonts() -> Fonts:
    """Register the bundled fonts with ReportLab once (the family makes ``<b>`` use the bold face)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    folder = paths.resources_dir() / "fonts"
    faces = {name: TTFont(name, str(folder / file)) for name, file in FONT_FILES.items()}
    for face in faces.values():
        pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return Fonts(
        main=frozenset(faces[FONT].face.charToGlyph),
        fallback=frozenset(faces[FALLBACK].face.charToGlyph),
    )


def clean(value: str) -> str:
    """``value`` with line breaks as ``\\n``, tabs as spaces, and other control characters dropped."""
    value = LINE_BREAKS.sub("\n", value).replace("\t", " ")
    dropped = {char for char in set(value) if char != "\n" and unicodedata.category(char) in ("Cc", "Cs", "Cn")}
    return "".join(char for char in value if char not in dropped) if dropped else value


def text(value: str) -> str:
    """User text as safe paragraph markup: escaped, cleaned, line breaks kept, fallback font where needed."""
    known = fonts()
    value = clean(value)
    if all(char == "\n" or ord(char) in known.main for char in set(value)):  # the usual case, at once
        return escape(value).replace("\n", "<br/>")
    parts: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            parts.append(f'<font face="{FALLBACK}">{escape("".join(run))}</font>')
            run.clear()

    for char in value:
        code = ord(char)
        if code not in known.main and code in known.fallback:
            run.append(char)
            continue
        flush()
        if char == "\n":
            parts.append("<br/>")
        else:
            parts.append(escape(char) if code in known.main else _missing(char))
    flush()
    return "".join(parts)


def _missing(char: str) -> str:
    """What prints for a character no bundled font has: nothing for an invisible one, else U+FFFD."""
    return "" if unicodedata.category(char) == "Cf" else MISSING


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, all from one body size."""

    size: float
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    item: ParagraphStyle  # a line with a bullet, indented
    box: ParagraphStyle  # a line with a box to tick, big enough to tick with a pen

    @property
    def gap(self) -> float:
        return self.size * 0.6


@functools.cache
def styles(size: float) -> Styles:
    """Styles for body text of ``size`` points (14 and up is large type)."""
    fonts()
    leading = size * 1.3
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=size,
        leading=leading,
        alignment=TA_LEFT,
        bulletFontName=FONT,
        bulletFontSize=size,
        spaceAfter=size * 0.3,
        splitLongWords=True,
    )
    return Styles(
        size=size,
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=size * 1.7, leading=size * 2.1),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=size * 1.25,
            leading=size * 1.6,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.3,
            keepWithNext=True,
            textColor=colors.HexColor("#1a3d6d"),
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontName=FONT_BOLD, spaceBefore=size * 0.7, spaceAfter=0, keepWithNext=True
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.1),
        item=ParagraphStyle("item", parent=body, leftIndent=size * 1.6, bulletIndent=size * 0.3, spaceAfter=size * 0.2),
        box=ParagraphStyle(
            "box",
            parent=body,
            leading=size * 1.8,
            leftIndent=size * 2.2,
            bulletIndent=0,
            bulletFontSize=size * 1.6,
            bulletOffsetY=-size * 0.1,
            spaceAfter=size * 0.2,
        ),
    )


class WritingLines(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Empty ruled lines to write on by hand (the agreements made in the meeting)."""

    def __init__(self, count: int, spacing: float) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.5)
        for line in range(1, self.count + 1):
            y = self.count * self.spacing - line * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def _page_canvas(printed_on: date) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each footer can say "pagina 1 van N"."""

    class PageCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            width, _ = A4
            y = MARGIN / 2
            self.saveState()
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, y, CONFIDENTIAL)
            self.drawCentredString(width / 2, y, f"Afgedrukt op {format_long(printed_on)}")
            self.drawRightString(width - MARGIN, y, f"pagina {number} van {total}")
            self.restoreState()

    return PageCanvas


def render(story: Sequence[Flowable], *, title: str, printed_on: date, invariant: bool = False) -> bytes:
    """Lay out ``story`` on A4 pages with the footer; the PDF's bytes.

    ``title`` goes into the metadata and must not name the resident.  ``invariant`` makes the output
    byte-identical for the same input (a fixed creation date and document id), for tests.
    """
    fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=CREATOR,
        creator=CREATOR,
        producer=CREATOR,
        subject=title,
        lang="nl-NL",
        invariant=int(invariant),
    )
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(list(story), canvasmaker=_page_canvas(printed_on))
    return buffer.getvalue()
