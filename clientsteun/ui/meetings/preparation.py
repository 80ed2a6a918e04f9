"""The guided preparation of a meeting: one question per screen, in plain Dutch, saved as it is typed.

``PreparationPanel`` holds the screens (``pages.py``) in a stack with Vorige and Volgende and says
"Vraag 3 van 12".  It opens at the last screen that has an answer, so a preparation left halfway
goes on where it stopped.  The same panel shows in a dialog beside the dossier and, in large type,
in Samen-modus (``together.py``).  "Bekijk het blad" asks to see the sheet as it will print.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.dates import format_long, format_time
from clientsteun.domain.meetings import Answer, Meeting
from clientsteun.domain.routes import attempts
from clientsteun.services import Services
from clientsteun.ui.meetings.pages import (
    AlternativesPage,
    AnswerPage,
    AttemptsPage,
    BringPage,
    ChecklistPage,
    Context,
    Page,
    QuestionsPage,
)
from clientsteun.ui.widgets.buttons import button
from clientsteun.ui.widgets.fields import note
from clientsteun.ui.widgets.readability_meter import ReadabilityMeter
from clientsteun.ui.widgets.screen import fit_on_screen

QUESTION_SCALE = 1.3  # the question stands out above its answer


class PreparationPanel(QWidget):
    """The screens of the preparation for ``meeting``; the routes it is about are asked about first."""

    show_sheet = Signal()  # "Bekijk het blad": the sheet as it prints

    def __init__(
        self, services: Services, meeting: Meeting, delay_ms: int, today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.index = -1  # the screen shown
        self.client_id = client_id = meeting.data.client_id
        self.meeting = meeting
        prepared = services.meetings.open_preparation(client_id, meeting.id)
        views = services.routes.list_routes(client_id)
        about = [view for view in views if view.route.id in meeting.data.route_ids]
        self.context = Context(services, prepared, views, delay_ms, today)
        self.pages: list[Page] = [AnswerPage(self.context, answer) for answer in Answer if answer is not Answer.BRING]
        if about or views:
            self.pages.append(AlternativesPage(self.context, about or views))
        if attempts(view.route for view in views):
            self.pages.append(AttemptsPage(self.context, views))
        self.questions_page = QuestionsPage(self.context)
        self.pages += [self.questions_page, BringPage(self.context)]
        kind = services.catalog.meetings.kind(meeting.data.kind)
        if kind.checklist:
            self.pages.append(ChecklistPage(kind))

        self.about_label = note(self._about(services))
        self.progress_label = QLabel()
        self.progress_label.setObjectName("preparationProgress")
        self.title_label = note()
        self.title_label.setObjectName("preparationQuestion")
        self._size_question()
        self.hint_label = note()
        self.stack = QStackedWidget()
        for page in self.pages:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.stack.addWidget(scroll)
        self.previous_button = button(self.tr("&Vorige"), lambda: self.go(self.index - 1))
        self.next_button = button(self.tr("V&olgende"), lambda: self.go(self.index + 1))
        self.sheet_button = button(self.tr("Bekijk het &blad…"), self._ask_sheet)
        self.saved_label = note(self.tr("Alles wordt vanzelf bewaard."))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        nav.addWidget(self.saved_label, 1)
        nav.addWidget(self.sheet_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)
        for pushed in self.findChildren(QPushButton):
            pushed.setAutoDefault(False)  # Enter in a field (a new question) never presses a button
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, lambda step=step: self.go(self.index + step))
            shortcut.setContext(context)
        QShortcut(QKeySequence.StandardKey.Save, self, self.flush).setContext(context)
        self.go(self.resume_index())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger in Samen-modus: the question grows with it
            self._size_question()
        elif event.type() == QEvent.Type.EnabledChange and not self.isEnabled():
            self.flush()  # the lock covers the window before it closes the database: keep what was typed

    def _size_question(self) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * QUESTION_SCALE)
        self.title_label.setFont(font)
        for meter in self.findChildren(ReadabilityMeter):  # its coloured line does not take the size by itself
            meter.verdict_label.setFont(self.font())

    def _about(self, services: Services) -> str:
        """What the preparation is for, without any name: "Keukentafelgesprek, 2 december 2026 om 10:00"."""
        data = self.meeting.data
        when = format_long(data.on)
        if data.start_time is not None:
            when = self.tr("{date} om {time}").format(date=when, time=format_time(data.start_time))
        return f"{services.catalog.meetings.name(data.kind)}, {when}"

    def resume_index(self) -> int:
        """The last screen with an answer: where the preparation was left."""
        answered = [number for number, page in enumerate(self.pages) if page.has_content()]
        return answered[-1] if answered else 0

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def go(self, index: int) -> None:
        """Show screen ``index`` (what the screen left held is saved first)."""
        if not 0 <= index < len(self.pages) or index == self.index:
            return
        if self.index >= 0:
            self.page.flush()
        self.index = index
        self.stack.setCurrentIndex(index)
        page = self.page
        self.progress_label.setText(
            self.tr("Vraag {number} van {total}").format(number=index + 1, total=len(self.pages))
        )
        self.title_label.setText(page.title)
        self.hint_label.setText(page.hint)
        self.hint_label.setVisible(bool(page.hint))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self.stack.setAccessibleName(page.title)
        field = page.first_field()
        if field is not None and self.isVisible():
            field.setFocus(Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        field = self.page.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)

    def flush(self) -> None:
        """Write everything still waiting to be saved (Ctrl+S, leaving a screen, closing)."""
        for page in self.pages:
            page.flush()

    def _ask_sheet(self) -> None:
        self.flush()
        self.show_sheet.emit()


class PreparationDialog(QDialog):
    """The preparation beside the dossier.  Closing (Esc too) keeps everything: it was saved as typed."""

    def __init__(self, panel: PreparationPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setWindowTitle(self.tr("Gesprek voorbereiden"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)  # Enter in a field never closes the preparation
        layout = QVBoxLayout(self)
        layout.addWidget(panel, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 860, 680)

    def done(self, result: int) -> None:
        self.panel.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.flush()
        super().closeEvent(event)
