"""Choosing a passphrase in the window: an easily guessed one cannot be confirmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun.ui.unlock import NewPassphraseDialog
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize(
    ("typed", "allowed", "hint"),
    [
        ("wachtwoord", False, "Te makkelijk te raden"),
        ("1234567890", False, "Te makkelijk te raden"),
        ("aaaaaaaaaa", False, "Te makkelijk te raden"),
        ("paarse olifant", True, "Redelijk"),
        (PASSPHRASE, True, "Sterk"),
    ],
)
def test_ok_is_only_possible_for_a_passphrase_that_is_hard_to_guess(
    qtbot: QtBot, typed: str, allowed: bool, hint: str
) -> None:
    dialog = NewPassphraseDialog("Wachtwoord kiezen", "Kies een wachtwoord.", offer_recovery=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.first, typed)
    qtbot.keyClicks(dialog.second, typed)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() is allowed
    assert dialog.hint.text().startswith(hint)
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.result() == (1 if allowed else 0)


def test_nothing_typed_yet_gives_a_tip_and_no_error(qtbot: QtBot) -> None:
    dialog = NewPassphraseDialog("Wachtwoord kiezen", "Kies een wachtwoord.", offer_recovery=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.hint.text() == "Tip: een zin van een paar woorden is sterk en goed te onthouden."
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClicks(dialog.first, "kort")
    assert dialog.hint.text().startswith("Te kort")
    dialog.first.clear()
    assert dialog.hint.text().startswith("Tip:")
