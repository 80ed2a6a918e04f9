"""Samen-modus: the preparation on the whole screen, in large type, to fill in beside the resident.

Nothing of any other resident is visible: the window is a top-level window of its own, shown full
screen, and the controller hides every other window of the app while it is open (the residents
list, the agenda, the week's overview, the search).  Its title names no one.  The resident cannot
leave it with a key: Esc does nothing, and closing it (Alt+F4, the window's cross) asks for the
passphrase, as does "Samen-modus verlaten".  The app's auto-lock still applies: locking covers this
window like any other and unlocking comes back to it, with the main window still hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from clientsteun.ui.meetings.preparation import PreparationPanel
from clientsteun.ui.widgets.buttons import button
from clientsteun.ui.widgets.fields import note

LARGE_TYPE = 1.6  # the type size in Samen-modus, against the app's own
TICK_SIZE = 1.5  # a tick box against the height of the large type


class TogetherWindow(QWidget):
    """``confirm_leave(parent)`` asks the passphrase and says whether it was right."""

    left = Signal()  # the passphrase was right: the mode is over

    def __init__(self, panel: PreparationPanel, confirm_leave: Callable[[QWidget], bool]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("togetherWindow")
        self.setWindowTitle(self.tr("Samen voorbereiden"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * LARGE_TYPE)
        self.setFont(font)
        tick = round(QFontMetrics(font).height() * TICK_SIZE)  # the boxes "Op het blad" grow with the type
        self.setStyleSheet(
            f"QCheckBox::indicator, QAbstractItemView::indicator {{ width: {tick}px; height: {tick}px; }}"
            f"QAbstractItemView::item {{ padding: {tick // 6}px 0px; }}"
        )
        self.panel = panel
        self.confirm_leave = confirm_leave
        self._may_close = False
        self._asking = False
        heading = note(self.tr("Samen voorbereiden"))
        bold = QFont(font)
        bold.setBold(True)
        heading.setFont(bold)
        self.leave_button = button(self.tr("Samen-modus &verlaten…"), self.ask_to_leave)
        self.leave_button.setToolTip(self.tr("Vraagt het wachtwoord van de ondersteuner."))
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addLayout(top)
        layout.addWidget(panel, 1)

    def ask_to_leave(self) -> None:
        """The passphrase, then out of the mode; a wrong one or Annuleren stays."""
        if self._asking:
            return
        self._asking = True
        try:
            if self.confirm_leave(self):
                self.leave()
        finally:
            self._asking = False

    def leave(self) -> None:
        self.panel.flush()
        self._may_close = True
        self.left.emit()  # the other windows show again first: the app never has none open, so never quits
        self.close()

    def force_close(self) -> None:
        """The app quits (from the lock's question): close without asking."""
        self.panel.flush()
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
            return
        event.ignore()  # Alt+F4 or the window's cross: only the passphrase lets the supporter out
        QTimer.singleShot(0, self.ask_to_leave)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Esc does not leave Samen-modus
            return
        super().keyPressEvent(event)
