"""The coordinator's summary as a PDF: ``render_summary(published)`` gives the bytes.

Only what publishing left visible is printed: the tables with "<5" and "x" as published, charts
that never draw a hidden count (a bar or segment left out; a route kind with nothing shown is not in
the chart, and a sentence under it says so), and a summary in plain words on the first page, made
from the published figures of all municipalities together (always every municipality of the
figures, also those not shown apart: one sentence under the list of municipalities says so).  A
hidden count is never printed, drawn or worked into a sentence.  Then, per section (all
municipalities together, then each municipality): four charts, the eight tables, the shareable signal
descriptions (already scrubbed of names).  The legend explains the marks right under the first
table that shows one, and again at the end.

Chart labels are wrapped onto more lines, never cut; the outcome colours differ in hue and in
lightness, so they stay apart for colour-blind readers and in grey-scale print.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from clientsteun.domain.summary import PublishedSection, PublishedSummary, PublishedTable, Shown, TableKey
from clientsteun.reports.document import FONT, FONT_BOLD, TEXT_WIDTH, Styles, render, styles, text

SIZE = 9.0
TITLE = "Samenvatting van de cliëntondersteuning"
IN_SHORT = "In het kort"
SMALL_COUNTS = "Kleine aantallen"
TOTAL = "Totaal"
NO_FIGURE = "–"
NO_ROWS = "Geen gegevens in deze periode."
SHARED_SIGNALS = "Gedeelde signalen"
NO_SIGNALS = "Er zijn geen signalen als deelbaar gemarkeerd."
SIGNALS_PER_MUNICIPALITY = "De beschrijvingen van de signalen staan bij elke gemeente."
CHART_NOTE = (
    "In de grafieken staan alleen de getoonde aantallen: een verborgen aantal (<{threshold} of x) is niet getekend."
)
KINDS_LEFT_OUT = "Soorten routes met alleen kleine aantallen staan niet in de grafiek."
CHART_EMPTY = "Geen getoonde aantallen om te tekenen."
LABEL_SHARE = 0.25  # of the text width, for the row labels
COLUMNS_WIDTH = TEXT_WIDTH * (1 - LABEL_SHARE)  # beside the row labels; a wider table continues below itself
MIN_COLUMN = 15 * mm
CELL_PADDING = 3
KEEP_TOGETHER_ROWS = 25  # a table with fewer rows is not split over two pages
CHART_WIDTH = TEXT_WIDTH / 2 - 3 * mm
CHART_LABEL_WIDTH = 38 * mm  # left of the bars; a longer label takes more lines
CHART_FONT_SIZE = 6.5
CHART_LEADING = 7.5
LEGEND_ROW = 9
# The outcomes in order (granted, partly, refused, withdrawn, open): navy, yellow, rose, dark and light
# grey.  Colour-blind safe, and their lightness (grey values about 40, 195, 135, 90, 235) keeps them
# apart when printed in grey; a thin dark outline separates the segments and the light ones from white.
BAR_COLOURS = ("#0d2c54", "#e8c547", "#cc6677", "#5a5a5a", "#ececec")
BAR_OUTLINE = colors.HexColor("#333333")
_Column = tuple[str, list[str], bool]  # header, a text per row (the totals row last), whether a total
HEADER_BACKGROUND = colors.HexColor("#e8eef6")
TOTALS_BACKGROUND = colors.HexColor("#f3f3f3")


def render_summary(published: PublishedSummary, *, printed_on: date | None = None, invariant: bool = False) -> bytes:
    """The published summary as PDF bytes (printed today unless ``printed_on`` says otherwise)."""
    title = f"Samenvatting {published.period.label}"
    return render(summary_story(published), title=title, printed_on=printed_on or date.today(), invariant=invariant)


def summary_story(published: PublishedSummary) -> list[Flowable]:
    style = styles(SIZE)
    story: list[Flowable] = [
        Paragraph(text(TITLE), style.title),
        Paragraph(text(f"Periode: {published.period.label}"), style.body),
    ]
    facts, rule = published.municipality_lines()
    lines = [_fact(label, value) for label, value in facts] + ([text(rule)] if rule else [])
    if published.teams:
        lines.append(_fact("Teams", ", ".join(published.teams)))
    if published.packages:
        lines.append(_fact("Samengevoegd uit", f"{published.packages} pakketten"))
    story += [Paragraph(line, style.body) for line in lines]
    story.append(Paragraph(text(IN_SHORT), style.heading))
    story += [Paragraph(text(sentence), style.body) for sentence in summary_sentences(published)]
    several = len(published.sections) > 1
    legend = Paragraph(_fact(SMALL_COUNTS, published.legend), style.small)
    for number, section in enumerate(published.sections):
        if number:
            story.append(PageBreak())
        found, placed = _section(
            section, published.threshold, style, signals_elsewhere=several and number == 0, legend=legend
        )
        story += found
        legend = None if placed else legend
    story.append(CondPageBreak(40 * mm))
    story.append(Paragraph(text(SMALL_COUNTS), style.heading))
    story.append(Paragraph(text(published.legend), style.body))
    return story


def _fact(label: str, value: str) -> str:
    return f"<b>{text(label)}:</b> {text(value)}"


# -- the summary in plain words -------------------------------------------------------------------


def is_quarter(start: date, end: date) -> bool:
    """Whether ``start`` to ``end`` is exactly one calendar quarter."""
    if start.day != 1 or start.month not in (1, 4, 7, 10):
        return False
    next_start = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return end == next_start - timedelta(days=1)


def summary_sentences(published: PublishedSummary) -> list[str]:
    """Sentences about all municipalities together, from published figures only: a hidden count is
    said as "minder dan 5" (a "<5") or left out (an "x"), never as its value."""
    section = published.sections[0]
    opening = "In dit kwartaal" if is_quarter(published.period.start, published.period.end) else "In deze periode"
    threshold = published.threshold
    sentences = [_residents(opening, section.table(TableKey.RESIDENTS), threshold)]
    for sentence in (
        _with_figure(
            section.table(TableKey.CONTACTS),
            threshold,
            "Er waren {total} contacten met inwoners{extra}.",
            ", samen {figure} uur",
        ),
        _by_outcome(section.table(TableKey.ROUTES), threshold, "Er zijn {total} routes gestart"),
        _decisions(section.table(TableKey.DECISION_DAYS)),
        _with_figure(
            section.table(TableKey.MISSED),
            threshold,
            "Instanties haalden {total} termijnen niet{extra}.",
            "; de helft was {figure} dagen of meer te laat",
        ),
        _by_outcome(section.table(TableKey.OBJECTIONS), threshold, "Er waren {total} bezwaren"),
        _signals(section, threshold),
    ):
        if sentence:
            sentences.append(sentence)
    return sentences


def said(shown: Shown | None, threshold: int) -> str | None:
    """A published count in words: the number, "minder dan 5" for a small one, None for an "x"."""
    if shown is None:
        return None
    if shown.value is not None:
        return str(shown.value)
    return f"minder dan {threshold}" if shown.mark.startswith("<") else None


def _some(shown: Shown | None, threshold: int) -> str | None:
    """A published count in words when it is shown and not zero, else None."""
    number = said(shown, threshold)
    return None if number is None or number == "0" else number


def _counted(counts: Sequence[Shown], words: Sequence[str], threshold: int) -> list[str]:
    """'12 toegekend', 'minder dan 5 afgewezen' for the shown, non-zero ``counts`` with their words."""
    return [
        f"{number} {word}" for shown, word in zip(counts, words, strict=True) if (number := _some(shown, threshold))
    ]


def _listed(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _first_figure(table: PublishedTable) -> float | None:
    return table.total_figures[0] if table.total_figures else None


def _residents(opening: str, table: PublishedTable, threshold: int) -> str:
    total = _some(table.row_totals[0] if table.row_totals else None, threshold)
    if total is None:
        return f"{opening} zijn geen inwoners ondersteund."
    parts = _counted(table.cells[0], [label.lower() for label in table.column_labels], threshold)
    detail = f" ({_listed(parts)})" if parts else ""
    return f"{opening} ondersteunden we {total} inwoners{detail}."


def _with_figure(table: PublishedTable, threshold: int, sentence: str, clause: str) -> str | None:
    """``sentence`` with the table's total, ``clause`` added with its first figure when there is one."""
    total = _some(table.total, threshold)
    if total is None:
        return None
    figure = _first_figure(table)
    extra = clause.format(figure=number_text(figure)) if figure is not None else ""
    return sentence.format(total=total, extra=extra)


def _by_outcome(table: PublishedTable, threshold: int, opening: str) -> str | None:
    """'{opening} 12 ...: 5 toegekend en minder dan 5 afgewezen', from the total and the column totals."""
    total = _some(table.total, threshold)
    if total is None or table.column_totals is None:
        return None
    parts = _counted(table.column_totals, [label.lower() for label in table.column_labels], threshold)
    detail = f": {_listed(parts)}" if parts else ""
    return opening.format(total=total) + detail + "."


def _decisions(table: PublishedTable) -> str | None:
    median = _first_figure(table)
    if median is None:
        return None
    return f"De helft van de besluiten kwam binnen {number_text(median)} dagen na de aanvraag."


def _signals(section: PublishedSection, threshold: int) -> str | None:
    table = section.table(TableKey.SIGNALS)
    total = _some(table.total, threshold)
    if total is None:
        return None
    sentence = f"Er zijn {total} signalen vastgelegd over knelpunten bij instanties."
    shown = [(s.value, label) for s, label in zip(table.row_totals or (), table.row_labels, strict=False) if s.value]
    if shown:
        most = max(value for value, _ in shown)
        themes = [label for value, label in shown if value == most]
        sentence += f" De meeste gingen over {_listed(themes).lower()} ({most})."
    return sentence


def number_text(value: float) -> str:
    """12 or 12,5: one decimal at most, a decimal comma."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


# -- one section ---------------------------------------------------------------------------------


def _section(
    section: PublishedSection, threshold: int, style: Styles, *, signals_elsewhere: bool, legend: Flowable | None
) -> tuple[list[Flowable], bool]:
    """The section's flowables, with ``legend`` right under its first table that shows a "<5" or an
    "x" (the second value: whether it was placed)."""
    story: list[Flowable] = [Paragraph(text(section.municipality), style.heading)]
    story += charts(section, threshold, style)
    placed = False
    for table in section.tables:
        below = legend if legend is not None and not placed and has_mark(table) else None
        story += table_flowables(table, style, below=below)
        placed = placed or below is not None
    story.append(Paragraph(text(SHARED_SIGNALS), style.subheading))
    if signals_elsewhere:
        story.append(Paragraph(text(SIGNALS_PER_MUNICIPALITY), style.body))
    elif not section.signals:
        story.append(Paragraph(text(NO_SIGNALS), style.body))
    for signal in section.signals if not signals_elsewhere else ():
        story.append(
            Paragraph(f"<b>{text(signal.theme)}, {text(signal.organisation)}:</b> {text(signal.text)}", style.item)
        )
    return story, placed


def has_mark(table: PublishedTable) -> bool:
    """Whether the printed table shows a hidden count ("<5" or "x") anywhere."""
    shown = [cell for row in table.cells for cell in row]
    shown += [*(table.row_totals or ()), *(table.column_totals or ()), *((table.total,) if table.total else ())]
    return any(cell.hidden for cell in shown)


def _cell(value: str, style: Styles, *, bold: bool = False, right: bool = False) -> Paragraph:
    markup = f"<b>{text(value)}</b>" if bold else text(value)
    if right:
        markup = f'<para alignment="right">{markup}</para>'
    return Paragraph(markup, style.small)


def _columns(table: PublishedTable) -> list[_Column]:
    """The table's printed columns beside the row labels: (header, a text per row and the totals row
    last, whether a total)."""
    rows = range(len(table.row_labels))
    totals_row = table.column_totals is not None or bool(table.total_figures)
    found = []
    for j, label in enumerate(table.column_labels):
        below = [table.column_totals[j].text] if table.column_totals is not None else [""]
        found.append((label, [table.cells[i][j].text for i in rows] + below, False))
    if table.row_totals is not None:
        below = [table.total.text if table.total is not None else ""]
        found.append((TOTAL, [table.row_totals[i].text for i in rows] + below, True))
    for k, label in enumerate(table.figure_labels):
        values = [table.figures[i][k] if table.figures else None for i in rows]
        values.append(table.total_figures[k] if table.total_figures else None)
        found.append((label, [NO_FIGURE if value is None else number_text(value) for value in values], False))
    if not totals_row:
        found = [(header, values[:-1], is_total) for header, values, is_total in found]
    return found


def _header_width(header: str, style: Styles) -> float:
    """The width a column needs: its header's longest word on one line, the whole in three lines."""
    size = float(style.small.fontSize)
    longest = max((_width(word, size) for word in header.split()), default=0.0)
    wanted = max(longest, _width(header, size) / 3) + 2 * CELL_PADDING + 2
    return float(min(max(wanted, MIN_COLUMN), COLUMNS_WIDTH))


def _width(value: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(value, FONT_BOLD, size))


def _parts(columns: list[_Column], style: Styles) -> list[list[tuple[_Column, float]]]:
    """The columns in parts that fit beside the row labels, each column with its width."""
    parts: list[list[tuple[_Column, float]]] = [[]]
    used = 0.0
    for column in columns:
        width = _header_width(column[0], style)
        if used + width > COLUMNS_WIDTH and parts[-1]:
            parts.append([])
            used = 0.0
        parts[-1].append((column, width))
        used += width
    return parts


def table_flowables(table: PublishedTable, style: Styles, *, below: Flowable | None = None) -> list[Flowable]:
    """The table's title and the table as published; a wide one continues in a second part below.
    ``below`` (the legend) follows the table's first part, on the same page."""
    title = Paragraph(text(table.title), style.subheading)
    if not table.row_labels:
        return [KeepTogether([title, Paragraph(text(NO_ROWS), style.body)])]
    columns = _columns(table)
    with_totals = len(columns[0][1]) > len(table.row_labels)
    labels = [*table.row_labels, TOTAL] if with_totals else list(table.row_labels)
    found: list[Flowable] = []
    for number, part in enumerate(_parts(columns, style)):
        grid = [[_cell("", style)] + [_cell(header, style, bold=True, right=True) for (header, _, _), _ in part]]
        for i, label in enumerate(labels):
            is_totals = with_totals and i == len(labels) - 1
            row = [_cell(label, style, bold=is_totals)]
            row += [
                _cell(values[i], style, bold=is_totals or is_total, right=True) for (_, values, is_total), _ in part
            ]
            grid.append(row)
        widths = [TEXT_WIDTH * LABEL_SHARE] + [width for _, width in part]
        printed = Table(grid, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]
        if with_totals:
            commands.append(("BACKGROUND", (0, -1), (-1, -1), TOTALS_BACKGROUND))
        printed.setStyle(TableStyle(commands))
        heading = title if number == 0 else Paragraph(text(f"{table.title} (vervolg)"), style.subheading)
        after = (
            [Spacer(1, style.gap / 2), below, Spacer(1, style.gap)] if below and number == 0 else [Spacer(1, style.gap)]
        )
        if len(labels) < KEEP_TOGETHER_ROWS:
            found.append(KeepTogether([heading, printed, *after]))
        else:
            found += [heading, printed, *after]
    return found


# -- charts --------------------------------------------------------------------------------------


def charts(section: PublishedSection, threshold: int, style: Styles) -> list[Flowable]:
    """Four charts, two by two: outcomes per route kind, days to a decision, areas of life, signals."""
    routes = section.table(TableKey.ROUTES)
    days = section.table(TableKey.DECISION_DAYS)
    domains = section.table(TableKey.LIFE_DOMAINS)
    signals = section.table(TableKey.SIGNALS)
    kinds = shown_kinds(routes)
    left_out = KINDS_LEFT_OUT if len(kinds) < len(routes.row_labels) else ""
    drawn = [
        _chart_cell("Uitkomst van de routes, per soort", _outcomes_chart(routes, kinds), style, left_out),
        _chart_cell("Dagen tot besluit (mediaan), per soort", _bars_chart(list(_medians(days))), style),
        _chart_cell("Inwoners per levensgebied", _bars_chart(list(_column_values(domains))), style),
        _chart_cell("Signalen per thema", _bars_chart(list(_row_totals(signals))), style),
    ]
    grid = Table([drawn[:2], drawn[2:]], colWidths=[TEXT_WIDTH / 2] * 2, hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [grid, Paragraph(text(CHART_NOTE.format(threshold=threshold)), style.small), Spacer(1, style.gap)]


def _chart_cell(title: str, drawing: Drawing | None, style: Styles, note: str = "") -> list[Flowable]:
    cell = [Paragraph(f"<b>{text(title)}</b>", style.small), drawing or Paragraph(text(CHART_EMPTY), style.small)]
    return [*cell, Paragraph(text(note), style.small)] if note else cell


def _medians(table: PublishedTable) -> Iterator[tuple[str, float]]:
    for label, figures in zip(table.row_labels, table.figures, strict=False):
        if figures and figures[0] is not None:
            yield label, figures[0]


def _column_values(table: PublishedTable) -> Iterator[tuple[str, float]]:
    for label, row in zip(table.row_labels, table.cells, strict=True):
        if row and row[0].value:
            yield label, row[0].value


def _row_totals(table: PublishedTable) -> Iterator[tuple[str, float]]:
    for label, shown in zip(table.row_labels, table.row_totals or (), strict=False):
        if shown.value:
            yield label, shown.value


def label_lines(label: str) -> list[str]:
    """A chart's category label on as many lines as it needs beside the bars (never cut)."""
    return simpleSplit(label, FONT, CHART_FONT_SIZE, CHART_LABEL_WIDTH - 6) or [label]


def _bar_chart(labels: Sequence[str], series: Sequence[Sequence[float | None]], legend_rows: int) -> Drawing:
    """Horizontal bars, one category per label (top to bottom in the given order)."""
    lines = max(len(label_lines(label)) for label in labels)
    bar_height = max(11 if len(series) == 1 else 13, CHART_LEADING * lines + 3)
    plot_height = bar_height * len(labels)
    legend_height = LEGEND_ROW * legend_rows + (4 if legend_rows else 0)
    drawing = Drawing(CHART_WIDTH, plot_height + legend_height + 18)
    chart = HorizontalBarChart()
    chart.x, chart.y = CHART_LABEL_WIDTH, 14 + legend_height
    chart.width, chart.height = CHART_WIDTH - CHART_LABEL_WIDTH - 8, plot_height
    chart.data = [list(reversed(values)) for values in series]
    chart.categoryAxis.categoryNames = ["\n".join(label_lines(label)) for label in reversed(labels)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = CHART_FONT_SIZE
    chart.categoryAxis.labels.leading = CHART_LEADING
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = CHART_FONT_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barSpacing = 0
    chart.groupSpacing = 3
    for index in range(len(series)):
        chart.bars[index].fillColor = colors.HexColor(BAR_COLOURS[index % len(BAR_COLOURS)])
        chart.bars[index].strokeColor = None
    if len(series) > 1:
        chart.categoryAxis.style = "stacked"
        for index in range(len(series)):
            chart.bars[index].strokeColor, chart.bars[index].strokeWidth = BAR_OUTLINE, 0.3
    else:
        chart.barLabelFormat = number_text
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = 6
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def _bars_chart(rows: list[tuple[str, float]]) -> Drawing | None:
    """One bar per row; the rows with a hidden or no value are not in ``rows``."""
    if not rows:
        return None
    return _bar_chart([label for label, _ in rows], [[value for _, value in rows]], 0)


def shown_kinds(table: PublishedTable) -> list[int]:
    """The rows (route kinds) with at least one shown count above 0: the others have nothing to draw."""
    return [i for i, row in enumerate(table.cells) if any(shown.value for shown in row)]


def _drawn(shown: Shown) -> float | None:
    """A segment's length; None (nothing drawn, not even its outline) for a hidden count or 0."""
    return float(shown.value) if shown.value else None


def _outcomes_chart(table: PublishedTable, kinds: Sequence[int]) -> Drawing | None:
    """Stacked bars: per route kind in ``kinds`` its shown outcomes; a hidden cell is not drawn."""
    if not kinds:
        return None
    rows = [table.cells[i] for i in kinds]
    series = [[_drawn(row[j]) for row in rows] for j in range(len(table.column_labels))]
    legend_rows = (len(table.column_labels) + 2) // 3
    drawing = _bar_chart([table.row_labels[i] for i in kinds], series, legend_rows)
    legend = Legend()
    legend.x, legend.y = 0, LEGEND_ROW * legend_rows
    legend.fontName, legend.fontSize = FONT, 6.5
    legend.columnMaximum = legend_rows
    legend.deltax, legend.deltay, legend.dxTextSpace, legend.dx, legend.dy = 80, LEGEND_ROW, 3, 6, 6
    legend.alignment = "right"
    legend.strokeColor, legend.strokeWidth = BAR_OUTLINE, 0.3
    legend.colorNamePairs = [
        (colors.HexColor(BAR_COLOURS[j % len(BAR_COLOURS)]), label) for j, label in enumerate(table.column_labels)
    ]
    drawing.add(legend)
    return drawing
