"""A published summary as a spreadsheet: XLSX (one sheet per table) and CSV (one file, one row per figure).

Pure functions of a ``PublishedSummary``, returning bytes.  Counts are numbers; a hidden count is the
text "<5" (or "x" for one hidden so that a small one cannot be worked out); every text goes through
``safe_cell`` so a spreadsheet never runs it as a formula.

The CSV is "long": one line per figure with the columns periode, gemeente, tabel, rij, kolom and
waarde, which a spreadsheet's pivot table or filter reads directly (one file, no zip); the shareable
signal descriptions are lines of the table "Gedeelde signalen"; the last two lines say which
municipalities all together counts and explain the marks.  It
is written the way Dutch Excel opens it: UTF-8 with a byte order mark, semicolons, decimal commas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from clientsteun.domain.cells import safe_cell
from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.summary import PublishedSummary, PublishedTable, Shown, TableKey

TOTAL = QT_TRANSLATE_NOOP("summary", "Totaal")
SHARED_SIGNALS = QT_TRANSLATE_NOOP("summary", "Gedeelde signalen")
EXPLANATION = QT_TRANSLATE_NOOP("summary", "Toelichting")
CSV_HEADER = ("periode", "gemeente", "tabel", "rij", "kolom", "waarde")
SHEET_NAMES = {  # at most 31 characters, none of []:*?/\
    TableKey.RESIDENTS: "Inwoners",
    TableKey.CONTACTS: "Contacten",
    TableKey.LIFE_DOMAINS: "Levensgebieden",
    TableKey.ROUTES: "Routes",
    TableKey.DECISION_DAYS: "Dagen tot besluit",
    TableKey.MISSED: "Termijnen gemist",
    TableKey.OBJECTIONS: "Bezwaren",
    TableKey.SIGNALS: "Signalen",
}
Value = int | float | str


def figures_of(table: PublishedTable) -> Iterator[tuple[str, str, Value]]:
    """Every figure of the table as (row, column, value): cells, totals, then the figures beside the rows."""
    n_columns = len(table.column_labels)
    for i, row in enumerate(table.row_labels):
        for j, column in enumerate(table.column_labels):
            yield row, column, _value(table.cells[i][j])
        if table.row_totals is not None:
            yield row, TOTAL, _value(table.row_totals[i])
        for label, figure in zip(table.figure_labels, table.figures[i] if table.figures else (), strict=False):
            yield row, label, _figure(figure)
    if table.column_totals is not None:
        for j in range(n_columns):
            yield TOTAL, table.column_labels[j], _value(table.column_totals[j])
    if table.total is not None:
        yield TOTAL, TOTAL, _value(table.total)
    for label, figure in zip(table.figure_labels, table.total_figures, strict=False):
        yield TOTAL, label, _figure(figure)


def _value(shown: Shown) -> Value:
    return shown.text if shown.value is None else shown.value


def _figure(value: float | None) -> Value:
    return "" if value is None else value


def summary_csv(published: PublishedSummary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    period = published.period.label

    def line(municipality: str, table: str, row: str, column: str, value: Value) -> None:
        shown = f"{value:g}".replace(".", ",") if isinstance(value, float) else value
        writer.writerow([safe_cell(cell) for cell in (period, municipality, table, row, column, shown)])

    for section in published.sections:
        for table in section.tables:
            for row, column, value in figures_of(table):
                line(section.municipality, table.title, row, column, value)
        for signal in section.signals:
            line(section.municipality, SHARED_SIGNALS, signal.theme, signal.organisation, signal.text)
    line("", EXPLANATION, "", "", published.coverage)
    line("", EXPLANATION, "", "", published.legend)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def summary_xlsx(published: PublishedSummary) -> bytes:
    workbook = Workbook()
    bold = Font(bold=True)
    about = workbook.active
    assert about is not None
    about.title = EXPLANATION
    facts: list[tuple[str, str]] = [("Periode", published.period.label)]
    facts += [("Gemeenten", published.coverage)]
    if published.teams:
        facts.append(("Teams", ", ".join(published.teams)))
    if published.packages:
        facts.append(("Pakketten samengevoegd", str(published.packages)))
    facts.append(("Kleine aantallen", published.legend))
    for label, text in facts:
        about.append([safe_cell(label), safe_cell(text)])
        about.cell(about.max_row, 1).font = bold
    for key, name in SHEET_NAMES.items():
        sheet = workbook.create_sheet(name)
        sheet.append([safe_cell(published.sections[0].table(key).title)])
        sheet.cell(1, 1).font = Font(bold=True, size=13)
        for section in published.sections:
            _table_block(sheet, section.municipality, section.table(key), bold)
    signals = workbook.create_sheet(SHARED_SIGNALS)
    signals.append([safe_cell(text) for text in ("Gemeente", "Thema", "Organisatie", "Beschrijving")])
    for cell in signals[1]:
        cell.font = bold
    for section in published.sections[1:]:  # each municipality's own; all together repeats them
        for signal in section.signals:
            texts = (section.municipality, signal.theme, signal.organisation, signal.text)
            signals.append([safe_cell(text) for text in texts])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table_block(sheet: Worksheet, municipality: str, table: PublishedTable, bold: Font) -> None:
    """One municipality's table: its name, the header row, the rows with totals and figures, the totals row."""
    sheet.append([])
    sheet.append([safe_cell(municipality)])
    sheet.cell(sheet.max_row, 1).font = bold
    header = ["", *table.column_labels]
    if table.row_totals is not None:
        header.append(TOTAL)
    header += table.figure_labels
    sheet.append([safe_cell(text) for text in header])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for i, label in enumerate(table.row_labels):
        line: list[object] = [label, *(_value(shown) for shown in table.cells[i])]
        if table.row_totals is not None:
            line.append(_value(table.row_totals[i]))
        line += [_figure(figure) for figure in (table.figures[i] if table.figures else ())]
        sheet.append([safe_cell(value) for value in line])
    if table.column_totals is not None:
        totals: list[object] = [TOTAL, *(_value(shown) for shown in table.column_totals)]
        if table.row_totals is not None:
            totals.append(_value(table.total) if table.total is not None else "")
        totals += [_figure(figure) for figure in table.total_figures]
        sheet.append([safe_cell(value) for value in totals])
        sheet.cell(sheet.max_row, 1).font = bold
