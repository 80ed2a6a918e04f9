"""Taking names out of free text: for an agenda without names, later for anonymised reports.

A name is matched word by word, without caring about case or accents, and only as a whole word:
"Bos" goes, "Bosweg" and "bosbessen" stay.  Every part of a name counts on its own (a first name
alone, a surname alone), except particles such as "van" and "de" and single letters, which are
ordinary words too; a particle between two name parts is taken out with them.  A run of name words
becomes one label: the resident's own name becomes "inwoner 12", anyone else's "[naam]".

Over-removal is the safe side: a surname that is also a word ("Bakker", "Visser") is taken out
wherever it stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from clientsteun.domain.text import fold

OTHER_NAME = "[naam]"
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "t", "ten", "ter", "te", "op", "in", "la", "le", "du", "da", "di", "el", "al",
     "von", "zu", "bin", "ben", "ibn", "abu", "dos", "das", "del", "y"}
)  # fmt: skip
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def name_words(name: str) -> set[str]:
    """The folded words of a name that identify someone (particles and single letters left out)."""
    words = {fold(word) for part in _WORD.findall(name) for word in re.split(r"['’-]", part)}
    words |= {fold(part) for part in _WORD.findall(name)}  # "El-Amrani" as a whole too
    return {word for word in words if len(word) > 1 and word not in PARTICLES}


@dataclass(frozen=True)
class NameScrubber:
    """Takes the names of a set of people out of text; ``own`` are the words of the resident's names."""

    others: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> NameScrubber:
        words: set[str] = set()
        for name in names:
            words |= name_words(name)
        return cls(frozenset(words))

    def scrub(self, text: str, own: frozenset[str] = frozenset(), label: str = OTHER_NAME) -> str:
        """``text`` with every run of name words replaced: ``label`` when it holds one of ``own``'s
        words (the resident's own name), "[naam]" otherwise."""
        if not text:
            return text
        pieces: list[str] = []
        last = 0  # the end of what has been copied or replaced
        run: list[int] | None = None  # [start, end of the last name word, end of trailing particles, own]

        def close() -> None:
            nonlocal last, run
            assert run is not None
            pieces.append(text[last : run[0]])
            pieces.append(label if run[3] else OTHER_NAME)
            last = run[1]
            run = None

        for match in _WORD.finditer(text):
            word = fold(match.group())
            is_own = word in own
            if is_own or word in self.others:
                if run is not None and not _only_space(text[run[2] : match.start()]):
                    close()
                if run is None:
                    run = [match.start(), match.end(), match.end(), int(is_own)]
                else:
                    run[1] = run[2] = match.end()
                    run[3] |= is_own
            elif run is not None and word in PARTICLES and _only_space(text[run[2] : match.start()]):
                run[2] = match.end()  # "van" in "Sanne van Dijk": part of the run when a name follows
            elif run is not None:
                close()
        if run is not None:
            close()
        pieces.append(text[last:])
        return "".join(pieces)


def _only_space(between: str) -> bool:
    return between.strip() == ""
