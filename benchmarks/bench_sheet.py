"""The preparation sheet of a big resident, from the database to the PDF, against ReportLab alone on the same story.

The resident (``dataset._sheet_resident``) has 50 routes tried (400 dated steps with a refusal and
an objection, 100 efforts, documents, the reversed test), 200 conversations, and a kitchen-table
conversation next week with a full preparation, in the benchmark database among 10,000 residents.
Timed, per variant: ``SheetService.sheet_data`` (the meeting, the preparation and every route with
its deadlines read and worked out in one read transaction) and ``render_sheet`` (every text escaped,
the fallback font picked per character, the story built and laid out, the pages held back until
their number is known for the footer's "pagina X van N"), as the app does when a supporter asks for
the sheet.  The baseline hands ReportLab the finished markup of the same story's paragraphs, in the
same styles, on a plain page with no database and no footer; the two are timed in turns in the
same run, so the ratio is the price of our part even on a busy machine.

    python benchmarks/bench_sheet.py [--quick]
"""

from __future__ import annotations

import functools
import gc
import io
import sys
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from clientsteun.domain.sheet import SheetData, SheetVariant
from clientsteun.reports.document import MARGIN
from clientsteun.reports.sheet import render_sheet, sheet_story
from clientsteun.services import Services

from dataset import Dataset, run_alone
from measure import Outcome, alternate_ms, median, repeat_ms, timed

LIMIT_MS = 300.0  # a supporter clicks "Afdrukken": the preview should come at once
MAX_RATIO = 2.0


def _plain_reportlab(paragraphs: list[tuple[str, object, str | None]]) -> bytes:
    """ReportLab alone: the finished markup, the same styles, a plain page without our footer."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN
    )
    document.build([Paragraph(markup, style, bulletText=bullet) for markup, style, bullet in paragraphs])
    return buffer.getvalue()


def _sheet(read: Callable[[], SheetData], variant: SheetVariant) -> bytes:
    """What the app does for "Afdrukken": the sheet's data from the database, rendered."""
    return render_sheet(read(), variant=variant)


def run(services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    client_id = dataset.sheet_client_id
    outcomes = []
    # What the benchmarks before this one left on the heap (a Qt application, 10,000 residents' rows)
    # is not the sheet's: keep the garbage collector from scanning it at every pass.
    gc.collect()
    gc.freeze()
    for variant in SheetVariant:
        read = functools.partial(services.sheet.sheet_data, client_id, variant=variant)
        data = read()
        story = sheet_story(data, variant=variant, large=False)
        paragraphs = [(p.text, p.style, p.bulletText) for p in story if isinstance(p, Paragraph)]
        ours, plain = alternate_ms(
            functools.partial(_sheet, read, variant), functools.partial(_plain_reportlab, paragraphs), repeats
        )
        reading = repeat_ms(read, repeats)
        pages = _sheet(read, variant).count(b"/Type /Page\n")
        steps = sum(len(route.steps) for route in data.tried)
        details = (
            f"resident {client_id}: {len(data.tried)} routes with {steps} dated lines (steps and efforts), "
            f"{len(data.wants) + len(data.not_working)} answers, {len(data.questions)} questions, "
            f"{len(data.not_fitting)} reasons, {len(data.deadlines)} deadlines, {len(data.bring)} documents: "
            f"{len(story)} flowables, {pages or '?'} pages",
            f"of which sheet_data (the database read, the deadlines; timed apart): {median(reading):,.1f} ms",
            f"baseline: ReportLab alone on the same {len(paragraphs)} paragraphs, no database, no footer",
        )
        name = f"Preparation sheet ({variant.value}), {len(data.tried)} routes, from the database"
        outcomes.append(timed(name, ours, plain, details, limit_ms=LIMIT_MS, max_ratio=MAX_RATIO))
    return outcomes


if __name__ == "__main__":
    sys.exit(run_alone(run, "python benchmarks/bench_sheet.py"))
