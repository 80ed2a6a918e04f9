"""Working a form dialog as a user does: open it, type over a field, press Save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.ui.widgets.forms import FormDialog
from tests.helpers.modals import StandardButton, answer_box

ERROR_TITLE = "Dat lukte niet"


def open_dialog(qtbot: QtBot, dialog: QDialog) -> None:
    # At teardown, close without the "not saved yet" question that Cancel would ask.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    dialog.show()
    qtbot.waitExposed(dialog)


def retype(qtbot: QtBot, field: QLineEdit | None, text: str) -> None:
    """Select what is in a field and type over it, as a user does (a combo box's line edit too)."""
    assert field is not None
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def press_save_expecting_error(qtbot: QtBot, dialog: FormDialog[Any]) -> str:
    """Press Save; the error box is answered with OK. Returns the message the user saw."""
    answer = answer_box(StandardButton.Ok)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert answer.handled, "no error message was shown"
    assert answer.title == ERROR_TITLE
    assert dialog.isVisible(), "the dialog must stay open"
    assert dialog.result() != QDialog.DialogCode.Accepted
    return answer.text


def press_save(qtbot: QtBot, dialog: QWidget) -> None:
    assert isinstance(dialog, FormDialog)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
