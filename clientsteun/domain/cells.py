"""Values for a spreadsheet cell (CSV, XLSX) that a spreadsheet program never runs as a formula.

A text that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs skip before looking) is read as a formula by Excel and LibreOffice: ``=HYPERLINK(...)``
in a note would become a link that leaks data when clicked.  Such text gets a leading apostrophe,
which spreadsheet programs show as plain text.  Numbers stay numbers, so "-3" typed as text is
escaped but the number -3 is not.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as it may go into a cell: text that would start a formula is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
