"""Unanswered template questions are not kept in a note; answered ones are, with their answers."""

from __future__ import annotations

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.notes import template_questions, without_unanswered

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
