"""Answering modal dialogs from a test, and a watchdog so a forgotten one never hangs the suite.

A modal dialog (``exec()``, ``QMessageBox.warning``) runs its own event loop, so the test cannot
click it from the next line.  ``when_modal`` arms a polling timer *before* the action that opens the
dialog; the timer finds the dialog inside that loop and acts on it (click a button, type, ...).

``ModalWatchdog`` runs during every GUI and e2e test: a modal dialog that stays open longer than a
few seconds is closed and the test fails with the dialog's title and text, instead of hanging.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)
StandardButton = QMessageBox.StandardButton
WATCHDOG_LIMIT_S = 6.0


def find_modal(kind: type[W]) -> W | None:
    """The visible modal widget of this type, if one is open now."""
    active = QApplication.activeModalWidget()
    if isinstance(active, kind) and active.isVisible():
        return active
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible() and widget.isModal():
            return widget
    return None


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"{type(widget).__name__} {widget.windowTitle()!r} {text!r}"


class ModalAnswer(Generic[W]):
    """Waits (polling) for a modal of ``kind`` and runs ``act`` on it once."""

    def __init__(self, kind: type[W], act: Callable[[W], object], timeout_ms: int) -> None:
        self.kind = kind
        self.act = act
        self.widget: W | None = None
        self.title = ""
        self.text = ""
        self._deadline = time.monotonic() + timeout_ms / 1000
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    @property
    def handled(self) -> bool:
        return self.widget is not None

    def _poll(self) -> None:
        widget = find_modal(self.kind)
        if widget is None:
            if time.monotonic() > self._deadline:
                self._timer.stop()
            return
        self._timer.stop()
        self.widget = widget
        self.title = widget.windowTitle()
        self.text = widget.text() if isinstance(widget, QMessageBox) else ""
        self.act(widget)  # may open a nested modal; another ModalAnswer answers that one

    def cancel(self) -> None:
        self._timer.stop()


def when_modal(kind: type[W], act: Callable[[W], object], timeout_ms: int = 5000) -> ModalAnswer[W]:
    """Arm an answer for the next modal of ``kind``; keep the returned object until it has run."""
    return ModalAnswer(kind, act, timeout_ms)


def button_in(box: QMessageBox, which: StandardButton | str) -> QAbstractButton:
    """A standard button, or a custom button by its text (any & shortcut marker ignored)."""
    if isinstance(which, str):
        found = [b for b in box.buttons() if b.text().replace("&", "") == which]
        assert found, f"no button {which!r} in {describe(box)}: {[b.text() for b in box.buttons()]}"
        return found[0]
    button = box.button(which)
    assert button is not None, f"no button {which!r} in {describe(box)}"
    return button


def click(which: StandardButton | str) -> Callable[[QMessageBox], None]:
    def act(box: QMessageBox) -> None:
        button_in(box, which).click()

    return act


def answer_box(which: StandardButton | str, timeout_ms: int = 5000) -> ModalAnswer[QMessageBox]:
    """The next message box gets ``which`` clicked; its text is kept for assertions."""
    return when_modal(QMessageBox, click(which), timeout_ms)


def answer_boxes(*whiches: StandardButton | str) -> list[ModalAnswer[QMessageBox]]:
    """Answer message boxes that follow one another (a question, then 'are you sure?').

    Each answer arms the next one just before it clicks, so no two answers race for one box.
    The returned list grows as the boxes are answered.
    """
    answers: list[ModalAnswer[QMessageBox]] = []

    def arm(position: int) -> ModalAnswer[QMessageBox]:
        def act(box: QMessageBox) -> None:
            button = button_in(box, whiches[position])
            if position + 1 < len(whiches):
                answers.append(arm(position + 1))
            button.click()

        return when_modal(QMessageBox, act)

    answers.append(arm(0))
    return answers


class ModalWatchdog:
    """Closes any modal that stays open too long, remembering it so the test fails."""

    def __init__(self, limit_s: float = WATCHDOG_LIMIT_S) -> None:
        self.limit_s = limit_s
        self.closed: list[str] = []
        self._since: dict[int, float] = {}
        self._timer = QTimer()
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            self._since.clear()
            return
        first = self._since.setdefault(id(widget), time.monotonic())
        if time.monotonic() - first < self.limit_s:
            return
        self.closed.append(describe(widget))
        self._since.pop(id(widget), None)
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        else:
            widget.close()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture(autouse=True)
def modal_watchdog(qapp: QApplication) -> Iterator[ModalWatchdog]:
    watchdog = ModalWatchdog()
    yield watchdog
    watchdog.stop()
    if watchdog.closed:
        pytest.fail("a modal dialog was left open and closed by the watchdog: " + "; ".join(watchdog.closed))
