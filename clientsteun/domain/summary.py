"""The coordinator's summary of a period: exact figures per municipality, the report's tables, and
publishing them so that no resident can be recognised.

Pure: no Qt, no SQL.  ``UnitFigures`` are the exact figures of one municipality (what a summary
package carries); ``build_summary`` turns them into ``Table``s, per municipality and for all
together; ``publish`` hides small numbers.

The municipality is the report's fixed unit, never an arbitrary subset, so one report cannot be
subtracted from another: "all municipalities together" always covers every municipality of the
figures (the database's, or the combined packages'), whatever the coordinator ticked, and the
suppression is worked out over every section.  The ticks (``Summary.choosing``) only choose which
municipalities' own sections are shown after that: a hidden count stays hidden, and showing fewer
sections reveals nothing more.  So two reports over the same figures with different ticks publish
the same "all together" and the same cells for each municipality they both show.

Publishing a table: a count of 0 shows as 0, a count from 1 to ``threshold - 1`` as "<5" (the
threshold is never below 5), and more cells are hidden ("x") until no hidden number can be worked
out from the published row and column totals, nor from the other sections of the same report: all
municipalities together is the sum of the municipalities, so each table is published together with
the same table of every other section (``clientsteun.domain.suppression``).  Totals are computed
before suppression; a total that is itself small is hidden too.  A median or spread is shown only
for a group of at least the threshold.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from clientsteun.domain.dates import format_date
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.routes import Outcome
from clientsteun.domain.suppression import Layer, suppress

MIN_THRESHOLD = 5  # a published count below this is hidden; the setting can raise it, never lower it
ALL_MUNICIPALITIES = QT_TRANSLATE_NOOP("summary", "Alle gemeenten samen")
NO_MUNICIPALITY = QT_TRANSLATE_NOOP("summary", "Gemeente niet ingevuld")
NOT_FILLED = QT_TRANSLATE_NOOP("summary", "Niet ingevuld")
SECONDARY_MARK = "x"
LEGEND = QT_TRANSLATE_NOOP(
    "summary",
    "<{threshold} betekent: 1 tot en met {last}. Een x betekent: dit aantal is ook weggelaten, zodat niemand een "
    "klein aantal uit de totalen kan uitrekenen. Een mediaan of spreiding staat er alleen bij een groep van ten "
    "minste {threshold}.",
)
MUNICIPALITIES = QT_TRANSLATE_NOOP("summary", "Gemeenten ({count})")
MUNICIPALITY = QT_TRANSLATE_NOOP("summary", "Gemeente")
NO_MUNICIPALITIES = QT_TRANSLATE_NOOP("summary", "geen")
SHOWN_APART = QT_TRANSLATE_NOOP("summary", "Apart getoond")
COUNTS_EVERY = QT_TRANSLATE_NOOP(
    "summary", "Alle gemeenten samen telt altijd alle {count} gemeenten; daarna staat elke gemeente apart."
)
COUNTS_MORE = QT_TRANSLATE_NOOP(
    "summary", "Alle gemeenten samen telt altijd alle {count} gemeenten, ook de gemeenten die hier niet apart staan."
)
COUNTS_ONE = QT_TRANSLATE_NOOP("summary", "Alle gemeenten samen is hier alleen {name}.")
UNKNOWN_MUNICIPALITY = QT_TRANSLATE_NOOP(
    "errors", "De gemeente ‘{name}’ komt in deze cijfers niet voor. Kies uit: {names}."
)


class TableKey(enum.StrEnum):
    RESIDENTS = "residents"
    CONTACTS = "contacts"
    LIFE_DOMAINS = "life_domains"
    ROUTES = "routes"
    DECISION_DAYS = "decision_days"
    MISSED = "missed"
    OBJECTIONS = "objections"
    SIGNALS = "signals"


class FigureKind(enum.StrEnum):
    HOURS = "hours"  # the values are minutes: their sum, in hours
    DAYS = "days"  # the values are days: median and spread


# Fixed row and column labels (the others come from the catalog's names, as found in the figures).
RESIDENTS_ROW = QT_TRANSLATE_NOOP("summary", "Inwoners")
NEW = QT_TRANSLATE_NOOP("summary", "Nieuw")
ONGOING = QT_TRANSLATE_NOOP("summary", "Lopend")
CLOSED = QT_TRANSLATE_NOOP("summary", "Afgesloten")
OUTCOME_LABELS = {
    Outcome.GRANTED: QT_TRANSLATE_NOOP("summary", "Toegekend"),
    Outcome.PARTLY_GRANTED: QT_TRANSLATE_NOOP("summary", "Deels toegekend"),
    Outcome.REFUSED: QT_TRANSLATE_NOOP("summary", "Afgewezen"),
    Outcome.WITHDRAWN: QT_TRANSLATE_NOOP("summary", "Ingetrokken"),
    Outcome.OPEN: QT_TRANSLATE_NOOP("summary", "Nog open"),
}
OBJECTION_OUTCOMES = (Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.OPEN)
DECISIONS = QT_TRANSLATE_NOOP("summary", "Besluiten")
MET_LATE = QT_TRANSLATE_NOOP("summary", "Te laat gehaald")
STILL_OPEN = QT_TRANSLATE_NOOP("summary", "Verlopen, nog open")
RESIDENTS_COLUMN = QT_TRANSLATE_NOOP("summary", "Inwoners")
HOURS = QT_TRANSLATE_NOOP("summary", "Uren")
DAY_FIGURES = (
    QT_TRANSLATE_NOOP("summary", "Mediaan (dagen)"),
    QT_TRANSLATE_NOOP("summary", "25% binnen (dagen)"),
    QT_TRANSLATE_NOOP("summary", "75% binnen (dagen)"),
)
LATE_FIGURES = (
    QT_TRANSLATE_NOOP("summary", "Mediaan (dagen te laat)"),
    QT_TRANSLATE_NOOP("summary", "25% binnen (dagen te laat)"),
    QT_TRANSLATE_NOOP("summary", "75% binnen (dagen te laat)"),
)


@dataclass(frozen=True)
class TableSpec:
    """How one table of the report is built from the figures."""

    key: TableKey
    title: str
    columns: tuple[str, ...] = ()  # fixed columns in this order; empty: the columns found, sorted
    rows: tuple[str, ...] = ()  # fixed rows; empty: the rows found, sorted
    row_totals: bool = True  # published: a row's cells add up to it
    column_totals: bool = True
    figures: FigureKind | None = None
    figure_labels: tuple[str, ...] = ()
    counts_from_values: bool = False  # a row's count is how many values it has (days to a decision)


SPECS = (
    TableSpec(
        TableKey.RESIDENTS, QT_TRANSLATE_NOOP("summary", "Inwoners ondersteund"),
        columns=(NEW, ONGOING, CLOSED), rows=(RESIDENTS_ROW,), column_totals=False,
    ),
    TableSpec(
        TableKey.CONTACTS, QT_TRANSLATE_NOOP("summary", "Contacten per soort en middel, en de tijd"),
        figures=FigureKind.HOURS, figure_labels=(HOURS,),
    ),
    TableSpec(
        TableKey.LIFE_DOMAINS, QT_TRANSLATE_NOOP("summary", "Levensgebieden (inwoners per levensgebied)"),
        columns=(RESIDENTS_COLUMN,), row_totals=False, column_totals=False,  # one resident, several areas
    ),
    TableSpec(
        TableKey.ROUTES, QT_TRANSLATE_NOOP("summary", "Routes gestart, per soort en uitkomst"),
        columns=tuple(OUTCOME_LABELS.values()),
    ),
    TableSpec(
        TableKey.DECISION_DAYS, QT_TRANSLATE_NOOP("summary", "Dagen van aanvraag tot besluit, per soort route"),
        columns=(DECISIONS,), row_totals=False, figures=FigureKind.DAYS, figure_labels=DAY_FIGURES,
        counts_from_values=True,
    ),
    TableSpec(
        TableKey.MISSED, QT_TRANSLATE_NOOP("summary", "Termijnen die de instantie niet haalde"),
        columns=(MET_LATE, STILL_OPEN), figures=FigureKind.DAYS, figure_labels=LATE_FIGURES,
    ),
    TableSpec(
        TableKey.OBJECTIONS, QT_TRANSLATE_NOOP("summary", "Bezwaren en hun uitkomst"),
        columns=tuple(OUTCOME_LABELS[o] for o in OBJECTION_OUTCOMES),
    ),
    TableSpec(TableKey.SIGNALS, QT_TRANSLATE_NOOP("summary", "Signalen per thema en organisatie")),
)  # fmt: skip
SPEC = {spec.key: spec for spec in SPECS}


@dataclass(frozen=True)
class Period:
    """From ``start`` up to and including ``end``."""

    start: date
    end: date

    def validated(self) -> Period:
        if self.end < self.start:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "De einddatum van de periode ligt vóór de begindatum."))
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        return f"{format_date(self.start)} t/m {format_date(self.end)}"


@dataclass(frozen=True)
class SharedSignal:
    """A signal's description the supporter marked shareable, with the names taken out."""

    theme: str
    organisation: str
    text: str


@dataclass(frozen=True)
class UnitFigures:
    """The exact figures of one municipality for a period: what a package carries, never published as is.

    ``counts``: (table, row, column) to a count, zeros left out.  ``values``: (table, row, value) to
    how often it occurs: days to a decision, days late, minutes of a contact (a histogram, no person).
    """

    municipality: str
    counts: Mapping[tuple[str, str, str], int] = field(default_factory=dict)
    values: Mapping[tuple[str, str, int], int] = field(default_factory=dict)
    signals: tuple[SharedSignal, ...] = ()


def merge_units(municipality: str, units: Iterable[UnitFigures]) -> UnitFigures:
    """The figures of ``units`` added up, as one unit named ``municipality``."""
    counts: Counter[tuple[str, str, str]] = Counter()
    values: Counter[tuple[str, str, int]] = Counter()
    signals: list[SharedSignal] = []
    for unit in units:
        counts.update(unit.counts)
        values.update(unit.values)
        signals += unit.signals
    return UnitFigures(municipality, dict(counts), dict(values), tuple(sorted(signals, key=_signal_order)))


def _signal_order(signal: SharedSignal) -> tuple[str, str, str]:
    return (signal.theme, signal.organisation, signal.text)


@dataclass(frozen=True)
class Table:
    """One table of the report with exact counts; ``publish`` makes it fit to show."""

    key: TableKey
    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]  # [row][column]
    row_totals_shown: bool = True
    column_totals_shown: bool = True
    figure_labels: tuple[str, ...] = ()  # figures beside each row: hours, or median and spread in days
    figures: tuple[tuple[float | None, ...], ...] = ()  # [row][figure]; None: no value (an empty group)
    total_figures: tuple[float | None, ...] = ()  # the figures over all rows

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.cells)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(row[j] for row in self.cells) for j in range(len(self.column_labels)))

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    @property
    def total_shown(self) -> bool:
        return self.row_totals_shown and self.column_totals_shown


@dataclass(frozen=True)
class Section:
    """The tables of one municipality, or of all together."""

    municipality: str
    tables: tuple[Table, ...]
    signals: tuple[SharedSignal, ...]

    def table(self, key: TableKey) -> Table:
        return next(table for table in self.tables if table.key is key)


@dataclass(frozen=True)
class Summary:
    """The report before publishing: exact counts.  ``sections[0]`` is all municipalities together,
    always the sum of every municipality in ``municipalities``, then each of them."""

    period: Period
    municipalities: tuple[str, ...]  # every municipality of the figures
    sections: tuple[Section, ...]
    teams: tuple[str, ...] = ()  # the team labels of the packages combined (or of this database)
    packages: int = 0  # how many packages were combined; 0: made from one database
    chosen: tuple[str, ...] = ()  # the municipalities whose own sections are published; (): all

    def choosing(self, names: Sequence[str]) -> Summary:
        """The same report publishing only the sections of ``names`` beside all together (() or every
        name: all); a name the figures do not have is refused."""
        wanted = set(names)
        unknown = sorted(wanted - set(self.municipalities))
        if unknown:
            raise InvalidInput(
                UNKNOWN_MUNICIPALITY.format(name=unknown[0], names=", ".join(self.municipalities) or "-"),
                detail="municipality not in the figures",
            )
        chosen = tuple(name for name in self.municipalities if name in wanted)
        return replace(self, chosen=() if len(chosen) == len(self.municipalities) else chosen)


def build_summary(
    period: Period, units: Sequence[UnitFigures], *, teams: Sequence[str] = (), packages: int = 0
) -> Summary:
    """The report's sections: all municipalities together first, then each municipality by name.

    Units with the same municipality (from several packages) are added up first.
    """
    by_name: dict[str, list[UnitFigures]] = {}
    for unit in units:
        by_name.setdefault(unit.municipality, []).append(unit)
    merged = [merge_units(name, group) for name, group in sorted(by_name.items())]
    together = merge_units(ALL_MUNICIPALITIES, merged)
    sections = tuple(_section(unit) for unit in [together, *merged])
    return Summary(period, tuple(unit.municipality for unit in merged), sections, tuple(teams), packages)


def _section(unit: UnitFigures) -> Section:
    return Section(unit.municipality, tuple(build_table(spec, unit) for spec in SPECS), unit.signals)


def build_table(spec: TableSpec, unit: UnitFigures) -> Table:
    key = spec.key.value
    values: dict[str, Counter[int]] = {}
    for (table, row, value), count in unit.values.items():
        if table == key:
            values.setdefault(row, Counter())[value] += count
    counts: Counter[tuple[str, str]] = Counter()
    if spec.counts_from_values:
        for row, found in values.items():
            counts[(row, spec.columns[0])] = sum(found.values())
    else:
        for (table, row, column), count in unit.counts.items():
            if table == key:
                counts[(row, column)] += count
    rows = spec.rows or tuple(sorted({row for row, _ in counts}))
    columns = spec.columns or tuple(sorted({column for _, column in counts}))
    cells = tuple(tuple(counts[(row, column)] for column in columns) for row in rows)
    figures: tuple[tuple[float | None, ...], ...] = ()
    total_figures: tuple[float | None, ...] = ()
    if spec.figures is not None:
        figures = tuple(_figures(spec.figures, values.get(row, Counter())) for row in rows)
        everything: Counter[int] = Counter()
        for found in values.values():
            everything.update(found)
        total_figures = _figures(spec.figures, everything)
    return Table(
        spec.key, spec.title, rows, columns, cells, spec.row_totals, spec.column_totals,
        spec.figure_labels, figures, total_figures,
    )  # fmt: skip


def _figures(kind: FigureKind, histogram: Counter[int]) -> tuple[float | None, ...]:
    if kind is FigureKind.HOURS:
        minutes = sum(value * count for value, count in histogram.items())
        return (round(minutes / 60, 1) if histogram else None,)
    return spread(histogram)


def spread(histogram: Mapping[int, int]) -> tuple[float | None, float | None, float | None]:
    """Median, 25th and 75th percentile of values given as value -> how often; None when empty."""
    data = sorted(Counter(histogram).elements())
    if not data:
        return (None, None, None)
    if len(data) == 1:
        return (float(data[0]),) * 3
    low, _, high = statistics.quantiles(data, n=4, method="inclusive")
    return (float(statistics.median(data)), round(low, 1), round(high, 1))


# -- publishing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A published count: the number, or hidden with its mark ("<5", or "x" for one hidden to protect another)."""

    value: int | None
    mark: str = ""

    @property
    def text(self) -> str:
        return self.mark if self.value is None else str(self.value)

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class PublishedTable:
    """A table fit to show: what a PDF, a spreadsheet or a screen puts on the page, as it is."""

    key: TableKey
    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...] | None  # None: not part of this table
    column_totals: tuple[Shown, ...] | None
    total: Shown | None
    figure_labels: tuple[str, ...]
    figures: tuple[tuple[float | None, ...], ...]  # None: not shown (a small group) or no value
    total_figures: tuple[float | None, ...]


@dataclass(frozen=True)
class PublishedSection:
    municipality: str
    tables: tuple[PublishedTable, ...]
    signals: tuple[SharedSignal, ...]

    def table(self, key: TableKey) -> PublishedTable:
        return next(table for table in self.tables if table.key is key)


@dataclass(frozen=True)
class PublishedSummary:
    period: Period
    municipalities: tuple[str, ...]
    sections: tuple[PublishedSection, ...]  # all together first
    teams: tuple[str, ...]
    packages: int
    threshold: int

    @property
    def legend(self) -> str:
        return LEGEND.format(threshold=self.threshold, last=self.threshold - 1)

    @property
    def shown(self) -> tuple[str, ...]:
        """The municipalities with a section of their own in this report."""
        return tuple(section.municipality for section in self.sections[1:])

    @property
    def coverage(self) -> str:
        """The municipalities in one line: which there are, which are shown apart, and what all of them
        together counts (every municipality of the figures, whichever are shown apart)."""
        facts, rule = self.municipality_lines()
        return " ".join([*(f"{label}: {value}" for label, value in facts), rule]).strip()

    def municipality_lines(self) -> tuple[list[tuple[str, str]], str]:
        """(label, value) lines about the municipalities, and the one sentence on what all together counts."""
        names, shown = self.municipalities, self.shown
        if not names:
            return [(MUNICIPALITIES.format(count=0), f"{NO_MUNICIPALITIES}.")], ""
        if len(names) == 1:
            return [(MUNICIPALITY, f"{names[0]}.")], COUNTS_ONE.format(name=names[0])
        facts = [(MUNICIPALITIES.format(count=len(names)), f"{', '.join(names)}.")]
        if shown == names:
            return facts, COUNTS_EVERY.format(count=len(names))
        facts.append((SHOWN_APART, f"{', '.join(shown) or NO_MUNICIPALITIES}."))
        return facts, COUNTS_MORE.format(count=len(names))

    def only(self, names: Sequence[str]) -> PublishedSummary:
        """All together and the sections of ``names`` (() : every section), as published: leaving a
        section out changes no other (the suppression was worked out over all of them)."""
        if not names:
            return self
        wanted = set(names)
        kept = (self.sections[0], *(s for s in self.sections[1:] if s.municipality in wanted))
        return replace(self, sections=kept)


def effective_threshold(threshold: int) -> int:
    return max(MIN_THRESHOLD, threshold)


def publish_summary(summary: Summary, threshold: int) -> PublishedSummary:
    """Every table published; a table's suppression holds across every section together (all
    municipalities together is the sum of the municipalities, so one cannot be subtracted from it),
    and only then are the sections ``summary.chosen`` left (all together always)."""
    threshold = effective_threshold(threshold)
    by_key = [publish_together([s.tables[k] for s in summary.sections], threshold) for k in range(len(SPECS))]
    sections = tuple(
        PublishedSection(s.municipality, tuple(tables[n] for tables in by_key), s.signals)
        for n, s in enumerate(summary.sections)
    )
    published = PublishedSummary(
        summary.period, summary.municipalities, sections, summary.teams, summary.packages, threshold
    )
    return published.only(summary.chosen)


def publish(table: Table, threshold: int) -> PublishedTable:
    """``table`` on its own with small counts hidden, and as many more as needed so none can be worked out."""
    return publish_together([table], threshold)[0]


def publish_together(tables: Sequence[Table], threshold: int) -> list[PublishedTable]:
    """One table of every section: all together first (its rows and columns hold every section's),
    then each municipality.  No hidden count follows from all their sums together."""
    threshold = effective_threshold(threshold)
    first = tables[0]
    rows = {label: i for i, label in enumerate(first.row_labels)}
    columns = {label: j for j, label in enumerate(first.column_labels)}
    n_rows, n_columns = len(rows), len(columns)
    published = frozenset(
        (i, j) for i in range(n_rows + 1) for j in range(n_columns + 1) if _published(first, i < n_rows, j < n_columns)
    )
    grids = [_grid(table) for table in tables]
    layers = []
    for table, grid in zip(tables, grids, strict=True):
        values: list[list[int | None]] = [[None] * (n_columns + 1) for _ in range(n_rows + 1)]
        at_rows = [rows[label] for label in table.row_labels] + [n_rows]
        at_columns = [columns[label] for label in table.column_labels] + [n_columns]
        for i, row in zip(at_rows, grid, strict=True):
            for j, value in zip(at_columns, row, strict=True):
                values[i][j] = value
        layers.append(Layer(tuple(tuple(row) for row in values)))
    hidden = suppress(layers, published, threshold)
    result = []
    for table, grid, layer_hidden in zip(tables, grids, hidden, strict=True):
        at_rows = [rows[label] for label in table.row_labels] + [n_rows]
        at_columns = [columns[label] for label in table.column_labels] + [n_columns]
        own = {(a, b) for a, i in enumerate(at_rows) for b, j in enumerate(at_columns) if (i, j) in layer_hidden}
        result.append(_published_table(table, grid, own, threshold))
    return result


def _published(table: Table, in_rows: bool, in_columns: bool) -> bool:
    """Whether a grid entry is part of the published table at all (a total may not be)."""
    if in_rows and in_columns:
        return True
    if in_rows:
        return table.row_totals_shown
    if in_columns:
        return table.column_totals_shown
    return table.total_shown


def _grid(table: Table) -> list[list[int]]:
    """The table with its totals: the last row the column totals, the last column the row totals."""
    return [
        *([*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)),
        [*table.column_totals, table.total],
    ]


def _published_table(
    table: Table, grid: list[list[int]], hidden: set[tuple[int, int]], threshold: int
) -> PublishedTable:
    small = f"<{threshold}"
    n_rows, n_columns = len(table.row_labels), len(table.column_labels)

    def shown(i: int, j: int) -> Shown:
        if (i, j) not in hidden:
            return Shown(grid[i][j])
        return Shown(None, small if 0 < grid[i][j] < threshold else SECONDARY_MARK)

    def figures_for(size: int, figures: tuple[float | None, ...]) -> tuple[float | None, ...]:
        return figures if size >= threshold else (None,) * len(figures)

    row_totals = table.row_totals
    return PublishedTable(
        key=table.key,
        title=table.title,
        row_labels=table.row_labels,
        column_labels=table.column_labels,
        cells=tuple(tuple(shown(i, j) for j in range(n_columns)) for i in range(n_rows)),
        row_totals=tuple(shown(i, n_columns) for i in range(n_rows)) if table.row_totals_shown else None,
        column_totals=tuple(shown(n_rows, j) for j in range(n_columns)) if table.column_totals_shown else None,
        total=shown(n_rows, n_columns) if table.total_shown else None,
        figure_labels=table.figure_labels,
        figures=tuple(figures_for(row_totals[i], row) for i, row in enumerate(table.figures)),
        total_figures=figures_for(table.total, table.total_figures) if table.total_figures else (),
    )
