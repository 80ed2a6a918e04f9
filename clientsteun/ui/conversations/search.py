"""Searching all notes at once; a hit opens the conversation with the words highlighted."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from html import escape

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START, SearchHit
from clientsteun.services import Services
from clientsteun.ui.errors import show_error
from clientsteun.ui.tasks import InlineExecutor, Tasks
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table


def _tr(text: str) -> str:
    return QCoreApplication.translate("Search", text)


def snippet_plain(snippet: str) -> str:
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")


def snippet_html(snippet: str) -> str:
    """Escape the note text first, then turn the hit markers into bold on a yellow ground."""
    text = escape(snippet)
    return text.replace(SNIPPET_START, "<b style='background:#ffe082'>").replace(SNIPPET_END, "</b>")


def search_apart(connect: Callable[[], AbstractContextManager[Services]], query: str) -> list[SearchHit]:
    """The job: search over a connection of its own (``Services.on_own_connection``)."""
    with connect() as services:
        return services.conversations.search(query)


class SearchDialog(QDialog):
    open_hit = Signal(object)  # SearchHit

    def __init__(
        self, catalog: Catalog, search: Callable[[str], list[SearchHit]], parent: QWidget | None = None,
        tasks: Tasks | None = None,
    ) -> None:  # fmt: skip
        """``search`` runs on ``tasks`` (by default at once, on this thread)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Zoeken in notities"))
        self._search = search
        self._reading = 0  # the latest search asked for
        self.tasks = tasks if tasks is not None else Tasks(InlineExecutor(), self)
        self.query_edit = QLineEdit()
        self.query_edit.setAccessibleName(self.tr("Zoekwoorden"))
        self.query_edit.setPlaceholderText(self.tr("Woorden uit de notities, bijvoorbeeld: huurachterstand"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.returnPressed.connect(self.run)
        go = QPushButton(self.tr("Zoeken"))
        go.clicked.connect(self.run)
        self.model: RowTableModel[SearchHit] = RowTableModel(
            [
                Column(_tr("Datum"), lambda h: format_date(h.held_on)),
                Column(_tr("Inwoner"), lambda h: h.client_name),
                Column(_tr("Soort"), lambda h: catalog.kind_name(h.kind)),
                Column(_tr("Fragment"), lambda h: snippet_plain(h.snippet)),
            ],
            parent=self,
        )
        self.table = make_table(self.model, stretch=3, accessible_name=self.tr("Gevonden gesprekken"))
        self.table.open_row.connect(self._open)  # double-click and Enter
        self.table.selectionModel().currentRowChanged.connect(self._preview)
        self.count_label = QLabel()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(60)

        top = QHBoxLayout()
        top.addWidget(self.query_edit, 1)
        top.addWidget(go)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.preview)
        hint = QLabel(self.tr("Dubbelklik op een resultaat of kies Enter om het gesprek te openen."))
        layout.addWidget(hint)
        fit_on_screen(self, 900, 560)

    def run(self) -> None:
        """Search on the task helper: a long note never holds up the window; a late older answer is dropped."""
        self._reading += 1
        self.count_label.setText(self.tr("Zoeken…"))
        self.tasks.run(
            functools.partial(self._search, self.query_edit.text()),
            on_done=functools.partial(self._show, self._reading),
            label=self.tr("Zoeken in notities…"),
            parent=self,
            on_failed=self._failed,
        )

    def _failed(self, error: ClientsteunError) -> None:
        self.count_label.clear()
        show_error(self, error)

    def _show(self, reading: int, hits: list[SearchHit]) -> None:
        if reading != self._reading:
            return  # a newer search is on its way
        self.model.set_rows(hits)
        self.count_label.setText(
            self.tr("Niets gevonden.") if not hits else self.tr("{count} gevonden").format(count=len(hits))
        )
        if hits:
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.preview.clear()

    def _preview(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.preview.setText(snippet_html(self.model.row_at(current.row()).snippet))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_hit.emit(index.data(ROW_ROLE))
