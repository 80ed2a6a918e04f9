"""The fixed texts a resident reads on their own sheet, gathered for the plain-language measure.

The resident variant's headings (``sheet.WORDS``), the catalog's texts for the resident (route kinds,
steps and documents in ``routes.toml``; meeting kinds and checklist points in ``meetings.toml``).
``tests/unit/test_plain_language.py`` scores each one on its own; ``scripts/plain_language_report.py``
writes the scores to ``docs/plain-language.md``.
"""

from __future__ import annotations

from dataclasses import fields

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.readability import (
    MAX_RARE_SHARE,
    MAX_WORDS_PER_SENTENCE,
    MIN_FLESCH_DOUMA,
    Score,
    score,
)
from clientsteun.domain.sheet import SheetVariant, TriedRoute
from clientsteun.reports.sheet import WORDS, Words, evidence_line

# A route with some evidence and part of its documents: the resident's evidence line in full.
SAMPLE_ROUTE = TriedRoute("Voorbeeld", evidence_count=3, documents_collected=2, documents_total=5)


def resident_texts(catalog: Catalog) -> list[tuple[str, str]]:
    """(where it comes from, text) for every fixed text of the resident's sheet, in print order."""
    words = WORDS[SheetVariant.RESIDENT]
    # Headings and sentences as printed; a template ("{count}") is scored filled in, below, and a joiner
    # (a space, a semicolon) is no text.
    texts = [
        (f"kop {field.name}", value)
        for field in fields(Words)
        if isinstance(value := getattr(words, field.name), str) and value.strip() and "{" not in value
    ]
    texts += [(f"kop {alternative.value}", text) for alternative, text in words.alternatives.items()]
    texts.append(("bewijs bij een route", evidence_line(words, SAMPLE_ROUTE)))
    texts += [(f"routes.toml {where}", text) for where, text in catalog.routes.resident_texts()]
    for kind in catalog.meetings.kinds:
        texts.append((f"meetings.toml meeting_kind {kind.code}", kind.resident))
        texts += [(f"meetings.toml {kind.code} checklist {point.code}", point.resident) for point in kind.checklist]
    return texts


def scored(catalog: Catalog) -> list[tuple[str, Score]]:
    return [(where, score(text)) for where, text in resident_texts(catalog)]


def scores_table(rows: list[tuple[str, Score]]) -> str:
    """A Markdown table: one row per text, the three measures and whether it passes."""
    lines = [
        "| Text | Source | Flesch-Douma | Words per sentence | Rare | Passes |",
        "|---|---|---:|---:|---:|:-:|",
    ]
    for where, measured in rows:
        rare = f"{measured.rare_count}/{measured.content_words}"
        if measured.rare_words:
            rare += f" ({', '.join(measured.rare_words)})"
        text = measured.text.replace("|", "\\|")
        lines.append(
            f"| {text} | {where} | {measured.flesch_douma:.1f} | {measured.words_per_sentence:.1f} | {rare} | "
            f"{'yes' if measured.passes else 'NO'} |"
        )
    return "\n".join(lines)


LIMITS = (
    f"Flesch-Douma at least {MIN_FLESCH_DOUMA:g}, at most {MAX_WORDS_PER_SENTENCE:g} words per sentence on "
    f"average, at most 1 in {round(1 / MAX_RARE_SHARE)} content words rarer than Zipf 3"
)
