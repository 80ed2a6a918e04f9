"""Publishing a summary table: small counts hidden, and enough others that none can be worked out, from
the table itself or from the same table in the report's other sections."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientsteun.domain.summary import (
    ALL_MUNICIPALITIES,
    SPEC,
    Period,
    PublishedTable,
    Shown,
    Table,
    TableKey,
    UnitFigures,
    build_summary,
    build_table,
    publish,
    publish_summary,
    spread,
)
from tests.helpers.summaries import determined, determined_in_report, hidden_cells, worked_out

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))


def _table(cells: list[list[int]], *, rows: bool = True, columns: bool = True) -> Table:
    return Table(
        TableKey.ROUTES, "t", tuple(f"r{i}" for i in range(len(cells))), tuple(f"c{j}" for j in range(len(cells[0]))),
        tuple(tuple(row) for row in cells), row_totals_shown=rows, column_totals_shown=columns,
    )  # fmt: skip


def _texts(published: PublishedTable) -> list[list[str]]:
    return [[shown.text for shown in row] for row in published.cells]


def _assert_safe(published: PublishedTable, threshold: int) -> None:
    shown = [s for row in published.cells for s in row]
    shown += [*(published.row_totals or ()), *(published.column_totals or ())]
    shown += [published.total] if published.total is not None else []
    assert all(s.value is None or s.value == 0 or s.value >= threshold for s in shown)
    assert worked_out(published) == {}
    assert determined(published) == set()


def test_zero_shows_as_zero_and_small_as_below_five() -> None:
    published = publish(_table([[0, 3, 20, 30], [0, 10, 12, 40]], rows=False, columns=False), 5)
    assert _texts(published) == [["0", "<5", "20", "30"], ["0", "10", "12", "40"]]
    assert published.row_totals is None and published.column_totals is None and published.total is None


def test_a_lone_small_cell_takes_three_more_with_it_so_the_totals_give_nothing_away() -> None:
    published = publish(_table([[3, 10, 12], [8, 9, 20], [6, 7, 6]]), 5)
    assert _texts(published)[0][0] == "<5"
    assert len(hidden_cells(published)) >= 4
    assert published.total == Shown(81)
    _assert_safe(published, 5)


def test_a_small_total_is_hidden_too() -> None:
    published = publish(_table([[1, 0], [0, 2], [0, 0]]), 5)
    assert published.total is not None and published.total.text == "<5"
    assert published.column_totals is not None and [s.text for s in published.column_totals] == ["<5", "<5"]
    _assert_safe(published, 5)


def test_the_threshold_is_never_below_five_and_can_be_higher() -> None:
    assert _texts(publish(_table([[4, 50], [50, 50]], rows=False, columns=False), 2))[0][0] == "<5"
    published = publish(_table([[7, 50], [50, 50]], rows=False, columns=False), 10)
    assert _texts(published)[0] == ["<10", "50"]


def test_a_secondary_cell_says_x_not_a_small_number() -> None:
    published = publish(_table([[3, 40]], columns=False), 5)
    assert _texts(published) == [["<5", "x"]]
    assert published.row_totals == (Shown(43),)
    _assert_safe(published, 5)


def test_two_hidden_blocks_joined_by_one_cell_are_caught() -> None:
    """Each row and column has two hidden cells, yet the cell joining the two blocks follows from the sums."""
    cells = [
        [2, 3, 9, 9, 9],
        [3, 2, 9, 9, 9],
        [9, 9, 2, 3, 9],
        [9, 9, 3, 2, 9],
        [9, 9, 9, 9, 9],
    ]
    _assert_safe(publish(_table(cells), 5), 5)


@settings(max_examples=150, deadline=None)
@given(
    cells=st.integers(1, 6).flatmap(
        lambda width: st.lists(
            st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 60)), min_size=width, max_size=width),
            min_size=1,
            max_size=6,
        )
    ),
    rows=st.booleans(),
    columns=st.booleans(),
    threshold=st.integers(0, 12),
)
def test_no_published_table_gives_a_hidden_count_away(
    cells: list[list[int]], rows: bool, columns: bool, threshold: int
) -> None:
    published = publish(_table(cells, rows=rows, columns=columns), threshold)
    _assert_safe(published, max(5, threshold))
    for i, row in enumerate(cells):  # what is shown is the exact count
        for j, value in enumerate(row):
            assert published.cells[i][j].value in (None, value)


def test_a_median_is_shown_only_for_a_group_of_at_least_the_threshold() -> None:
    unit = UnitFigures(
        "Houten",
        values={
            ("decision_days", "Wmo", 10): 3,
            ("decision_days", "Wmo", 20): 2,
            ("decision_days", "Bijstand", 40): 4,
        },
    )
    table = build_table(SPEC[TableKey.DECISION_DAYS], unit)
    assert table.row_labels == ("Bijstand", "Wmo")
    assert table.cells == ((4,), (5,))
    published = publish(table, 5)
    assert published.figures == ((None, None, None), (10.0, 10.0, 20.0))
    assert published.total_figures == (20.0, 10.0, 40.0)


def test_spread_of_a_histogram() -> None:
    assert spread({}) == (None, None, None)
    assert spread({7: 1}) == (7.0, 7.0, 7.0)
    assert spread(Counter({1: 1, 2: 1, 3: 1, 4: 1, 5: 1})) == (3.0, 2.0, 4.0)


@pytest.mark.parametrize("key", list(TableKey))
def test_every_table_of_an_empty_unit_is_empty_and_publishes(key: TableKey) -> None:
    table = build_table(SPEC[key], UnitFigures("Houten"))
    assert table.total == 0
    published = publish(table, 5)
    assert all(not shown.hidden for row in published.cells for shown in row)


def _routes(municipality: str, counts: dict[tuple[str, str], int]) -> UnitFigures:
    return UnitFigures(municipality, {("routes", row, column): n for (row, column), n in counts.items()})


def test_all_together_minus_a_municipality_gives_no_hidden_count_of_another() -> None:
    """All together 12 shown and Houten's 9 shown would give Zeist's hidden 3."""
    houten = _routes("Houten", {("Wmo", "Toegekend"): 9, ("Wmo", "Afgewezen"): 20, ("Bijstand", "Toegekend"): 30})
    zeist = _routes("Zeist", {("Wmo", "Toegekend"): 3, ("Wmo", "Afgewezen"): 40, ("Bijstand", "Toegekend"): 25})
    published = publish_summary(build_summary(Q3, [houten, zeist]), 5)
    together, at_houten, at_zeist = (section.table(TableKey.ROUTES) for section in published.sections)
    wmo, granted = together.row_labels.index("Wmo"), together.column_labels.index("Toegekend")
    assert at_zeist.cells[at_zeist.row_labels.index("Wmo")][granted].text == "<5"
    houten_wmo = at_houten.cells[at_houten.row_labels.index("Wmo")][granted]
    assert together.cells[wmo][granted].hidden or houten_wmo.hidden
    assert determined_in_report([together, at_houten, at_zeist]) == set()


def test_a_single_municipality_is_published_exactly_as_all_together() -> None:
    unit = _routes("Houten", {("Wmo", "Toegekend"): 3, ("Wmo", "Afgewezen"): 20, ("Bijstand", "Nog open"): 8})
    together, alone = publish_summary(build_summary(Q3, [unit]), 5).sections
    assert together.municipality == ALL_MUNICIPALITIES
    assert together.tables == alone.tables
    assert hidden_cells(together.table(TableKey.ROUTES))


COUNT = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))
UNIT = st.dictionaries(
    st.tuples(st.sampled_from(("Wmo", "Bijstand", "Schuld")), st.sampled_from(("Toegekend", "Afgewezen", "Nog open"))),
    COUNT,
    max_size=9,
)
SIGNALS = st.dictionaries(
    st.tuples(st.sampled_from(("Wachtlijst", "Folder")), st.sampled_from(("UWV", "Gemeente", "Woningbouw"))),
    COUNT,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(
    units=st.lists(st.tuples(UNIT, SIGNALS), min_size=1, max_size=4),
    threshold=st.integers(0, 8),
)
def test_no_published_report_gives_a_hidden_count_away_across_its_sections(
    units: list[tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]], threshold: int
) -> None:
    figures = [
        UnitFigures(
            f"Gemeente {n}",
            {("routes", row, column): count for (row, column), count in routes.items()}
            | {("signals", row, column): count for (row, column), count in signals.items()},
        )
        for n, (routes, signals) in enumerate(units)
    ]
    summary = build_summary(Q3, figures)
    published = publish_summary(summary, threshold)
    limit = max(5, threshold)
    for key in (TableKey.ROUTES, TableKey.SIGNALS):
        tables = [section.table(key) for section in published.sections]
        for exact, shown in zip((section.table(key) for section in summary.sections), tables, strict=True):
            _assert_safe(shown, limit)
            for i, row in enumerate(exact.cells):  # what is shown is the exact count
                for j, value in enumerate(row):
                    assert shown.cells[i][j].value in (None, value)
        assert determined_in_report(tables) == set(), key
    if len(units) == 1:
        assert published.sections[0].tables == published.sections[1].tables


def test_the_subset_attack_all_together_of_three_minus_all_together_of_two() -> None:
    """Ticking Houten, Zeist and Bunnik, then Houten and Zeist, must not give two "all together"s whose
    difference is Bunnik's hidden count: all together is every municipality, whatever is ticked."""
    houten = _routes("Houten", {("Wmo", "Toegekend"): 20, ("Wmo", "Afgewezen"): 9})
    zeist = _routes("Zeist", {("Wmo", "Toegekend"): 30, ("Wmo", "Afgewezen"): 12})
    bunnik = _routes("Bunnik", {("Wmo", "Toegekend"): 2, ("Wmo", "Afgewezen"): 7})
    summary = build_summary(Q3, [houten, zeist, bunnik])
    three = publish_summary(summary.choosing(["Houten", "Zeist", "Bunnik"]), 5)
    two = publish_summary(summary.choosing(["Zeist", "Houten"]), 5)
    assert three.sections[0] == two.sections[0]
    assert [s.municipality for s in two.sections] == [ALL_MUNICIPALITIES, "Houten", "Zeist"]
    assert two.shown == ("Houten", "Zeist") and two.municipalities == ("Bunnik", "Houten", "Zeist")
    assert "Apart getoond: Houten, Zeist." in two.coverage and summary.choosing(["Zeist", "Houten"]).chosen


@settings(max_examples=40, deadline=None)
@given(
    units=st.lists(UNIT, min_size=1, max_size=4),
    first=st.sets(st.integers(0, 3)),
    second=st.sets(st.integers(0, 3)),
)
def test_two_reports_with_other_ticks_publish_the_same_cells(
    units: list[dict[tuple[str, str], int]], first: set[int], second: set[int]
) -> None:
    """Whatever two sets of municipalities are ticked, all together is published the same, and so is
    every municipality both show: nothing one report hides is shown, or worked out, by the other."""
    summary = build_summary(
        Q3,
        [
            UnitFigures(f"Gemeente {n}", {("routes", row, column): count for (row, column), count in routes.items()})
            for n, routes in enumerate(units)
        ],
    )
    everything = publish_summary(summary, 5)

    def ticked(numbers: set[int]) -> list[str]:
        return [f"Gemeente {n}" for n in sorted(numbers) if n < len(units)]

    reports = [publish_summary(summary.choosing(ticked(numbers)), 5) for numbers in (first, second)]
    by_name = {section.municipality: section for section in everything.sections}
    for report, numbers in zip(reports, (first, second), strict=True):
        assert report.sections[0] == everything.sections[0]
        assert report.shown == (tuple(ticked(numbers)) or everything.shown)
        for section in report.sections:
            assert section == by_name[section.municipality]
