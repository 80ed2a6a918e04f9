"""The coordinator's summary as a PDF, read back with pypdf: every table, the summary in plain words, the
legend (right under the first table with a hidden count), the shareable signals, and never a hidden count
(in a table, a chart or a sentence); chart labels whole, route kinds with nothing shown left out."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

from clientsteun.domain.summary import (
    ALL_MUNICIPALITIES,
    SPECS,
    Period,
    PublishedSummary,
    SharedSignal,
    TableKey,
    UnitFigures,
    build_summary,
    publish_summary,
)
from clientsteun.reports.summary import (
    BAR_COLOURS,
    KINDS_LEFT_OUT,
    is_quarter,
    number_text,
    render_summary,
    summary_sentences,
)
from clientsteun.services import Services
from tests.helpers.cli import run_process
from tests.helpers.pdf import body, collapsed, metadata, pages

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
THRESHOLD = 50  # the setting may raise it: hidden counts can then be numbers that appear nowhere else
HIDDEN = (37, 43, 29)  # counts under the threshold, in the figures below
SMALL_KIND = "Urgentieverklaring voor een woning"  # only a small count: not in the chart
LONG_KIND = "Wmo-ondersteuning (melding en aanvraag)"  # longer than the chart's label area: wrapped
R, C, L, RO, D, S = (key.value for key in (TableKey.RESIDENTS, TableKey.CONTACTS, TableKey.LIFE_DOMAINS,
                                           TableKey.ROUTES, TableKey.DECISION_DAYS, TableKey.SIGNALS))  # fmt: skip


def _unit(name: str) -> UnitFigures:
    counts = {
        (R, "Inwoners", "Nieuw"): 37,
        (R, "Inwoners", "Lopend"): 123,
        (C, "Huisbezoek", "Op locatie"): 210,
        (C, "Telefoongesprek", "Telefoon"): 160,
        (C, "Telefoongesprek", "Op locatie"): 43,
        (L, "Huisvesting", "Inwoners"): 88,
        (L, "Justitie", "Inwoners"): 29,
        (RO, "Bijstand", "Toegekend"): 70,
        (RO, "Bijstand", "Afgewezen"): 55,
        (RO, SMALL_KIND, "Toegekend"): 3,
        (RO, LONG_KIND, "Toegekend"): 60,
        (RO, LONG_KIND, "Afgewezen"): 65,
        (S, "Wachtlijst", "Woningcorporatie"): 61,
    }
    values = {(D, "Bijstand", 56): 60, (D, "Bijstand", 64): 60, (C, "Huisbezoek", 90): 210}
    signal = SharedSignal("Wachtlijst", "Woningcorporatie", f"In {name} staat iemand [naam] drie jaar op de lijst.")
    return UnitFigures(name, counts, values, (signal,))


def _published(*names: str, period: Period = Q3) -> PublishedSummary:
    return publish_summary(build_summary(period, [_unit(name) for name in names]), THRESHOLD)


def _numbers(text: str) -> set[int]:
    return {int(found) for found in re.findall(r"(?<![\d,.])\d+(?![\d,])", text)}


def test_every_table_the_summary_the_legend_and_the_signals_are_in_the_pdf() -> None:
    published = _published("Houten")
    pdf = render_summary(published, printed_on=date(2026, 10, 2))
    text = collapsed(body(pdf))
    for spec in SPECS:
        assert spec.title in text
    for section in (ALL_MUNICIPALITIES, "Houten"):
        assert section in text
    assert "In dit kwartaal ondersteunden we 160 inwoners (minder dan 50 nieuw)." in text
    assert "Er waren 413 contacten met inwoners, samen 315 uur." in text
    assert "De helft van de besluiten kwam binnen 60 dagen na de aanvraag." in text
    assert collapsed(published.legend) in text
    assert "In Houten staat iemand [naam] drie jaar op de lijst." in text
    assert "<50" in text and " x " in text
    assert metadata(pdf)["/Title"] == "Samenvatting 01-07-2026 t/m 30-09-2026"


def test_no_hidden_count_is_printed_drawn_or_said() -> None:
    published = _published("Houten", "Zeist")
    marks = {cell.mark for section in published.sections for table in section.tables for row in table.cells
             for cell in row if cell.hidden}  # fmt: skip
    assert marks == {"<50", "x"}
    text = body(render_summary(published, printed_on=date(2026, 10, 2)))
    numbers = _numbers(text)
    assert not numbers & set(HIDDEN)  # each municipality's small counts: in no table, chart or sentence
    assert 123 not in numbers  # "Lopend", hidden as "x" so that "Nieuw" cannot be worked out
    assert {88, 176, 74, 246} <= numbers  # shown counts are there, per municipality and together (74 = 2 × 37)


def test_a_period_that_is_no_quarter_is_called_a_period() -> None:
    period = Period(date(2026, 7, 1), date(2026, 8, 15))
    assert summary_sentences(_published("Houten", period=period))[0].startswith("In deze periode ondersteunden")
    assert is_quarter(date(2026, 10, 1), date(2026, 12, 31))
    assert not is_quarter(date(2026, 10, 1), date(2026, 12, 30))
    assert number_text(12.0) == "12" and number_text(4.25) == "4,2"


def test_an_empty_period_says_so() -> None:
    published = publish_summary(build_summary(Q3, []), THRESHOLD)
    text = collapsed(body(render_summary(published)))
    assert "In dit kwartaal zijn geen inwoners ondersteund." in text
    assert "Geen gegevens in deze periode." in text


def test_a_big_summary_flows_over_pages_with_the_footer_on_each() -> None:
    names = [f"Gemeente {number:02d}" for number in range(1, 13)]
    pdf = render_summary(_published(*names), printed_on=date(2026, 10, 2))
    found = pages(pdf)
    assert len(found) >= 13  # each municipality starts on a page of its own
    for number, page in enumerate(found, start=1):
        assert f"pagina {number} van {len(found)}" in page
        assert "Vertrouwelijk" in page
    assert "Gemeente 12" in found[-1] or "Gemeente 12" in found[-2]


def test_the_service_writes_the_pdf_and_the_command_line_combines_to_one(services: Services, tmp_path: Path) -> None:
    target = services.summaries.export_summary(tmp_path / "kwartaal.pdf", services.summaries.summary(Q3), 5)
    assert collapsed(body(target.read_bytes())).startswith("Samenvatting van de cliëntondersteuning")
    package = services.summaries.package(Q3, team="Team Noord")
    services.summaries.export_package(tmp_path / "noord.json", package)
    out = tmp_path / "samen.pdf"
    result = run_process(tmp_path, "combine", str(tmp_path / "noord.json"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Teams: Team Noord" in collapsed(body(out.read_bytes()))


def test_the_header_names_the_municipalities_and_says_what_all_together_counts() -> None:
    text = collapsed(body(render_summary(_published("Houten", "Zeist"))))
    assert "Gemeenten (2): Houten, Zeist. Alle gemeenten samen telt altijd alle 2 gemeenten; daarna staat elke" in text
    assert "telt de" not in text and "van deze cijfers" not in text
    chosen = build_summary(Q3, [_unit(name) for name in ("Houten", "Utrecht", "Zeist")]).choosing(["Zeist"])
    text = collapsed(body(render_summary(publish_summary(chosen, THRESHOLD))))
    assert "Gemeenten (3): Houten, Utrecht, Zeist. Apart getoond: Zeist." in text
    assert "Alle gemeenten samen telt altijd alle 3 gemeenten, ook de gemeenten die hier niet apart staan." in text
    text = collapsed(body(render_summary(_published("Houten"))))
    assert "Gemeente: Houten. Alle gemeenten samen is hier alleen Houten." in text


def test_the_legend_sits_right_under_the_first_table_with_a_hidden_count() -> None:
    published = _published("Houten")  # its first table hides "Nieuw" (<50) and "Lopend" (x)
    first = collapsed(pages(render_summary(published))[0])
    title, legend = first.index(SPECS[0].title), first.index(f"Kleine aantallen: {collapsed(published.legend)}")
    assert title < legend < first.index(SPECS[1].title)
    assert "Nieuw Lopend Afgesloten Totaal Inwoners <50 x 0 160 Kleine aantallen: <50 betekent" in first
    assert first.count("Kleine aantallen") == 1  # not also above the charts
    assert "<50 betekent: 1 tot en met 49. Een x betekent: dit aantal is ook weggelaten" in published.legend
    together = collapsed(body(render_summary(_published("Houten", "Zeist"))))  # 74 new together: no mark there
    tables = together.index(SPECS[0].title)
    routes, legend = together.index(SPECS[3].title), together.index("Kleine aantallen")
    assert "<50" not in together[tables:routes] and " x " not in together[tables:routes]
    assert routes < legend < together.index(SPECS[4].title) and " x " in together[routes:legend]


def test_chart_labels_are_whole_and_kinds_with_only_small_counts_are_left_out() -> None:
    published = _published("Houten")
    text = collapsed(body(render_summary(published)))
    assert "…" not in text
    sections = len(published.sections)
    assert text.count(LONG_KIND) == 2 * sections  # in the routes table and, wrapped, beside its bar
    assert text.count(SMALL_KIND) == sections  # in the routes table only
    assert text.count(KINDS_LEFT_OUT) == sections
    assert "een verborgen aantal (<50 of x) is niet getekend" in text


def test_the_outcome_colours_stay_apart_in_grey() -> None:
    greys = sorted(0.299 * int(c[1:3], 16) + 0.587 * int(c[3:5], 16) + 0.114 * int(c[5:7], 16) for c in BAR_COLOURS)
    assert len(BAR_COLOURS) >= 5 and min(b - a for a, b in itertools.pairwise(greys)) >= 40
