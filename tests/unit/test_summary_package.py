"""Summary packages across laptops: exact counts in, one combined report out; the same package counted
once, overlapping periods of one database refused, a damaged or newer package refused by its file name."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.domain.routes import RouteInput, SignalInput, StepInput
from clientsteun.domain.summary import Period, TableKey
from clientsteun.domain.summary_package import FORMAT_VERSION, PackageRefused, checksum, package_bytes, read_package
from clientsteun.services import Services
from clientsteun.services.summaries import combine_files, write_report
from clientsteun.store.database import open_database
from tests.conftest import FAST_KDF, TEST_KEY, FakeClock

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
AUGUST = Period(date(2026, 8, 1), date(2026, 8, 31))
Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))


def _fill(services: Services, municipality: str, residents: int) -> None:
    for number in range(residents):
        client = services.clients.create_client(
            ClientInput(f"Verzonnen Persoon{number}", municipality=municipality, first_contact=date(2026, 7, 2))
        )
        services.conversations.save_conversation(
            None, ConversationInput(client.id, date(2026, 8, 3), "home_visit", "in_person", duration_minutes=45)
        )


@pytest.fixture
def other(tmp_path: Path, catalog: Catalog) -> Iterator[Services]:
    """A second supporter's laptop: a database of its own."""
    built = Services.create(open_database(tmp_path / "ander.db", TEST_KEY), catalog, FakeClock())
    yield built
    built.close()


def _write(services: Services, folder: Path, name: str, period: Period = Q3, team: str = "") -> Path:
    path = folder / name
    services.summaries.export_package(path, services.summaries.package(period, team))
    return path


def test_a_package_holds_exact_counts_and_no_person(services: Services, tmp_path: Path) -> None:
    _fill(services, "Houten", 3)
    path = _write(services, tmp_path, "noord.json", team="Team Noord")
    raw = json.loads(path.read_text("utf-8"))
    assert raw["format_version"] == FORMAT_VERSION and raw["team"] == "Team Noord"
    assert raw["period"] == {"from": "2026-07-01", "to": "2026-09-30"} and raw["municipalities"] == ["Houten"]
    assert ["residents", "Inwoners", "Nieuw", 3] in raw["units"][0]["counts"]  # exact: 3 is not hidden here
    assert "Persoon" not in path.read_text("utf-8")
    package = read_package(path.name, path.read_bytes())
    assert package.database_id == services.database.database_id != ""


def test_two_laptops_combine_and_the_same_package_twice_counts_once(
    services: Services, other: Services, tmp_path: Path
) -> None:
    _fill(services, "Houten", 3)
    _fill(other, "Houten", 4)
    _fill(other, "Zeist", 6)
    first = _write(services, tmp_path, "noord.json", team="Noord")
    second = _write(other, tmp_path, "zuid.json", team="Zuid")
    copy = tmp_path / "noord-kopie.json"
    copy.write_bytes(first.read_bytes())
    summary = combine_files([first, second, copy])
    assert summary.packages == 2 and summary.teams == ("Noord", "Zuid")
    assert summary.municipalities == ("Houten", "Zeist")
    assert summary.sections[1].table(TableKey.RESIDENTS).total == 7  # 3 + 4: exact before publishing
    assert summary.sections[0].table(TableKey.CONTACTS).total == 13
    write_report(tmp_path / "samen.csv", summary, 5, database=services.database.path)
    rows = list(csv.reader(io.StringIO((tmp_path / "samen.csv").read_text("utf-8-sig")), delimiter=";"))
    assert ["01-07-2026 t/m 30-09-2026", "Houten", "Inwoners ondersteund", "Inwoners", "Nieuw", "7"] in rows
    assert [
        "01-07-2026 t/m 30-09-2026",
        "Alle gemeenten samen",
        "Inwoners ondersteund",
        "Inwoners",
        "Nieuw",
        "13",
    ] in rows


def test_a_resident_handed_over_is_counted_once_by_the_laptop_that_holds_the_dossier(
    services: Services, other: Services, tmp_path: Path
) -> None:
    """A hands the whole dossier over to B (closed on A as "overgedragen"): A's figures leave it out,
    B's count it with its history, so the combined report counts the resident, the contacts, the
    route and the signal once."""
    _fill(services, "Houten", 2)
    moved = services.clients.create_client(
        ClientInput("Verzonnen Verhuizer", municipality="Houten", first_contact=date(2026, 7, 6))
    ).id
    services.conversations.save_conversation(
        None, ConversationInput(moved, date(2026, 7, 7), "intake", "in_person", duration_minutes=30)
    )
    route = services.routes.save_route(None, RouteInput(moved, "wmo", "Wmo"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 7, 8), "applied"))
    services.routes.save_signal(None, SignalInput(moved, date(2026, 7, 9), "waiting_list", "Wacht lang."))
    _fill(other, "Zeist", 1)
    handed = services.dossier_copy.hand_over(moved, tmp_path / "overdracht.cso", kdf=FAST_KDF)
    other.dossier_import.import_file(handed.path, transfer_passphrase=handed.transfer_passphrase)
    services.dossier_import.record_hand_over(moved, erase=False)
    assert services.clients.get_client(moved).closed_on is not None  # still on A, closed as handed over

    mine = services.summaries.summary(Q3).sections[0]
    assert mine.table(TableKey.RESIDENTS).total == 2 and mine.table(TableKey.ROUTES).total == 0
    theirs = other.summaries.summary(Q3).sections[0]
    assert theirs.table(TableKey.RESIDENTS).total == 2 and theirs.table(TableKey.ROUTES).total == 1
    combined = combine_files([_write(services, tmp_path, "a.json"), _write(other, tmp_path, "b.json")])
    together = combined.sections[0]
    assert together.table(TableKey.RESIDENTS).total == 4  # 2 + the one handed over + 1 in Zeist
    assert together.table(TableKey.CONTACTS).total == 4  # each resident's contact, once
    assert together.table(TableKey.ROUTES).total == 1
    assert together.table(TableKey.SIGNALS).total == 1
    houten = combined.sections[1]
    assert houten.municipality == "Houten" and houten.table(TableKey.RESIDENTS).total == 3


def test_a_report_never_replaces_a_file_of_the_database_it_is_given(
    services: Services, other: Services, tmp_path: Path
) -> None:
    """``clientsteun combine`` opens no database, yet the one named (``--db``) is protected: here a
    report file name that is a link to the database itself, which no suffix check would catch."""
    _fill(services, "Houten", 1)
    summary = combine_files([_write(services, tmp_path, "a.json")])
    link = tmp_path / "kantoor.csv"
    link.hardlink_to(other.database.path)
    before = other.database.path.read_bytes()
    with pytest.raises(ClientsteunError, match="hoort bij de database"):
        write_report(link, summary, 5, database=other.database.path)
    assert other.database.path.read_bytes() == before
    written = write_report(tmp_path / "samen.csv", summary, 5, database=other.database.path)
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")  # another file is written as asked


def test_one_database_twice_for_overlapping_periods_is_refused(services: Services, tmp_path: Path) -> None:
    _fill(services, "Houten", 2)
    quarter = _write(services, tmp_path, "kwartaal.json", Q3)
    august = _write(services, tmp_path, "augustus.json", AUGUST)
    with pytest.raises(PackageRefused) as refused:
        combine_files([quarter, august])
    assert "kwartaal.json" in refused.value.message and "augustus.json" in refused.value.message
    assert "overlappen" in refused.value.message
    later = _write(services, tmp_path, "q4.json", Q4)
    assert combine_files([quarter, later]).period == Period(Q3.start, Q4.end)  # one after the other: fine


def _rewritten(path: Path, change: dict[str, object], *, fix_checksum: bool) -> bytes:
    raw = json.loads(path.read_text("utf-8"))
    raw.update(change)
    if fix_checksum:
        raw.pop("checksum")
        raw["checksum"] = checksum(raw)
    return json.dumps(raw).encode("utf-8")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(lambda p: b"{niet af", "geen leesbare JSON", id="bad-json"),
        pytest.param(lambda p: b"\xff\xfe", "geen leesbare JSON", id="not-text"),
        pytest.param(lambda p: b"[1, 2]", "geen samenvattingspakket", id="not-a-package"),
        pytest.param(lambda p: _rewritten(p, {"team": "Ander team"}, fix_checksum=False), "controlesom", id="edited"),
        pytest.param(lambda p: _rewritten(p, {"period": {"from": "2026-07-01"}}, fix_checksum=True), "ontbreekt",
                     id="missing-field"),
        pytest.param(lambda p: _rewritten(p, {"units": [{"municipality": 3}]}, fix_checksum=True), "ontbreekt",
                     id="wrong-type"),
        pytest.param(lambda p: _rewritten(p, {"format_version": FORMAT_VERSION + 1}, fix_checksum=True),
                     "nieuwere versie", id="newer-format"),
    ],
)  # fmt: skip
def test_a_damaged_or_newer_package_is_refused_by_its_file_name(
    services: Services, tmp_path: Path, content: object, says: str
) -> None:
    _fill(services, "Houten", 1)
    good = _write(services, tmp_path, "goed.json")
    bad = tmp_path / "kapot-van-sanne.json"
    bad.write_bytes(content(good))  # type: ignore[operator]
    with pytest.raises(PackageRefused) as refused:
        combine_files([good, bad])
    assert "‘kapot-van-sanne.json’" in refused.value.message
    assert says in refused.value.message
    assert "Sanne" not in refused.value.detail


def test_a_missing_package_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(PackageRefused, match=r"weg\.json"):
        combine_files([tmp_path / "weg.json"])


def test_the_file_round_trips(services: Services) -> None:
    _fill(services, "Houten", 2)
    package = services.summaries.package(Q3, "Team")
    again = read_package("p.json", package_bytes(package))
    assert again == package
