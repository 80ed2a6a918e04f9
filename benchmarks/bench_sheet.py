"""The preparation sheet: rendering a big resident's sheet, against ReportLab alone on the same story.

The resident has 50 routes (400 dated steps) and the rest of 200 conversations' worth of
preparation: answers, questions, reasons, deadlines, documents.  ``render_sheet`` escapes every text,
picks the fallback font per character, builds the story and lays it out with the footer's
"pagina X van N" (two passes over the pages).  The baseline hands ReportLab the finished markup of the
same paragraphs, in the same styles, on a plain page: the ratio is the price of our part.

Run on its own: ``python benchmarks/bench_sheet.py``.
"""

from __future__ import annotations

import functools
import io
import sys
from datetime import date, time, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from clientsteun.domain.sheet import (
    Alternative,
    Answer,
    BringItem,
    Companion,
    DeadlineLine,
    Entitlement,
    MeetingInfo,
    NextStep,
    NotFitting,
    SheetData,
    SheetVariant,
    TriedRoute,
    TriedStep,
)
from clientsteun.reports.document import MARGIN
from clientsteun.reports.sheet import render_sheet, sheet_story

from measure import Outcome, median, repeat_ms, results_table

LIMIT_MS = 300.0  # a supporter clicks "Afdrukken": the preview should come at once
MAX_RATIO = 2.0
ROUTES = 50
STEPS_PER_ROUTE = 8
START = date(2025, 1, 6)
SENTENCE = "ik wil graag weer zelf boodschappen doen maar de trap is te steil en mijn buurvrouw kan niet elke dag"
WORDS = SENTENCE.split(" ")


def _sentence(seed: int, length: int = 14) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize() + "."


def big_sheet() -> SheetData:
    """A resident with 50 routes and 200 conversations' worth of preparation (fictional)."""
    routes = tuple(
        TriedRoute(
            title=f"Route {number}: aanvraag hulp bij het huishouden",
            kind="Wmo-maatwerkvoorziening",
            status="Loopt na afwijzing: Bezwaar ingediend",
            organisation="Gemeente Zuiderveen",
            reference=f"WMO-2026-{number:04d}",
            law="Wmo 2015 art. 2.3.5",
            steps=tuple(
                TriedStep(
                    START + timedelta(days=number * 9 + step * 4),
                    f"Stap {step}: melding gedaan",
                    _sentence(number + step, 10) if step % 2 else "",
                )
                for step in range(STEPS_PER_ROUTE)
            ),
            evidence_count=number % 5,
            documents_collected=number % 4,
            documents_total=4,
        )
        for number in range(1, ROUTES + 1)
    )
    return SheetData(
        title="Voorbereiding gesprek",
        resident="Fenna de Groot",
        printed_on=date(2026, 11, 25),
        meeting=MeetingInfo(
            date(2026, 12, 1),
            time(10, 30),
            "Stadskantoor",
            "Gemeente Zuiderveen",
            "mevrouw Jansen",
            "Keukentafelgesprek",
            tuple(route.title for route in routes[:5]),
        ),
        companions=(Companion("ondersteuner", "Sanne Bakker"), Companion("ervaringsdeskundige", "Ruud Pelt")),
        wants=tuple(Answer(_sentence(n, 30), "Waar wil je over een jaar staan?") for n in range(20)),
        not_working=tuple(Answer(_sentence(n, 30), "Wat lukt nu niet?") for n in range(60)),
        tried=routes,
        not_fitting=tuple(NotFitting(alt, _sentence(n, 20), routes[n].title) for n, alt in enumerate(Alternative)),
        questions=tuple(_sentence(n, 12).rstrip(".") + "?" for n in range(30)),
        entitlements=(Entitlement("Wmo-maatwerkvoorziening", _sentence(1, 25), _sentence(2, 20), "Wmo 2015"),),
        deadlines=tuple(
            DeadlineLine(
                START + timedelta(days=400 + n),
                "Besluit uiterlijk",
                routes[n].title,
                "Instantie",
                f"over {n + 3} dagen",
                "Awb 4:13",
            )
            for n in range(ROUTES)
        ),
        bring=tuple(BringItem(f"Document {n}", f"Een brief over {n}", n % 2 == 0) for n in range(12)),
        next_steps=tuple(NextStep(_sentence(n, 10), START + timedelta(days=500 + n)) for n in range(10)),
    )


def _plain_reportlab(paragraphs: list[tuple[str, object, str | None]]) -> bytes:
    """ReportLab alone: the finished markup, the same styles, a plain page without our footer."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN
    )
    document.build([Paragraph(markup, style, bulletText=bullet) for markup, style, bullet in paragraphs])
    return buffer.getvalue()


def run(repeats: int) -> list[Outcome]:
    data = big_sheet()
    outcomes = []
    for variant in SheetVariant:
        story = sheet_story(data, variant=variant, large=False)
        paragraphs = [(p.text, p.style, p.bulletText) for p in story if isinstance(p, Paragraph)]
        pages = render_sheet(data, variant=variant).count(b"/Type /Page\n")
        ours = repeat_ms(functools.partial(render_sheet, data, variant=variant), repeats)
        plain = repeat_ms(functools.partial(_plain_reportlab, paragraphs), repeats)
        steps = sum(len(route.steps) for route in data.tried)
        outcomes.append(
            Outcome(
                f"Preparation sheet ({variant.value}), {ROUTES} routes",
                measured_ms=median(ours),
                baseline_ms=median(plain),
                limit_ms=LIMIT_MS,
                max_ratio=MAX_RATIO,
                details=(
                    f"{ROUTES} routes with {steps} dated steps, {len(data.not_working) + len(data.wants)} answers, "
                    f"{len(data.questions)} questions, {len(data.deadlines)} deadlines: {len(story)} flowables, "
                    f"{pages or '?'} pages",
                    f"baseline: ReportLab alone on the same {len(paragraphs)} paragraphs, no footer: "
                    f"{median(plain):,.0f} ms",
                ),
            )
        )
    return outcomes


def main() -> int:
    outcomes = run(repeats=7)
    for outcome in outcomes:
        print(f"\n{outcome.benchmark}: {'PASS' if outcome.passed else 'MISS ' + '; '.join(outcome.misses)}")
        for line in outcome.details:
            print("  " + line)
    print("\n" + results_table(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
