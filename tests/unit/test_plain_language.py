"""Plain language, measured: every fixed text a resident reads on their own sheet passes, each on its own.

The texts: the resident variant's headings, the catalog's texts for the resident (route kinds, steps,
documents; meeting kinds and their checklists).  Limits: Flesch-Douma at least 60, at most 15 words per
sentence on average, at most 1 in 20 content words rarer than Zipf 3 (``domain/readability.py``).
The scores print with ``-s`` and in a failure; ``scripts/plain_language_report.py`` writes them to
``docs/plain-language.md``.
"""

from __future__ import annotations

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.reports.plain_language import LIMITS, resident_texts, scored


def test_there_are_texts_of_every_kind(catalog: Catalog) -> None:
    sources = {where.split()[0] for where, _ in resident_texts(catalog)}
    assert {"kop", "bewijs", "routes.toml"} <= sources
    if catalog.meetings.kinds:
        assert "meetings.toml" in sources
    assert all(text.strip() for _, text in resident_texts(catalog))


def test_every_fixed_text_for_the_resident_is_plain_dutch(catalog: Catalog) -> None:
    rows = scored(catalog)
    report = "\n".join(
        f"{'ok ' if s.passes else 'TE MOEILIJK'} {where}: {s.summary()}  «{s.text}»" for where, s in rows
    )
    print(f"\n{LIMITS}\n{report}")
    failing = [f"{where}: {s.summary()}  «{s.text}»" for where, s in rows if not s.passes]
    if failing:
        pytest.fail(f"{len(failing)} of {len(rows)} texts miss a limit ({LIMITS}):\n" + "\n".join(failing))
