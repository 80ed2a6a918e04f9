"""The help question: what is asked and what the resident really wants, with its earlier versions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clientsteun.domain.dates import format_date
from clientsteun.domain.model import HelpQuestion
from clientsteun.domain.timeline import first_line
from clientsteun.ui.dossier.rich_text import heading, tr
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.table_model import Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row


class HelpQuestionTab(QWidget):
    new_version = Signal(int)  # client id
    delete_version = Signal(int)  # help question id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.asked = QLabel()
        self.wants = QLabel()
        for label in (self.asked, self.wants):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model: RowTableModel[HelpQuestion] = RowTableModel(
            [
                Column(tr("Datum"), lambda q: format_date(q.recorded_on)),
                Column(tr("Wat er wordt gevraagd"), lambda q: first_line(q.asked)),
                Column(tr("Wat de inwoner echt wil"), lambda q: first_line(q.really_wants)),
            ],
            key=lambda q: q.id,
            parent=self,
        )
        self.view = make_table(self.model, stretch=2, accessible_name=self.tr("Versies van de hulpvraag"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.asked)
        layout.addWidget(self.wants)
        layout.addWidget(QLabel(self.tr("Eerdere versies:")))
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(
            button(self.tr("Nieuwe versie vastleggen"), self._new), button(self.tr("Versie verwijderen…"), self._delete)
        ))  # fmt: skip

    def show_questions(self, client_id: int, questions: Sequence[HelpQuestion]) -> None:
        """``questions`` newest first: the first is the help question now."""
        self.client_id = client_id
        self.model.set_rows(questions)
        current = questions[0] if questions else None
        self.asked.setText(heading(self.tr("Wat wordt er gevraagd?"), current.asked if current else ""))
        self.wants.setText(
            heading(self.tr("Wat wil de inwoner echt? Wat is belangrijk?"), current.really_wants if current else "")
        )

    def _new(self) -> None:
        if self.client_id is not None:
            self.new_version.emit(self.client_id)

    def _delete(self) -> None:
        question: HelpQuestion | None = selected_row(self.view)
        if question is not None:
            self.delete_version.emit(question.id)
