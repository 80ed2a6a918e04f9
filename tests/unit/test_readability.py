"""domain/readability.py: the Dutch Flesch formula as textstat has it, with textstat's caveats avoided."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textstat.textstat import textstatistics

from clientsteun.domain.readability import MUST_LEARN, score, syllables

PLAIN = "Je hebt recht op hulp van de gemeente. De gemeente praat met je en kijkt wat je nodig hebt."

# Run in a fresh interpreter with no network and an empty nltk data folder: scoring must still work.
OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("no network in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from clientsteun.domain.readability import score
print(round(score(sys.argv[1]).flesch_douma, 1))
"""


def test_the_formula_is_textstats_flesch_douma() -> None:
    dutch = textstatistics()
    dutch.set_lang("nl")
    assert score(PLAIN).flesch_douma == pytest.approx(dutch.flesch_reading_ease(PLAIN))
    measured = score(PLAIN)
    assert measured.sentences == 2 and measured.words == 19
    expected = 206.835 - 0.93 * measured.words_per_sentence - 77 * measured.syllables_per_word
    assert measured.flesch_douma == pytest.approx(expected)


def test_short_sentences_count() -> None:
    """textstat drops sentences of two words or fewer; they are the easy ones, so they count here."""
    measured = score("Dat mag. Je hebt recht op hulp van de gemeente.")
    assert measured.sentences == 2
    assert measured.words_per_sentence == pytest.approx(5.0)


def test_an_abbreviation_or_a_numbered_article_ends_no_sentence() -> None:
    measured = score("Dit staat in art. 2.3.5 van de wet.")
    assert measured.sentences == 1
    assert score("Neem bijv. je paspoort mee. Of je ID-kaart.").sentences == 2


def test_each_line_is_a_sentence() -> None:
    """A heading or a list line has no full stop, but is read on its own."""
    assert score("Mijn vragen\nWat ik wil bereiken").sentences == 2


def test_syllables_are_never_fewer_than_the_vowel_groups() -> None:
    """pyphen leaves out splits at a word's edge; a-gen-da has three syllables, i-dee-en and o-ke too."""
    assert syllables("agenda") == 3
    assert syllables("ideeën") == 3
    assert syllables("oké") == 2
    assert syllables("keukentafelgesprek") == 6
    assert syllables("huis") == 1
    assert syllables("blijven") == 2  # ij is one vowel
    assert syllables("Wmo-ondersteuning") >= 5


def test_rare_words_are_counted_among_the_content_words() -> None:
    measured = score("Je krijgt een ingebrekestelling en een beschikking over de voorliggende voorziening.")
    assert "voorliggende" in measured.rare_words
    assert "ingebrekestelling" not in measured.rare_words  # a word the resident must learn anyway
    assert "een" not in measured.rare_words and "je" not in measured.rare_words  # function words
    assert measured.content_words == 5
    assert measured.too_many_rare and not measured.passes


def test_allowed_words_are_never_rare() -> None:
    assert {"wmo", "bezwaar", "gemeente", "consulent", "urgentie"} <= MUST_LEARN
    assert score("Bij de Wmo mag je bezwaar maken bij de gemeente.").rare_count == 0


def test_long_sentences_fail() -> None:
    long = (
        "Als je het niet eens bent met wat de gemeente heeft besloten over je aanvraag dan kun je dat "
        "schrijven in een brief die je naar de gemeente stuurt."
    )
    measured = score(long)
    assert measured.words_per_sentence > 15
    assert measured.sentences_too_long and not measured.passes
    assert "woorden per zin" in measured.summary()


def test_an_empty_text_has_no_score() -> None:
    measured = score("  \n ")
    assert measured.words == 0 and measured.flesch_douma == 0.0 and not measured.passes


def test_no_data_is_fetched_for_dutch(tmp_path: Path) -> None:
    """textstat fetches nltk's cmudict for English only: Dutch scoring works offline with no nltk data."""
    environment = os.environ | {"NLTK_DATA": str(tmp_path / "nltk"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE, PLAIN],
        capture_output=True, text=True, timeout=60, env=environment, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) == pytest.approx(score(PLAIN).flesch_douma, abs=0.1)
    assert not any(tmp_path.iterdir())  # no nltk_data folder made


def test_a_word_pyphen_leaves_unsplit_counts_its_syllables() -> None:
    """The one place the score differs from textstat's: "over" has two syllables, pyphen says one."""
    dutch = textstatistics()
    dutch.set_lang("nl")
    text = "Ik praat met je over hulp van de gemeente."
    assert dutch.syllable_count("over") == 1 and syllables("over") == 2
    assert score(text).flesch_douma < dutch.flesch_reading_ease(text)
