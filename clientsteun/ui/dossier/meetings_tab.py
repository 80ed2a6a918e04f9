"""Meetings with an organisation: planned ones and held ones, with whom and whether the written
report came; the resident's preparation for a meeting starts here."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.meetings import Meeting
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.widgets.buttons import button
from clientsteun.ui.widgets.flow_layout import FlowLayout
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row


def when_text(meeting: Meeting) -> str:
    """ "24-11-2026 14:30", or the date alone."""
    at = format_time(meeting.data.start_time)
    return f"{format_date(meeting.data.on)} {at}".strip()


def with_whom(meeting: Meeting) -> str:
    return " · ".join(part for part in (meeting.data.organisation, meeting.data.consulent) if part)


def state_text(meeting: Meeting) -> str:
    if not meeting.held:
        return tr("Gepland")
    if meeting.report_received_on is None:
        return tr("Gehouden · verslag nog niet ontvangen")
    if not meeting.report_checked:
        return tr("Gehouden · verslag ontvangen op {date}").format(date=format_date(meeting.report_received_on))
    return tr("Gehouden · verslag gecontroleerd")


class MeetingsTab(QWidget):
    new_meeting = Signal(int)  # client id
    edit_meeting = Signal(int)  # meeting id
    prepare = Signal(int)  # meeting id: the guided preparation
    prepare_together = Signal(int)  # meeting id: the preparation in Samen-modus
    hold_meeting = Signal(int)  # meeting id: "the meeting took place"
    record_report = Signal(int)  # meeting id: the organisation's written report
    delete_meeting = Signal(int)  # meeting id

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.closed = False
        kinds = catalog.meetings
        self.model: RowTableModel[Meeting] = RowTableModel(
            [
                Column(tr("Wanneer"), when_text),
                Column(tr("Soort gesprek"), lambda m: kinds.name(m.data.kind)),
                Column(tr("Met wie"), with_whom),
                Column(tr("Stand"), state_text),
            ],
            muted=lambda m: m.held,
            key=lambda m: m.id,
            parent=self,
        )
        self.view = make_table(self.model, stretch=2, accessible_name=self.tr("Gesprekken met instanties"))
        self.view.open_row.connect(self._edit_at)
        self.new_button = button(self.tr("Gesprek plannen…"), lambda: self._emit_client(self.new_meeting))
        self.together_button = button(
            self.tr("Samen voorbereiden…"), lambda: self._emit_selected(self.prepare_together)
        )
        self.together_button.setToolTip(
            self.tr("Groot op het hele scherm, om naast de inwoner te werken. Andere inwoners zijn niet te zien.")
        )
        buttons: list[QPushButton] = [
            self.new_button,
            button(self.tr("Wijzigen…"), lambda: self._emit_selected(self.edit_meeting)),
            button(self.tr("Voorbereiden…"), lambda: self._emit_selected(self.prepare)),
            self.together_button,
            button(self.tr("Gesprek gehouden…"), lambda: self._emit_selected(self.hold_meeting)),
            button(self.tr("Verslag…"), lambda: self._emit_selected(self.record_report)),
            button(self.tr("Verwijderen…"), lambda: self._emit_selected(self.delete_meeting)),
        ]
        row = FlowLayout()
        for pushed in buttons:
            row.addWidget(pushed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def show_meetings(self, client_id: int, meetings: Sequence[Meeting], *, closed: bool = False) -> None:
        """A closed dossier plans nothing new."""
        self.client_id = client_id
        self.closed = closed
        self.new_button.setEnabled(not closed)
        self.model.set_rows(meetings)

    def title(self) -> str:
        planned = sum(1 for meeting in self.model.rows() if not meeting.held)
        title = self.tr("Gesprekken met instanties")
        return f"{title} ({planned})" if planned and not self.closed else title

    def select(self, meeting_id: int) -> None:
        row = self.model.find(lambda meeting: meeting.id == meeting_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _emit_client(self, signal: SignalInstance) -> None:
        if self.client_id is not None:
            signal.emit(self.client_id)

    def _emit_selected(self, signal: SignalInstance) -> None:
        meeting: Meeting | None = selected_row(self.view)
        if meeting is not None:
            signal.emit(meeting.id)

    def _edit_at(self, index: QModelIndex) -> None:
        self.edit_meeting.emit(index.data(ROW_ROLE).id)
