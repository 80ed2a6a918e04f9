"""Forms and the questions they ask: save or keep typing, are you sure.

Each form gets a ``save`` callable.  When saving fails (an empty name, a wrong date, a full disk)
the form shows a plain Dutch message and stays open, so nothing typed is lost.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.errors import ClientsteunError
from clientsteun.ui.errors import show_error
from clientsteun.ui.widgets.screen import fit_on_screen

T = TypeVar("T")


class Unsaved(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep_editing"


def ask_about_unsaved(parent: QWidget, title: str, text: str) -> Unsaved:
    """Closing with changes: save, throw them away, or go back.  Saving is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        parent,
    )
    discard = box.addButton(
        QCoreApplication.translate("Unsaved", "Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    if box.exec() == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    return Unsaved.DISCARD if box.clickedButton() is discard else Unsaved.KEEP_EDITING


def confirm(parent: QWidget, question: str) -> bool:
    """Yes or no, with No as the default."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Confirm", "Weet u het zeker?"), question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


def first_field(window: QWidget) -> QWidget | None:
    """The first field Tab reaches in ``window``: not a tab or a button."""
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if (
            widget.isVisibleTo(window) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, (QTabBar, QTabWidget, QAbstractButton))
        ):  # fmt: skip
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first_field(window: QWidget) -> None:
    field = first_field(window)
    if field is not None:
        field.setFocus(Qt.FocusReason.TabFocusReason)


class FormDialog(QDialog, Generic[T]):
    """Save (or Ctrl+S) builds the input and saves it; an error keeps the dialog open with everything
    typed.  Cancel (or Esc) with changes asks first.  The form opens with its first field focused."""

    def __init__(self, title: str, save: Callable[[T], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self._initial: object = None
        self.result_value: Any = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._try_save)

    def build(self) -> T:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        if self._initial is None:
            self._initial = self._snapshot()  # what was there before the user typed
            focus_first_field(self)
        super().showEvent(event)

    def _snapshot(self) -> object:
        try:
            return self.build()
        except ClientsteunError:
            return ClientsteunError  # a half-typed date: certainly a change

    def _try_save(self) -> None:
        try:
            self.result_value = self._save(self.build())
        except ClientsteunError as error:
            show_error(self, error)
            return
        self.accept()

    def reject(self) -> None:
        if self._initial is not None and self._snapshot() != self._initial:
            answer = ask_about_unsaved(
                self, self.windowTitle(), self.tr("U heeft iets ingevuld dat nog niet is opgeslagen. Wat wilt u doen?")
            )
            if answer is Unsaved.SAVE:
                self._try_save()
                return
            if answer is Unsaved.KEEP_EDITING:
                return
        super().reject()


def dialog_layout(dialog: FormDialog[Any], form: QFormLayout, width: int, height: int) -> None:
    """The form above the dialog's Save and Cancel."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(dialog.buttons)
    fit_on_screen(dialog, width, height)
