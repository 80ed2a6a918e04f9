"""For the tests of the coordinator's summaries: an attacker's view of a published table, and the text of
every export format.

``worked_out`` tries to recover hidden counts from what a table publishes, the way a reader with a
pencil would: a row or column with exactly one unknown and its total published gives that unknown
(repeated while anything new is found).  ``determined`` is the exact version: linear algebra over
all the table's sums at once, so a hidden count that only a combination of rows and columns gives
away is found too; ``determined_in_report`` does that over one table of every section of a report,
with all municipalities together as the sum of the municipalities.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from fractions import Fraction

from openpyxl import load_workbook

from clientsteun.domain.summary import PublishedTable

Entry = tuple[int, int]


def grid(table: PublishedTable) -> list[list[int | None]]:
    """The table with its totals as one grid (the last row the column totals, the last column the row
    totals); None where nothing is published."""
    n_rows, n_columns = len(table.row_labels), len(table.column_labels)
    found: list[list[int | None]] = [[None] * (n_columns + 1) for _ in range(n_rows + 1)]
    for i in range(n_rows):
        for j in range(n_columns):
            found[i][j] = table.cells[i][j].value
        if table.row_totals is not None:
            found[i][n_columns] = table.row_totals[i].value
    if table.column_totals is not None:
        for j in range(n_columns):
            found[n_rows][j] = table.column_totals[j].value
    if table.total is not None:
        found[n_rows][n_columns] = table.total.value
    return found


def _sums(rows: int, columns: int) -> list[list[Entry]]:
    """Each sum of the grid as its entries, the total last: every row and every column."""
    return [[(i, j) for j in range(columns)] for i in range(rows)] + [
        [(i, j) for i in range(rows)] for j in range(columns)
    ]


def hidden_cells(table: PublishedTable) -> set[Entry]:
    """The entries a reader sees as hidden ("<5" or "x"), totals included."""
    values = grid(table)
    n_rows, n_columns = len(table.row_labels), len(table.column_labels)
    found = {(i, j) for i in range(n_rows) for j in range(n_columns) if table.cells[i][j].hidden}
    if table.row_totals is not None:
        found |= {(i, n_columns) for i in range(n_rows) if values[i][n_columns] is None}
    if table.column_totals is not None:
        found |= {(n_rows, j) for j in range(n_columns) if values[n_rows][j] is None}
    if table.total is not None and table.total.hidden:
        found.add((n_rows, n_columns))
    return found


def worked_out(table: PublishedTable) -> dict[Entry, int]:
    """Hidden entries recovered one sum at a time: a sum with exactly one unknown gives it away."""
    values = grid(table)
    rows, columns = len(values), len(values[0])
    hidden = hidden_cells(table)
    found: dict[Entry, int] = {}
    progress = True
    while progress:
        progress = False
        for line in _sums(rows, columns):
            unknown = [entry for entry in line if values[entry[0]][entry[1]] is None]
            if len(unknown) != 1:
                continue
            (i, j), total = unknown[0], line[-1]
            known = sum(values[a][b] or 0 for a, b in line[:-1])
            values[i][j] = known if (i, j) == total else values[total[0]][total[1]] - known  # type: ignore[operator]
            if (i, j) in hidden:
                found[(i, j)] = values[i][j]  # type: ignore[assignment]
            progress = True
    return found


def determined(table: PublishedTable) -> set[Entry]:
    """Hidden entries whose value follows from all the table's sums together (exact linear algebra)."""
    return {entry for _, entry in determined_in_report([table])}


def determined_in_report(tables: Sequence[PublishedTable]) -> set[tuple[int, Entry]]:
    """(section, entry) of the hidden entries that follow from all the sums of one table key over a
    report's sections together: each section's rows and columns, and, when there are municipalities,
    all together (``tables[0]``) as the sum of them all (a row or column a section lacks being 0)."""
    grids = [grid(table) for table in tables]
    labels = [_labelled(table) for table in tables]
    unknown = [
        (k, (i, j))
        for k, values in enumerate(grids)
        for i, row in enumerate(values)
        for j, value in enumerate(row)
        if value is None
    ]
    index = {variable: n for n, variable in enumerate(unknown)}
    equations: list[list[Fraction]] = []

    def add(terms: list[tuple[int, tuple[int, int], int]]) -> None:
        vector = [Fraction(0)] * len(unknown)
        for k, entry, sign in terms:
            if (k, entry) in index:
                vector[index[(k, entry)]] += sign
        if any(vector):
            equations.append(vector)

    for k, values in enumerate(grids):
        for line in _sums(len(values), len(values[0])):
            add([(k, entry, -1 if entry == line[-1] else 1) for entry in line])
    if len(tables) > 1:
        for position, entry in labels[0].items():
            add([(0, entry, 1)] + [(k, own[position], -1) for k, own in enumerate(labels) if k and position in own])
    return {unknown[n] for n in _fixed(equations, len(unknown)) if unknown[n][1] in hidden_cells(tables[unknown[n][0]])}


def _labelled(table: PublishedTable) -> dict[tuple[str, str], Entry]:
    """Each grid entry by its row and column label (the totals labelled with a name no label has)."""
    rows = [*table.row_labels, "\0total"]
    columns = [*table.column_labels, "\0total"]
    return {(row, column): (i, j) for i, row in enumerate(rows) for j, column in enumerate(columns)}


def _fixed(equations: list[list[Fraction]], width: int) -> set[int]:
    """The unknowns whose value the equations fix: in reduced row echelon form, a pivot whose row has
    nothing in the free columns."""
    rows = [list(row) for row in equations]
    pivots: list[int] = []
    for column in range(width):
        rank = len(pivots)
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [a / lead for a in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
    chosen = set(pivots)
    return {
        column for r, column in enumerate(pivots)
        if all(rows[r][other] == 0 for other in range(width) if other not in chosen)
    }  # fmt: skip


def csv_text(content: bytes) -> str:
    """Every cell of a CSV export, one per line."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    return "\n".join(cell for row in reader for cell in row)


def xlsx_text(content: bytes) -> str:
    """Every cell and sheet name of an XLSX export, one per line."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    cells = [str(sheet.title) for sheet in workbook.worksheets]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += [str(value) for value in row if value is not None]
    return "\n".join(cells)
