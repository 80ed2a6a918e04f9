"""Matching text the way people expect: without caring about case or accents.

The list filter and the highlighting of search hits use the same rules as the note search
(SQLite FTS5 with ``remove_diacritics``): "zoe" finds "Zoë", "een" finds "één".
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: 'Zoë Één' -> 'zoe een'."""
    if text.isascii():  # most names and places: a fast path, as the list folds 10,000 at start
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def word_prefix_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where words in ``text`` start with one of the terms: (start, end) of each whole word.

    Positions are in the original text, so accents and case can differ from the terms.
    """
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, the index of the original character
    for index, char in enumerate(text):
        for part in _fold_char(char):
            folded.append(part)
            origin.append(index)
    folded_text = "".join(folded)
    spans = []
    for term in dict.fromkeys(fold(term) for term in terms if term.strip()):
        for match in re.finditer(r"(?<!\w)" + re.escape(term) + r"\w*", folded_text):
            start = origin[match.start()]
            end = origin[match.end() - 1] + 1
            spans.append((start, end))
    return sorted(set(spans))
