"""Taking names out of free text: whole words, any case or accent, every part of a name."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.anonymise import NameScrubber, name_words

SCRUBBER = NameScrubber.of(["Zoë van der Berg", "Ahmet El-Amrani", "Bos"])
OWN = frozenset(name_words("Zoë van der Berg"))


def test_name_words_leave_out_particles_and_single_letters() -> None:
    assert name_words("Zoë van der Berg") == {"zoe", "berg"}
    assert name_words("J. de Vries") == {"vries"}
    assert name_words("Ahmet El-Amrani") == {"ahmet", "el-amrani", "amrani"}


def test_the_residents_own_name_becomes_the_label_and_others_become_naam() -> None:
    text = "Gesprek met ZOE VAN DER BERG en Ahmet over de bosweg; Bos komt ook."
    assert SCRUBBER.scrub(text, OWN, "inwoner 4") == "Gesprek met inwoner 4 en [naam] over de bosweg; [naam] komt ook."


def test_particles_stay_when_no_name_follows_them() -> None:
    assert SCRUBBER.scrub("Berg van de gemeente", OWN, "inwoner 4") == "inwoner 4 van de gemeente"


def test_punctuation_splits_a_run_of_names() -> None:
    assert SCRUBBER.scrub("Zoë, Ahmet", OWN, "inwoner 4") == "inwoner 4, [naam]"


def test_text_without_names_is_unchanged() -> None:
    text = "Bezwaar maken tegen de weigering van de bosbessenpluk."
    assert SCRUBBER.scrub(text, OWN, "inwoner 4") == text


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzëéï", min_size=3, max_size=10)


@given(first=NAME, last=NAME, filler=st.lists(st.sampled_from(["de", "brief", "van", "en", ",", "."]), max_size=6))
def test_no_name_word_survives_scrubbing(first: str, last: str, filler: list[str]) -> None:
    scrubber = NameScrubber.of([f"{first} {last}"])
    text = " ".join([*filler, first.upper(), "van", last.title(), *filler, last])
    scrubbed = scrubber.scrub(text, frozenset(name_words(first)), "inwoner 1")
    found = {word.casefold() for word in re.findall(r"\w+", scrubbed)}
    assert not (name_words(f"{first} {last}") & {w for w in found if w not in ("inwoner", "1", "naam")})
