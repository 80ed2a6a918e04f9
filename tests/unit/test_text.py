"""Folding and word-prefix matching: the rules the list filter and the hit highlighting share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.text import fold, word_prefix_spans


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Zoë", "zoe"), ("Één", "een"), ("CAFÉ", "cafe"), ("ﬁets", "fiets"), ("El Amrani", "el amrani"), ("😀", "😀")],
)
def test_fold_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def _words(text: str, *terms: str) -> list[str]:
    return [text[start:end] for start, end in word_prefix_spans(text, terms)]


def test_whole_words_that_start_with_a_term_are_found() -> None:
    text = "Huurachterstand bij de gemeente; de huur is hoog."
    assert _words(text, "huur") == ["Huurachterstand", "huur"]


def test_accents_and_case_do_not_matter_and_positions_stay_in_the_original() -> None:
    text = "Het ging één keer mis bij de gemeente, en ÉÉN keer goed."
    assert _words(text, "een") == ["één", "ÉÉN"]  # not the 'een' inside 'gemeente'


def test_positions_survive_characters_that_fold_to_two() -> None:
    text = "ﬁets café Ĳssel"
    assert _words(text, "fiets", "cafe", "ijssel") == ["ﬁets", "café", "Ĳssel"]


def test_no_terms_or_no_match_gives_nothing() -> None:
    assert word_prefix_spans("tekst", ()) == []
    assert word_prefix_spans("tekst", ("   ",)) == []
    assert word_prefix_spans("tekst", ("zwembad",)) == []


@given(st.text(), st.lists(st.text(min_size=1, max_size=5), max_size=3))
def test_spans_are_inside_the_text_and_start_a_matching_word(text: str, terms: list[str]) -> None:
    for start, end in word_prefix_spans(text, tuple(terms)):
        assert 0 <= start < end <= len(text)
        assert any(fold(text[start:end]).startswith(fold(term)) for term in terms if term.strip())
