"""The figures of a published summary on screen: the summary in plain words, then one municipality's
(or all together's) tables as published, with "<5" and "x", and its shareable signals.

Only ``PublishedSummary`` values are shown, so a hidden count never reaches the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.summary import PublishedSection, PublishedSummary, PublishedTable
from clientsteun.reports.summary import number_text, summary_sentences
from clientsteun.ui.widgets.fields import text_label

NO_FIGURE = "–"


def table_model(table: PublishedTable, total: str) -> QStandardItemModel:
    """The table as published: a row per label, the totals row last; counts, totals and figures right-aligned."""
    headers = list(table.column_labels)
    if table.row_totals is not None:
        headers.append(total)
    headers += table.figure_labels
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)

    def item(value: str, *, bold: bool = False, number: bool = True) -> QStandardItem:
        cell = QStandardItem(value)
        cell.setEditable(False)
        if number:
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = QFont()
            font.setBold(True)
            cell.setFont(font)
        return cell

    def figures(values: tuple[float | None, ...], bold: bool = False) -> list[QStandardItem]:
        return [item(NO_FIGURE if value is None else number_text(value), bold=bold) for value in values]

    labels = list(table.row_labels)
    for i, _label in enumerate(labels):
        row = [item(shown.text) for shown in table.cells[i]]
        if table.row_totals is not None:
            row.append(item(table.row_totals[i].text, bold=True))
        row += figures(table.figures[i] if table.figures else ())
        model.appendRow(row)
    if table.column_totals is not None or table.total_figures:
        row = [item(shown.text, bold=True) for shown in table.column_totals or ()]
        if table.column_totals is None:
            row = [item("") for _ in table.column_labels]
        if table.row_totals is not None:
            row.append(item(table.total.text if table.total is not None else "", bold=True))
        row += figures(table.total_figures, bold=True)
        model.appendRow(row)
        labels.append(total)
    model.setVerticalHeaderLabels(labels)
    return model


class FiguresView(QWidget):
    """The sentences, a choice of section, and that section's tables and signals (in a scroll area)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.published: PublishedSummary | None = None
        self.sentences = text_label()
        self.sentences.setAccessibleName(self.tr("In het kort"))
        self.section_box = QComboBox()
        self.section_box.setAccessibleName(self.tr("Cijfers voor"))
        self.section_box.currentIndexChanged.connect(self._show_section)
        choose = QFormLayout()
        choose.addRow(self.tr("Cijfe&rs voor"), self.section_box)
        label = choose.labelForField(self.section_box)
        assert isinstance(label, QLabel)
        label.setBuddy(self.section_box)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setAccessibleName(self.tr("Tabellen"))
        self.inner = QWidget()
        self.tables_layout = QVBoxLayout(self.inner)
        self.area.setWidget(self.inner)
        self.tables: list[QTableView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sentences)
        layout.addLayout(choose)
        layout.addWidget(self.area, 1)

    def show_summary(self, published: PublishedSummary) -> None:
        self.published = published
        self.sentences.setText("\n".join(summary_sentences(published)))
        current = self.section_box.currentText()
        self.section_box.blockSignals(True)
        self.section_box.clear()
        for section in published.sections:
            self.section_box.addItem(section.municipality)
        found = self.section_box.findText(current)
        self.section_box.setCurrentIndex(max(found, 0))
        self.section_box.blockSignals(False)
        self._show_section()

    def section(self) -> PublishedSection | None:
        if self.published is None or self.section_box.currentIndex() < 0:
            return None
        return self.published.sections[self.section_box.currentIndex()]

    def _show_section(self) -> None:
        section = self.section()
        while self.tables_layout.count():
            taken = self.tables_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tables = []
        if section is None:
            return
        for table in section.tables:
            self.tables_layout.addWidget(text_label(table.title, bold=True))
            if not table.row_labels:
                self.tables_layout.addWidget(text_label(self.tr("Geen gegevens in deze periode.")))
                continue
            view = self._table_view(table)
            self.tables_layout.addWidget(view)
            self.tables.append(view)
        self.tables_layout.addWidget(text_label(self.tr("Gedeelde signalen"), bold=True))
        texts = [f"{s.theme}, {s.organisation}: {s.text}" for s in section.signals]
        shown = "\n\n".join(texts) or self.tr("Er zijn geen signalen als deelbaar gemarkeerd.")
        signals = text_label(shown)
        signals.setAccessibleName(self.tr("Gedeelde signalen"))
        self.tables_layout.addWidget(signals)
        if self.published is not None:
            self.tables_layout.addWidget(text_label(self.published.legend))
        self.tables_layout.addStretch(1)

    def _table_view(self, table: PublishedTable) -> QTableView:
        view = QTableView()
        view.setModel(table_model(table, self.tr("Totaal")))
        view.setAccessibleName(table.title)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.resizeColumnsToContents()
        height = view.horizontalHeader().height() + 2 * view.frameWidth()
        height += sum(view.rowHeight(row) for row in range(view.model().rowCount()))
        view.setFixedHeight(height + 2)
        return view
