"""For the tests of the coordinator's summaries: an attacker's view of a published table, and the text of
every export format.

``worked_out`` tries to recover hidden counts from what a table publishes, the way a reader with a
pencil would: a row or column with exactly one unknown and its total published gives that unknown
(repeated while anything new is found).  ``determined`` is the exact version: linear algebra over
all the table's sums at once, so a hidden count that only a combination of rows and columns gives
away is found too.
"""

from __future__ import annotations

import csv
import io
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
    values = grid(table)
    rows, columns = len(values), len(values[0])
    unknown = [(i, j) for i in range(rows) for j in range(columns) if values[i][j] is None]
    index = {entry: k for k, entry in enumerate(unknown)}
    equations = []
    for line in _sums(rows, columns):
        vector = [Fraction(0)] * len(unknown)
        for entry in line:
            if entry in index:
                vector[index[entry]] += -1 if entry == line[-1] else 1
        if any(vector):
            equations.append(vector)
    base = _rank(equations)
    found = set()
    for entry in hidden_cells(table):
        probe = [Fraction(0)] * len(unknown)
        probe[index[entry]] = Fraction(1)
        if _rank([*equations, probe]) == base:
            found.add(entry)
    return found


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [list(row) for row in matrix]
    rank = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


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
