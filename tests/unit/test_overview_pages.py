"""The printed overview "Wat is er al geprobeerd?": how its pages fill."""

from __future__ import annotations

from datetime import date, timedelta

from clientsteun.reports.overview import Overview, OverviewLine, render_overview
from tests.helpers.pdf import pages

START = date(2026, 1, 5)


def test_a_table_longer_than_a_page_starts_under_the_title_instead_of_leaving_the_first_page_empty() -> None:
    lines = tuple(
        OverviewLine(START + timedelta(days=7 * n), f"Route {n % 4}", "Aanvraag ingediend", "Met de brief " * 12)
        for n in range(60)
    )
    printed = pages(render_overview(Overview("Fictieve Inwoner", date(2026, 11, 26), lines, ()), invariant=True))

    assert len(printed) > 2  # the table alone runs over more than a page
    assert "Alles op datum" in printed[0]
    assert "05-01-2026" in printed[0]  # its first rows are on the first page, under the heading
