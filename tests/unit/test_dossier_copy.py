"""The resident's copy and the hand-over: export, import into another database, export again gives the
same dossier; damaged, newer and foreign files are refused and change nothing; all of it is logged."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientsteun.domain import dossier_format as fmt
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dossier_format import DossierDamaged, NewerDossier, NotADossier, UnknownValue
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import ClientInput, Consent, ConversationInput, HelpQuestionInput, NetworkMember
from clientsteun.domain.routes import EvidenceInput, NewAttachment, RouteInput, SignalInput, StepInput
from clientsteun.services import Services
from clientsteun.services.dossier_import import AlreadyHere
from clientsteun.services.handover import WrongTransferPassphrase, is_hand_over, normalised
from clientsteun.store.database import make_engine
from tests.conftest import FAST_KDF, TEST_KEY, FakeClock
from tests.helpers.databases import opened
from tests.helpers.pdf import body as pdf_text
from tests.unit.seeds import build_at_revision

# Fields that say when and with which version a file was made, not what is in the dossier.
MADE = ("exported_at", "app_version", "checksum")


def same_dossier(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in MADE}


def _counts(services: Services) -> dict[str, int]:
    from sqlalchemy import func, select

    from clientsteun.store.tables import Base

    with services.database.transaction() as session:
        return {
            name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in Base.metadata.tables.items()
        }


def rich_resident(services: Services, seed: int = 0, *, notes: str = "Over de huur.", data: bytes = b"%PDF-1.4") -> int:
    client = services.clients.create_client(
        ClientInput(
            name=f"Fenna Verzonnen{seed}", alias="Fen", municipality="Nergenshuizen", first_contact=date(2026, 3, 1),
            life_domains=("housing",), network=(NetworkMember("Bram Bedacht", "broer", "0612345678"),),
            consent=Consent(date(2026, 3, 1), "gesprekken", "gemeente", valid_until=date(2027, 3, 1)),
        )
    )  # fmt: skip
    services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 3, 1), "Een huis", "Rust"))
    talk = services.conversations.save_conversation(
        None, ConversationInput(client.id, date(2026, 3, 2), "intake", notes=notes, life_domains=("housing",))
    )
    del talk
    route = services.routes.save_route(None, RouteInput(client.id, "wmo", "Huishoudelijke hulp", organisation="Gem"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 3, 3), "applied", note="Ingediend bij Bram Bedacht"))
    services.routes.save_evidence(
        None, EvidenceInput(route.id, date(2026, 3, 4), "Brief"), NewAttachment("brief.pdf", "application/pdf", data)
    )
    services.routes.save_signal(
        None, SignalInput(client.id, date(2026, 3, 5), "waiting_list", "Lang wachten", route.id)
    )
    services.requests.add_request(client.id, fmt_kind("copy"), date(2026, 3, 6))
    services.requests.add_statement(client.id, date(2026, 3, 7), "Ik ben het niet eens met het verslag.")
    return client.id


def fmt_kind(kind: str) -> Any:
    from clientsteun.domain.rights import RequestKind

    return RequestKind(kind)


def test_the_copy_holds_every_part_of_the_dossier_and_passes_its_own_checks(services: Services, tmp_path: Path) -> None:
    client_id = rich_resident(services)
    written = services.dossier_copy.save_copy(client_id, tmp_path / "kopie.json", pdf=False)
    body = fmt.parse(written.read_bytes())
    assert body["format_version"] == fmt.FORMAT_VERSION
    assert body["resident"]["name"] == "Fenna Verzonnen0"
    assert [len(body[s]) for s in ("network", "consents", "help_questions", "conversations", "routes", "signals")] == [
        1, 1, 1, 1, 1, 1,
    ]  # fmt: skip
    (evidence,) = body["routes"][0]["evidence"]
    assert base64.b64decode(evidence["attachment"]["data"]) == b"%PDF-1.4"
    assert [note["kind"] for note in body["notes"]] == ["statement"]
    assert [r["kind"] for r in body["requests"]] == ["copy"]
    assert body["signals"][0]["route_uuid"] == body["routes"][0]["uuid"]


def test_every_field_of_the_format_is_described_in_the_documentation() -> None:
    document = (Path(__file__).resolve().parents[2] / "docs" / "dossier-format.md").read_text(encoding="utf-8")
    missing = [path for path in fmt.field_paths() if f"`{path}`" not in document]
    assert missing == []


def test_the_seeded_dossiers_of_every_table_round_trip(tmp_path: Path, catalog: Catalog, clock: FakeClock) -> None:
    """The seeds fill every table (meetings, preparations, links, ...): each resident goes across intact."""
    source = tmp_path / "bron.db"
    build_at_revision(make_engine(source, TEST_KEY, foreign_keys=False), "0006")
    with opened(source, catalog, clock) as services:
        ids = [summary.id for summary in services.clients.list_clients()]
        bodies = [services.dossier_copy.read_copy(client_id) for client_id in ids]
        files = []
        for client_id in ids:
            files.append(services.dossier_copy.save_copy(client_id, tmp_path / f"{client_id}.json", pdf=False))
    assert any(body["meetings"] and body["preparations"] and body["route_links"] for body in bodies)
    with opened(tmp_path / "leeg.db", catalog, clock) as target:
        for body, path in zip(bodies, files, strict=True):
            imported = target.dossier_import.import_file(path)
            assert same_dossier(target.dossier_copy.read_copy(imported.client_id)) == same_dossier(body)


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    notes=texts,
    name=texts.filter(lambda t: t.strip() != ""),
    data=st.binary(min_size=1, max_size=300),
    seed=st.integers(0, 99),
)
def test_a_generated_dossier_exports_imports_and_exports_the_same(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, notes: str, name: str, data: bytes, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("rond")
    clock = FakeClock()
    with opened(folder / "bron.db", catalog, clock) as services:
        client_id = rich_resident(services, seed, notes=notes, data=data)
        services.clients.update_client(
            client_id, ClientInput(name=name, municipality="Nergenshuizen", first_contact=date(2026, 3, 1))
        )
        before = services.dossier_copy.read_copy(client_id)
        copy = services.dossier_copy.save_copy(client_id, folder / "kopie.json", pdf=False)
        handed = services.dossier_copy.hand_over(client_id, folder / "overdracht.cso", kdf=FAST_KDF)
    for path, passphrase in ((copy, ""), (handed.path, handed.transfer_passphrase)):
        with opened(folder / f"{path.stem}.db", catalog, clock) as target:
            imported = target.dossier_import.import_file(path, transfer_passphrase=passphrase)
            after = target.dossier_copy.read_copy(imported.client_id)
        assert same_dossier(after) == same_dossier(before)  # the UUIDs too


def test_a_hand_over_file_is_unreadable_without_its_transfer_passphrase(
    services: Services, tmp_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    client_id = rich_resident(services, notes="Geheimwoordje")
    handed = services.dossier_copy.hand_over(client_id, tmp_path / "overdracht.cso", kdf=FAST_KDF)
    content = handed.path.read_bytes()
    assert is_hand_over(content) and b"Geheimwoordje" not in content and b"Verzonnen" not in content
    assert len(handed.transfer_passphrase.split("-")) == 6
    assert normalised(handed.transfer_passphrase.upper().replace("-", " ")) == handed.transfer_passphrase
    with opened(tmp_path / "collega.db", catalog, clock) as colleague:
        before = _counts(colleague)
        with pytest.raises(WrongTransferPassphrase) as refused:
            colleague.dossier_import.import_file(handed.path, transfer_passphrase="bakol-tumer-sifan-dorek-mipas-lutav")
        assert "overdrachtswachtwoord" in refused.value.message
        assert _counts(colleague) == before
        assert colleague.dossier_import.needs_transfer_passphrase(handed.path)


def test_a_resident_already_here_is_refused_or_added_as_a_copy_under_new_uuids(
    services: Services, tmp_path: Path
) -> None:
    client_id = rich_resident(services)
    path = services.dossier_copy.save_copy(client_id, tmp_path / "kopie.json", pdf=False)
    before = _counts(services)
    with pytest.raises(AlreadyHere):
        services.dossier_import.import_file(path)
    assert _counts(services) == before
    copy = services.dossier_import.import_file(path, as_copy=True)
    original, second = (services.dossier_copy.read_copy(i) for i in (client_id, copy.client_id))
    assert second["resident"]["uuid"] != original["resident"]["uuid"]
    assert {r["uuid"] for _s, r in fmt.records(second)}.isdisjoint({r["uuid"] for _s, r in fmt.records(original)})
    assert second["signals"][0]["route_uuid"] == second["routes"][0]["uuid"]  # references follow
    assert second["conversations"][0]["notes"] == original["conversations"][0]["notes"]


def _sealed(body: dict[str, Any]) -> bytes:
    return fmt.to_text(body).encode("utf-8")


def _damaged_files(good: bytes) -> dict[str, tuple[bytes, type[InvalidInput]]]:
    body = json.loads(good)
    wrong_sum = body | {"checksum": "0" * 64}
    newer = dict(body, format_version=fmt.FORMAT_VERSION + 1)
    bad_attachment = json.loads(good)
    bad_attachment["routes"][0]["evidence"][0]["attachment"]["data"] = base64.b64encode(b"anders").decode()
    missing_field = json.loads(good)
    del missing_field["resident"]["name"]
    dangling = json.loads(good)
    dangling["signals"][0]["route_uuid"] = "00000000-0000-4000-8000-000000000000"
    odd_state = json.loads(good)
    odd_state["routes"][0]["steps"][0]["state"] = "half"
    return {
        "wrong checksum": (json.dumps(wrong_sum).encode(), DossierDamaged),
        "edited without checksum": (good.replace(b"Over de huur.", b"Over de hoer."), DossierDamaged),
        "bad JSON": (good[: len(good) // 2], NotADossier),
        "attachment hash": (_sealed(bad_attachment), DossierDamaged),
        "field missing": (_sealed(missing_field), DossierDamaged),
        "reference to nothing": (_sealed(dangling), DossierDamaged),
        "a step state this version does not know": (_sealed(odd_state), UnknownValue),
        "newer version": (_sealed(newer), NewerDossier),
        "not a dossier": (b'{"format": "iets anders"}', NotADossier),
        "a picture": (b"\x89PNG\r\n\x1a\n\x00\x00", NotADossier),
    }


def test_damaged_newer_and_foreign_files_are_refused_and_change_nothing(
    services: Services, tmp_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    good = services.dossier_copy.save_copy(rich_resident(services), tmp_path / "kopie.json", pdf=False).read_bytes()
    with opened(tmp_path / "leeg.db", catalog, clock) as target:
        before = _counts(target)
        for label, (content, error) in _damaged_files(good).items():
            path = tmp_path / f"{label}.json"
            path.write_bytes(content)
            with pytest.raises(error) as refused:
                target.dossier_import.import_file(path)
            assert "Er is niets ingelezen en niets veranderd." in refused.value.message, label
            assert _counts(target) == before, label
        assert target.audit.entries() == []


def test_an_unknown_word_is_refused_by_name_and_catalog_codes_are_kept_with_a_warning(
    services: Services, tmp_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    written = services.dossier_copy.save_copy(rich_resident(services), tmp_path / "k.json", pdf=False)
    body = json.loads(written.read_text(encoding="utf-8"))
    body["requests"][0]["kind"] = "bezwaar"
    refused = tmp_path / "verzoek.json"
    refused.write_bytes(_sealed(body))
    body["requests"][0]["kind"] = "copy"
    body["routes"][0]["kind"] = "andere_catalogus"
    body["routes"][0]["steps"][0]["kind"] = "eigen_stap"
    body["conversations"][0] |= {"kind": "home_visit", "life_domains": ["housing", "eigen_leefgebied"]}
    body["resident"]["life_domains"] = ["eigen_leefgebied"]
    kept = tmp_path / "catalogus.json"
    kept.write_bytes(_sealed(body))
    with opened(tmp_path / "leeg.db", catalog, clock) as target:
        with pytest.raises(UnknownValue) as unknown:
            target.dossier_import.import_file(refused)
        assert "soort verzoek" in unknown.value.message and "‘bezwaar’" in unknown.value.message
        assert target.clients.list_clients() == []
        imported = target.dossier_import.import_file(kept)
        assert imported.unknown == (
            "leefgebied ‘eigen_leefgebied’", "soort route ‘andere_catalogus’", "soort stap ‘eigen_stap’",
        )  # fmt: skip
        (route,) = target.routes.list_routes(imported.client_id)  # read as the window reads it
        assert route.route.data.kind == "andere_catalogus"
        assert catalog.routes.kind(route.route.data.kind).name == "andere_catalogus"  # shown as the code itself


def test_a_damaged_hand_over_file_is_refused(services: Services, tmp_path: Path) -> None:
    handed = services.dossier_copy.hand_over(rich_resident(services), tmp_path / "o.cso", kdf=FAST_KDF)
    body = json.loads(handed.path.read_bytes())
    body["ciphertext"] = base64.b64encode(b"x" * 40).decode()
    broken = tmp_path / "kapot.cso"
    broken.write_text(json.dumps(body))
    with pytest.raises(DossierDamaged):
        services.dossier_import.import_file(broken, transfer_passphrase=handed.transfer_passphrase)


def test_passages_left_out_are_blanked_listed_and_logged_without_content(services: Services, tmp_path: Path) -> None:
    client_id = rich_resident(services, notes="Bram Bedacht kwam ook langs.")
    mentions = services.dossier_copy.mentions(client_id)
    body = services.dossier_copy.read_copy(client_id)
    talk = body["conversations"][0]["uuid"]
    step = body["routes"][0]["steps"][0]["uuid"]
    assert {(m.section, m.uuid, m.network) for m in mentions} == {("conversations", talk, True),
                                                                  ("routes.steps", step, True)}  # fmt: skip
    path = services.dossier_copy.save_copy(client_id, tmp_path / "kopie.json", pdf=False, leave_out=[talk])
    copy = fmt.parse(path.read_bytes())
    assert copy["conversations"][0]["notes"] == ""
    assert copy["left_out"] == [{"section": "conversations", "uuid": talk}]
    last = services.audit.entries()[-1]
    assert (last.action, last.client_id) == (AuditAction.EXPORT, client_id)
    assert "1 stukken weggelaten" in last.detail and "Bram" not in last.detail


def test_the_pdf_copy_reads_in_plain_dutch(services: Services, tmp_path: Path) -> None:
    client_id = rich_resident(services)
    path = services.dossier_copy.save_copy(client_id, tmp_path / "kopie.pdf", pdf=True)
    shown = pdf_text(path.read_bytes())
    expected_texts = (
        "Uw dossier bij de cliëntondersteuning", "Fenna Verzonnen0", "Gesprekken", "Over de huur.",
        "Huishoudelijke hulp", "brief.pdf", "Ik ben het niet eens met het verslag.", "01-03-2026",
    )  # fmt: skip
    for expected in expected_texts:
        assert expected in shown, expected


def test_every_export_hand_over_and_import_is_logged_by_number_only_after_success(
    services: Services, tmp_path: Path, catalog: Catalog, clock: FakeClock
) -> None:
    client_id = rich_resident(services)
    with pytest.raises(InvalidInput):
        services.dossier_copy.save_copy(client_id, tmp_path, pdf=False)  # a folder: refused
    assert services.audit.entries() == []
    copy = services.dossier_copy.save_copy(client_id, tmp_path / "kopie.json", pdf=False)
    handed = services.dossier_copy.hand_over(client_id, tmp_path / "o.cso", kdf=FAST_KDF)
    with opened(tmp_path / "collega.db", catalog, clock) as colleague:
        first = colleague.dossier_import.import_file(handed.path, transfer_passphrase=handed.transfer_passphrase)
        second = colleague.dossier_import.import_file(copy, as_copy=True)
        logged = [(e.action, e.client_id, e.detail) for e in colleague.audit.entries()]
    assert logged == [
        (AuditAction.DOSSIER_IMPORT, first.client_id, "overdracht ingelezen"),
        (AuditAction.DOSSIER_IMPORT, second.client_id, "kopie ingelezen onder nieuwe nummers"),
    ]
    services.dossier_import.record_hand_over(client_id, erase=False)
    mine = [(e.action, e.client_id) for e in services.audit.entries()]
    assert mine == [(AuditAction.EXPORT, client_id), (AuditAction.HAND_OVER, client_id),
                    (AuditAction.HAND_OVER_RECORDED, client_id)]  # fmt: skip
    assert all("Fenna" not in e.detail and "Verzonnen" not in e.detail for e in services.audit.entries())
    closed = services.clients.get_client(client_id)
    assert (closed.status.value, closed.close_reason) == ("closed", "overgedragen")


def test_recording_the_hand_over_can_erase_the_dossier_instead(services: Services) -> None:
    client_id = rich_resident(services)
    services.dossier_import.record_hand_over(client_id, erase=True)
    assert services.clients.list_clients() == []
    assert [e.action for e in services.audit.entries()] == [AuditAction.ERASE, AuditAction.HAND_OVER_RECORDED]
