"""Unanswered template questions are not kept in a note; answered ones are, with their answers."""

from __future__ import annotations

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START
from clientsteun.domain.notes import SNIPPET_MAX_CHARS, bounded_snippet, template_questions, without_unanswered

QUESTIONS = template_questions(["Hoe gaat het nu met u?\n\nWat is er aan de hand?\n\nWat wilt u bereiken?\n"])


def test_an_untouched_template_leaves_an_empty_note() -> None:
    untouched = "Hoe gaat het nu met u?\n\nWat is er aan de hand?\n\nWat wilt u bereiken?\n"
    assert without_unanswered(untouched, QUESTIONS) == ""


def test_answered_questions_stay_with_their_answers_and_the_rest_goes() -> None:
    typed = (
        "Hoe gaat het nu met u?\nMoe, de huur is te hoog.\n\nWat is er aan de hand?\n\nWat wilt u bereiken?\nRust.\n"
    )
    assert without_unanswered(typed, QUESTIONS) == (
        "Hoe gaat het nu met u?\nMoe, de huur is te hoog.\n\nWat wilt u bereiken?\nRust.\n"
    )


def test_a_note_without_template_text_is_left_exactly_as_typed() -> None:
    typed = "Brief gelezen.\n\n\n\nBelafspraak gemaakt.  "
    assert without_unanswered(typed, QUESTIONS) == typed


def test_the_catalogs_templates_give_their_questions(catalog: Catalog) -> None:
    first = catalog.template("first_meeting")
    assert first is not None
    questions = template_questions(t.text for t in catalog.note_templates)
    assert "Hoe gaat het nu met u?" in questions
    assert without_unanswered(first.text, questions) == ""


def test_a_long_snippet_is_cut_around_its_first_hit_with_its_markers_in_pairs() -> None:
    short = f"de {SNIPPET_START}huur{SNIPPET_END} is hoog"
    assert bounded_snippet(short) == short
    long = "a" * 5_000 + f"{SNIPPET_START}huur" + "b" * 5_000 + SNIPPET_END
    cut = bounded_snippet(long)
    assert len(cut) <= SNIPPET_MAX_CHARS + 3
    assert cut.startswith("…") and cut.endswith(f"{SNIPPET_END}…")
    assert cut.count(SNIPPET_START) == cut.count(SNIPPET_END) == 1
