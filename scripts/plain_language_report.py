"""Write the plain-language scores of every fixed text on the resident's sheet to docs/plain-language.md.

    .venv/bin/python scripts/plain_language_report.py            # the built-in catalog
    .venv/bin/python scripts/plain_language_report.py --catalog /path/to/copy --out /tmp/scores.md

The texts and the measure are those of tests/unit/test_plain_language.py (clientsteun/reports/plain_language.py
and clientsteun/domain/readability.py).  Exits with 1 when a text misses a limit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from clientsteun import paths  # noqa: E402
from clientsteun.domain.catalog import load_catalog  # noqa: E402
from clientsteun.domain.readability import FUNCTION_WORDS, MUST_LEARN  # noqa: E402
from clientsteun.reports.plain_language import LIMITS, scored, scores_table  # noqa: E402

INTRO = """# Plain language, measured

Every fixed text a resident reads on their own preparation sheet is scored on its own: the resident
variant's headings (`clientsteun/reports/sheet.py`), the catalog's texts for the resident
(`for_resident` in `resources/catalog/routes.toml`: route kinds, steps, documents; `resident` in
`resources/catalog/meetings.toml`: meeting kinds and checklist points).

**Limits** (issue 13): {limits}.
`tests/unit/test_plain_language.py` fails on a text that misses one (`-s` prints every score);
rewrite the text, then run `.venv/bin/python scripts/plain_language_report.py` to regenerate this page.

## How it is measured (`clientsteun/domain/readability.py`)

- **Flesch-Douma**: 206.835 - 0.93 x words per sentence - 77 x syllables per word, the formula
  `textstat` uses after `set_lang("nl")` (a test checks both give the same number on a plain text).
- **Sentences** are counted here, not by textstat: textstat drops sentences of two words or fewer
  ("Dat mag."), which punishes short sentences. Every line counts as a sentence (a heading has no full
  stop). Abbreviations ("art.", "bijv.", "nr.", ...) are written out and a dot between digits
  ("2.3.5") ends no sentence.
- **Syllables**: textstat's count (pyphen's Dutch hyphenation), but never fewer than the word's vowel
  groups: pyphen does not split at a word's edge, so it says "agenda", "over" and "oké" are shorter
  than they are.
- **Rare words**: `wordfreq.zipf_frequency(word, "nl")` below 3, among the content words: not the
  {functions} function words (de, je, en, met, ...), not numbers; each part of a hyphenated word
  counts on its own. textstat's `difficult_words` is not used: it has no Dutch list.
- **Words a resident must learn anyway** never count as rare ({must_learn} words, kept in the module
  as `MUST_LEARN` so the supporter's meter and this test measure alike, whatever catalog copy is in
  use): {examples}, ...
- Dutch scoring needs no downloaded data: textstat reads nltk's pronunciation list for English only
  (a test scores offline with an empty nltk folder).
- The formula was made for running text; on a heading of one or two words it mostly measures the
  length of the words, so short labels with long words ("Zelf betalen") were rewritten.

The same measure is shown to the supporter while they type the resident's answers
(`clientsteun/ui/widgets/readability_meter.py`).

## Scores

{passed} of {total} texts pass.

"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=paths.catalog_dir(), help="catalog folder")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "plain-language.md")
    options = parser.parse_args(argv)
    rows = scored(load_catalog(options.catalog, paths.catalog_dir()))
    passed = sum(measured.passes for _, measured in rows)
    intro = INTRO.format(
        limits=LIMITS,
        functions=len(FUNCTION_WORDS),
        must_learn=len(MUST_LEARN),
        examples=", ".join(sorted(MUST_LEARN)[:12]),
        passed=passed,
        total=len(rows),
    )
    options.out.write_text(intro + scores_table(rows) + "\n", encoding="utf-8")
    print(f"{options.out}: {passed} of {len(rows)} texts pass")
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
