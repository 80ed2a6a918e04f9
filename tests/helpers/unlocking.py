"""Answers for the passphrase dialogs, for use with ``when_modal``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox

from clientsteun.ui.safety.unlock import NewPassphraseDialog, UnlockDialog


def choose(passphrase: str, *, recovery: bool = True) -> Callable[[NewPassphraseDialog], None]:
    """Type ``passphrase`` twice, tick or untick the recovery key, and press OK."""

    def act(dialog: NewPassphraseDialog) -> None:
        dialog.first.setText(passphrase)
        dialog.second.setText(passphrase)
        dialog.recovery.setChecked(recovery)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    return act


def unlock_with(passphrase: str) -> Callable[[UnlockDialog], None]:
    """Type ``passphrase`` and press Ontgrendelen."""

    def act(dialog: UnlockDialog) -> None:
        dialog.passphrase.setText(passphrase)
        dialog.unlock_button.click()

    return act
