"""The readability meter under a text field: it says, in words, how easy the typed text reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.ui.widgets.readability_meter import DEBOUNCE_MS, HARD_COLOUR, ReadabilityMeter

pytestmark = pytest.mark.gui

PLAIN = "Ik wil weer zelf boodschappen doen. Mijn rug doet veel pijn. Lopen gaat slecht."
LONG = (
    "Omdat mijn rug sinds de operatie van vorig jaar steeds meer pijn doet kan ik de boodschappen niet meer "
    "zelf doen en moet mijn dochter dat elke week voor mij regelen terwijl zij zelf ook werkt."
)
RARE = "Mijn moeder is zorgbehoevend. De brief noemt een voorliggende voorziening."


def _form(qtbot: QtBot, edit: QTextEdit | QPlainTextEdit) -> tuple[QWidget, ReadabilityMeter]:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    meter = ReadabilityMeter(edit, form)
    layout.addWidget(edit)
    layout.addWidget(meter)
    form.show()
    qtbot.waitExposed(form)
    return form, meter


def _type(qtbot: QtBot, edit: QPlainTextEdit | QTextEdit, text: str) -> None:
    edit.clear()
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def test_it_waits_until_typing_stops_then_says_good(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    _, meter = _form(qtbot, edit)
    assert meter.verdict() == "" and meter.score is None
    _type(qtbot, edit, PLAIN)
    assert meter.score is None  # not yet: the meter waits for a pause in the typing
    qtbot.waitUntil(lambda: meter.verdict() == "Goed leesbaar", timeout=DEBOUNCE_MS * 10)
    assert meter.score is not None and meter.score.passes
    assert meter.verdict_label.isVisible()


def test_long_sentences_are_said_in_words_not_only_in_colour(qtbot: QtBot) -> None:
    edit = QTextEdit()
    _, meter = _form(qtbot, edit)
    _type(qtbot, edit, LONG)
    qtbot.waitUntil(lambda: meter.verdict() != "", timeout=DEBOUNCE_MS * 10)
    assert "moeilijk" in meter.verdict().lower()
    assert "korte zinnen helpen" in meter.verdict()
    assert HARD_COLOUR in meter.verdict_label.styleSheet()
    description = QAccessible.queryAccessibleInterface(meter)
    assert description is not None
    assert description.text(QAccessible.Text.Name) == "Leesbaarheid van de tekst"
    assert description.text(QAccessible.Text.Description) == meter.verdict()


def test_rare_words_are_named(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    _, meter = _form(qtbot, edit)
    edit.setPlainText(RARE)
    meter.refresh()
    assert "Moeilijke woorden: zorgbehoevend, voorliggende." in meter.verdict()
    assert "moeilijk" in meter.verdict().lower()
    assert "voorziening" not in meter.verdict()  # a word the resident must learn anyway


def test_typed_markup_is_shown_as_typed(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    _, meter = _form(qtbot, edit)
    edit.setPlainText("<b>Xyzzyplof</b> gaat niet goed.")
    meter.refresh()
    assert meter.verdict_label.textFormat() == Qt.TextFormat.PlainText
    assert "xyzzyplof" in meter.verdict()


def test_emptying_the_field_clears_the_verdict(qtbot: QtBot) -> None:
    edit = QPlainTextEdit(PLAIN)
    _, meter = _form(qtbot, edit)
    assert meter.verdict() == "Goed leesbaar"  # a field that already has text is measured at once
    edit.clear()
    qtbot.waitUntil(lambda: meter.verdict() == "", timeout=DEBOUNCE_MS * 10)
    assert meter.score is None and meter.verdict_label.styleSheet() == ""


def test_long_words_and_many_rare_words(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    _, meter = _form(qtbot, edit)
    edit.setPlainText("Gemeentelijke ondersteuningsmogelijkheden verduidelijken.")
    meter.refresh()
    assert meter.verdict().startswith("Wat moeilijk: kortere woorden helpen.")
    edit.setPlainText(
        "Zorgbehoevend, indicatiestelling, mantelzorgwaardering, xyzzy, plofwoord, brabbelzin, kwakkelvraag."
    )
    meter.refresh()
    assert meter.score is not None and len(meter.score.rare_words) == 7
    assert meter.verdict().endswith("xyzzy, plofwoord en nog 2.")
