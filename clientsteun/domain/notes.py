"""What a conversation note keeps of a note template: the questions that were answered, not the others."""

from __future__ import annotations

import re
from collections.abc import Iterable

from clientsteun.domain.model import SNIPPET_END, SNIPPET_START

MAX_NOTE_CHARS = 100_000  # what a conversation needs; a longer note already stored still opens and saves
NOTE_WARNING_CHARS = 90_000  # from here the editor says how much room is left
SNIPPET_MAX_CHARS = 300  # a search hit's fragment, however long the words of the note are


def template_questions(texts: Iterable[str]) -> frozenset[str]:
    """Every line of the templates' texts: the questions they ask."""
    return frozenset(line.strip() for text in texts for line in text.splitlines() if line.strip())


def without_unanswered(notes: str, questions: frozenset[str]) -> str:
    """``notes`` without the template questions that got no answer: a question whose next line with text
    is another question, or the end.  Answered questions stay, with their answers."""
    lines = notes.split("\n")
    kept = []
    for at, line in enumerate(lines):
        if line.strip() in questions:
            following = next((later for later in lines[at + 1 :] if later.strip()), None)
            if following is None or following.strip() in questions:
                continue
        kept.append(line)
    if len(kept) == len(lines):
        return notes  # nothing of a template left unanswered: exactly as typed
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return f"{text}\n" if text and notes.endswith("\n") else text


def bounded_snippet(snippet: str, limit: int = SNIPPET_MAX_CHARS) -> str:
    """``snippet`` at most ``limit`` characters (and an ellipsis), around its first hit; a hit cut off
    is closed again, so the markers stay in pairs."""
    if len(snippet) <= limit:
        return snippet
    start = max(0, snippet.find(SNIPPET_START) - limit // 3)
    cut = snippet[start : start + limit]
    if cut.count(SNIPPET_START) > cut.count(SNIPPET_END):
        cut += SNIPPET_END
    return ("…" if start else "") + cut + "…"
