"""The small fictional files attached to demo evidence: letters as one-page PDFs, notes as text.

The letters are drawn with ReportLab in invariant mode, so the same letter gives the same bytes
(no creation time or random document id in the file) and the same seed gives the same database.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from clientsteun.domain.dates import format_long
from clientsteun.domain.routes import NewAttachment

FICTIONAL = "Verzonnen voorbeeld voor de demo: geen echte persoon of instantie."
FONT = "Helvetica"  # one of PDF's standard fonts: nothing to embed, so a letter stays a few kB
SIZE = 11
LEADING = 15
MARGIN = 56  # points, about 2 cm


def letter(sender: str, addressee: str, on: date, subject: str, *lines: str) -> NewAttachment:
    """A one-page letter from ``sender`` to ``addressee``, dated ``on``, as a small PDF."""
    text = [sender, "", f"Aan: {addressee}", f"Datum: {format_long(on)}", f"Onderwerp: {subject}", "", *lines]
    width, height = A4
    column = width - 2 * MARGIN
    out = io.BytesIO()
    # Uncompressed: a letter is a few lines, and thousands are made for a benchmark database.
    page = Canvas(out, pagesize=A4, invariant=1, pageCompression=0)
    page.setTitle(subject)
    page.setSubject(FICTIONAL)
    body = page.beginText(MARGIN, height - MARGIN - SIZE)
    body.setFont(FONT, SIZE, LEADING)
    for line in (*text, "", FICTIONAL):
        fits = stringWidth(line, FONT, SIZE) <= column
        for part in [line] if fits else simpleSplit(line, FONT, SIZE, column):
            body.textLine(part)
    page.drawText(body)
    page.showPage()
    page.save()
    name = f"{subject.lower().replace(' ', '-')[:40]}-{on.isoformat()}.pdf"
    return NewAttachment(name, "application/pdf", out.getvalue())


def note(name: str, *lines: str) -> NewAttachment:
    """A short text file, such as a list printed from a website."""
    body = "\n".join((*lines, "", FICTIONAL, ""))
    return NewAttachment(name, "text/plain", body.encode("utf-8"))
