"""Choosing a passphrase in the window: an easily guessed one cannot be confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.errors import WrongPassphrase
from clientsteun.services.safety import SafetyService
from clientsteun.store.vault import Vault
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.modals import StandardButton, answer_box, when_modal
from tests.helpers.unlocking import choose


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


def test_the_recovery_key_is_not_dismissed_by_enter_or_esc_before_it_is_confirmed_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP", tmp_path / "c.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.done_button.isEnabled()
    told = answer_box(StandardButton.Ok)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert told.handled and "maar één keer getoond" in told.text
    assert dialog.isVisible()

    dialog.kept_check.setChecked(True)
    assert dialog.done_button.isEnabled()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_a_wrong_passphrase_is_said_whole_not_clipped(qtbot: QtBot, db_path: Path) -> None:
    vault = Vault.at(db_path)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.open(key, create=True).close()
    dialog = UnlockDialog(SafetyService(db_path), "Typ uw wachtwoord.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.passphrase.setText("verkeerd wachtwoord!")
    dialog.unlock_button.click()
    QApplication.processEvents()
    message = dialog.message
    assert "klopt niet" in message.text() and dialog.isVisible()
    assert message.height() >= message.heightForWidth(message.width()), (message.size(), message.text())
    assert dialog.rect().contains(message.geometry())


@pytest.mark.parametrize("chooses", [True, False], ids=["chooses-a-stronger-one", "later"])
def test_a_weak_passphrase_from_before_still_opens_and_a_stronger_one_is_asked(
    qtbot: QtBot, db_path: Path, chooses: bool
) -> None:
    """Safety, round two, item 9: a database made with 'wachtwoord123' opens, then asks for better."""
    vault = Vault.at(db_path)
    key, _ = vault.create_key("wachtwoord123", with_recovery=False, kdf=FAST_KDF)  # as before the rule
    vault.open(key, create=True).close()
    dialog = UnlockDialog(SafetyService(db_path), "Typ uw wachtwoord.")
    qtbot.addWidget(dialog)
    asked = when_modal(NewPassphraseDialog, choose(PASSPHRASE, recovery=False) if chooses else lambda d: d.reject())
    dialog.passphrase.setText("wachtwoord123")
    dialog.unlock_button.click()
    assert asked.handled and asked.widget is not None
    assert any("makkelijk te raden" in label.text() for label in asked.widget.findChildren(QLabel))
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.key == key
    if chooses:
        assert [event.action for event in dialog.happened] == [AuditAction.PASSPHRASE_CHANGED]
        assert vault.unlock(PASSPHRASE) == key
        with pytest.raises(WrongPassphrase):
            vault.unlock("wachtwoord123")
    else:
        assert dialog.happened == []
        assert vault.unlock("wachtwoord123") == key


def test_a_strong_passphrase_is_not_asked_again(qtbot: QtBot, db_path: Path) -> None:
    vault = Vault.at(db_path)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    vault.open(key, create=True).close()
    dialog = UnlockDialog(SafetyService(db_path), "Typ uw wachtwoord.")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.happened == []
