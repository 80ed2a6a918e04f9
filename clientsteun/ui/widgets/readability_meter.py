"""The readability meter: while the supporter types the resident's words, one line says how easy they read.

Attach it to a text field and put it under it::

    meter = ReadabilityMeter(edit, parent)
    layout.addWidget(edit)
    layout.addWidget(meter)

It measures as ``tests/unit/test_plain_language.py`` does (``domain/readability.py``), 300 ms after the
last key press.  The verdict is said in words ("Wat moeilijk: ..."); the colour only repeats it.  It
measures on the UI thread: a few milliseconds for an answer of a few hundred words; the first
measurement loads the Dutch word list (about 0.2 s, once per run).  A very long text is measured on
its first ``MAX_CHARS`` characters.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QWidget

from clientsteun.domain.readability import Score, score

DEBOUNCE_MS = 300
MAX_CHARS = 20_000
MAX_RARE_SHOWN = 5
GOOD_COLOUR = "#1b5e20"  # dark green on white, contrast > 7:1
HARD_COLOUR = "#8a4b00"  # dark amber on white, contrast > 6:1


class ReadabilityMeter(QWidget):
    """One line under a text field: "Goed leesbaar", or what makes the text hard and which words are rare."""

    def __init__(self, edit: QTextEdit | QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._score: Score | None = None
        self.verdict_label = QLabel()
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)  # rare words are the user's own text
        self.verdict_label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict_label)
        self.setAccessibleName(self.tr("Leesbaarheid van de tekst"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        edit.textChanged.connect(self._timer.start)
        self.refresh()

    @property
    def score(self) -> Score | None:
        """The latest measurement; None while the field is empty."""
        return self._score

    def verdict(self) -> str:
        return self.verdict_label.text()

    def refresh(self) -> None:
        """Measure the field's text now (the timer calls this 300 ms after the last change)."""
        self._timer.stop()
        text = self._edit.toPlainText()[:MAX_CHARS]
        self._score = score(text) if text.strip() else None
        verdict = self._verdict(self._score)
        self.verdict_label.setText(verdict)
        hard = self._score is not None and not self._score.passes
        colour = HARD_COLOUR if hard else GOOD_COLOUR
        self.verdict_label.setStyleSheet(f"color: {colour}" if self._score else "")
        self.setAccessibleDescription(verdict)

    def _verdict(self, measured: Score | None) -> str:
        if measured is None:
            return ""
        if measured.passes:
            return self.tr("Goed leesbaar")
        parts = []
        if measured.sentences_too_long:
            parts.append(self.tr("Wat moeilijk: korte zinnen helpen."))
        elif measured.hard_to_read:
            parts.append(self.tr("Wat moeilijk: kortere woorden helpen."))
        if measured.too_many_rare:
            shown = ", ".join(measured.rare_words[:MAX_RARE_SHOWN])
            more = len(measured.rare_words) - MAX_RARE_SHOWN
            words = self.tr("{words} en nog {count}").format(words=shown, count=more) if more > 0 else shown
            parts.append(self.tr("Moeilijke woorden: {words}.").format(words=words))
        return " ".join(parts)
