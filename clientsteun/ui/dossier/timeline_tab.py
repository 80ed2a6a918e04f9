"""The dossier's timeline: everything that happened, newest first; a double-click opens it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.model import ConversationLine, TimelineEntry, TimelineKind
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table


class TimelineTab(QWidget):
    open_conversation = Signal(int)  # conversation id
    edit_agreement = Signal(int)  # agreement id

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._conversation_kinds: dict[int, str] = {}
        self.model: RowTableModel[TimelineEntry] = RowTableModel(
            [
                Column(tr("Datum"), lambda e: format_date(e.on)),
                Column(tr("Wat"), self._kind_name),
                Column(tr("Omschrijving"), lambda e: e.text),
            ],
            key=lambda e: (e.kind, e.ref_id),
            parent=self,
        )
        self.view = make_table(self.model, stretch=2, accessible_name=self.tr("Tijdlijn"))
        self.view.open_row.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_timeline(self, timeline: Sequence[TimelineEntry], conversations: Sequence[ConversationLine]) -> None:
        self._conversation_kinds = {c.id: c.kind for c in conversations}
        self.model.set_rows(timeline)

    def _kind_name(self, entry: TimelineEntry) -> str:
        names = {
            TimelineKind.CONVERSATION: tr("Gesprek"),
            TimelineKind.HELP_QUESTION: tr("Hulpvraag vastgelegd"),
            TimelineKind.AGREEMENT: tr("Afspraak gemaakt"),
            TimelineKind.AGREEMENT_DONE: tr("Afspraak klaar"),
            TimelineKind.FIRST_CONTACT: tr("Eerste contact"),
            TimelineKind.CLOSED: tr("Dossier gesloten"),
        }
        name = names[entry.kind]
        kind = self._conversation_kinds.get(entry.ref_id, "") if entry.kind is TimelineKind.CONVERSATION else ""
        return f"{name}: {self.catalog.kind_name(kind)}" if kind else name

    def _open(self, index: QModelIndex) -> None:
        entry: TimelineEntry = index.data(ROW_ROLE)
        if entry.kind is TimelineKind.CONVERSATION:
            self.open_conversation.emit(entry.ref_id)
        elif entry.kind in (TimelineKind.AGREEMENT, TimelineKind.AGREEMENT_DONE):
            self.edit_agreement.emit(entry.ref_id)
