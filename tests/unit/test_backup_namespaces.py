"""Each database its own backups: a random id made with it names its backups and its key copy.

Two databases with the same name stem in one folder (``kantoor.db`` and ``kantoor.sqlite``) share
``backups/``.  Before database ids the second overwrote the first's key copy and its clean-up
removed the first's backups.  A database from before ids gets one when it is upgraded, and its
backups from then are found and take its names.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService
from clientsteun.store import keys
from clientsteun.store.backups import backup_database
from clientsteun.store.database import make_engine, read_database_id, read_revision
from clientsteun.store.vault import Vault, VaultState
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock
from tests.unit.seeds import build_at_revision

OTHER_PASSPHRASE = "groene giraffe zingt luid"
POLICY = RetentionPolicy(daily=2, weekly=0)


def _made(path: Path, catalog: Catalog, passphrase: str, name: str) -> tuple[Vault, bytes]:
    vault = Vault.at(path)
    key, _code = vault.create_key(passphrase, with_recovery=False, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog, FakeClock())
    with contextlib.closing(services):
        services.clients.create_client(ClientInput(name))
    return vault, key


def _daily_backups(vault: Vault, key: bytes, days: int) -> None:
    """A backup at the start of each of ``days`` days, pruned as the app does after each."""
    clock = FakeClock(NOW - timedelta(days=days))
    keeper = SafetyService(vault.db_path, clock).keeper(POLICY)
    for _ in range(days):
        clock.value += timedelta(days=1)
        assert keeper.backup(key, "start")


@pytest.fixture
def two(tmp_path: Path, catalog: Catalog) -> tuple[tuple[Vault, bytes], tuple[Vault, bytes]]:
    """``kantoor.db`` and ``kantoor.sqlite`` in one folder, each with five days of backups."""
    first = _made(tmp_path / "kantoor.db", catalog, PASSPHRASE, "Anna Eerste")
    second = _made(tmp_path / "kantoor.sqlite", catalog, OTHER_PASSPHRASE, "Bert Tweede")
    for vault, key in (first, second):
        _daily_backups(vault, key, 5)
    return first, second


def test_each_database_gets_a_random_id_in_the_database_and_its_key_file(
    two: tuple[tuple[Vault, bytes], tuple[Vault, bytes]],
) -> None:
    ids = []
    for vault, key in two:
        database_id = read_database_id(vault.db_path, key)
        assert re.fullmatch(r"[0-9a-f]{16}", database_id)
        envelope = keys.read_envelope(vault.key_path)
        assert (envelope.database_id, envelope.database_name) == (database_id, vault.db_path.name)
        assert vault.backups.key_copy.name == f"kantoor-{database_id}.key"
        ids.append(database_id)
    assert ids[0] != ids[1]


def test_two_databases_with_the_same_stem_keep_their_own_key_copy_and_backups(
    two: tuple[tuple[Vault, bytes], tuple[Vault, bytes]],
) -> None:
    for (vault, key), passphrase in zip(two, (PASSPHRASE, OTHER_PASSPHRASE), strict=True):
        backups = vault.backups.backups()
        assert len(backups) == POLICY.daily, "its own prune kept two of its five, the other's left its own"
        assert all(vault.database_id in backup.path.name for backup in backups)
        assert [backup.number for backup in backups] == [5, 4]
        assert keys.unlock(keys.read_envelope(vault.backups.key_copy), passphrase) == key
        latest = vault.backups.latest_good(key)
        assert latest is not None and latest.number == 5
    folder = two[0][0].db_path.parent / "backups"
    assert len(list(folder.glob("kantoor-*.db"))) == 2 * POLICY.daily
    assert len(list(folder.glob("kantoor-*.key"))) == 2


def test_a_lost_key_file_comes_back_from_its_own_copy_not_the_other_databases(
    two: tuple[tuple[Vault, bytes], tuple[Vault, bytes]],
) -> None:
    (first, first_key), (second, second_key) = two
    first.key_path.unlink()
    second.key_path.write_text("kapot", encoding="utf-8")
    assert Vault.at(first.db_path).unlock(PASSPHRASE) == first_key
    assert Vault.at(second.db_path).unlock(OTHER_PASSPHRASE) == second_key


def test_a_new_database_beside_another_with_the_same_stem_starts_afresh(tmp_path: Path, catalog: Catalog) -> None:
    vault, key = _made(tmp_path / "kantoor.db", catalog, PASSPHRASE, "Anna Eerste")
    _daily_backups(vault, key, 2)
    assert Vault.at(tmp_path / "kantoor.sqlite").state() is VaultState.NEW
    vault.db_path.unlink()
    vault.key_path.unlink()
    assert vault.state() is VaultState.MISSING, "its backups and its key copy are still there"


def test_backups_without_any_key_copy_still_mean_a_lost_database(tmp_path: Path, catalog: Catalog) -> None:
    vault, key = _made(tmp_path / "kantoor.db", catalog, PASSPHRASE, "Anna Eerste")
    _daily_backups(vault, key, 1)
    copy = vault.backups.key_copy
    vault.db_path.unlink()
    vault.key_path.unlink()
    copy.unlink()
    assert vault.state() is VaultState.MISSING, "backups nobody is known to own may be this database's"
    assert Vault.at(tmp_path / "kantoor.sqlite").state() is VaultState.MISSING


# --- a database from before ids -------------------------------------------------------------------


def _from_before_ids(path: Path, passphrase: str, stamps: list[datetime]) -> bytes:
    """A database at revision 0004 as the version before ids left it: a key file naming no database,
    its copy ``backups/<stem>.key`` and backups named by stem and time."""
    key, envelope, _code = keys.create_key(passphrase, with_recovery=False, kdf=FAST_KDF)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_at_revision(make_engine(path, key, foreign_keys=False), "0004")
    keys.write_envelope(path.with_name(path.name + ".key"), envelope)
    folder = path.parent / "backups"
    keys.write_envelope(folder / f"{path.stem}.key", envelope)
    for stamp in stamps:
        backup_database(path, key, folder / f"{path.stem}-{stamp:%Y%m%d-%H%M%S}-start.db")
    return key


def test_a_database_from_before_ids_gets_one_and_its_backups_take_its_names(tmp_path: Path) -> None:
    ours = tmp_path / "kantoor.db"
    theirs = tmp_path / "kantoor.sqlite"
    their_key = _from_before_ids(theirs, OTHER_PASSPHRASE, [datetime(2026, 11, 1, 9), datetime(2026, 11, 3, 9)])
    key = _from_before_ids(ours, PASSPHRASE, [datetime(2026, 11, 2, 9), datetime(2026, 11, 4, 9)])
    vault = Vault.at(ours)
    assert len(vault.backups.backups()) == 4, "before ids, every backup of the stem is listed"

    vault.open(vault.unlock(PASSPHRASE)).close()

    database_id = read_database_id(ours, key)
    assert keys.read_envelope(vault.key_path).database_id == database_id
    backups = vault.backups.backups()
    assert [(backup.number, backup.reason) for backup in backups[:3]] == [
        (3, "voor-bijwerken"),
        (2, "start"),
        (1, "start"),
    ], "its own, oldest first, then the copy made before the upgrade"
    assert [backup.made_at for backup in backups[1:3]] == [datetime(2026, 11, 4, 9), datetime(2026, 11, 2, 9)]
    assert [backup.number for backup in backups[3:]] == [0, 0], "the other database's stay as they were"
    assert all(read_revision(backup.path, their_key)[1] == "0004" for backup in backups[3:])
    assert vault.backups.latest_good(key) == backups[0]
    assert not (tmp_path / "backups" / "kantoor.key").exists(), "its copy from before ids was this key's"
    assert keys.unlock(keys.read_envelope(vault.backups.key_copy), PASSPHRASE) == key

    other = Vault.at(theirs)
    other.open(other.unlock(OTHER_PASSPHRASE)).close()
    assert [backup.number for backup in other.backups.backups()] == [3, 2, 1]
    assert [backup.number for backup in vault.backups.backups()] == [3, 2, 1]


def test_a_restore_finds_a_backup_from_before_ids(tmp_path: Path, catalog: Catalog) -> None:
    """On a new laptop a backup from before ids comes with its key file: it is put back and gets an id."""
    old = tmp_path / "oud" / "kantoor.db"
    _from_before_ids(old, PASSPHRASE, [datetime(2026, 11, 2, 9)])
    (backup,) = (old.parent / "backups").glob("kantoor-*-start.db")
    carried = tmp_path / "stick" / "kantoor-reserve.db"
    carried.parent.mkdir()
    shutil.copyfile(backup, carried)
    shutil.copyfile(old.with_name("kantoor.db.key"), carried.with_name(carried.name + ".key"))
    safety = SafetyService(tmp_path / "nieuw" / "kantoor.db", FakeClock())
    key = safety.adopt_key_of(carried, PASSPHRASE)
    safety.restore(key, carried)
    services = safety.open_services(key, catalog)
    with contextlib.closing(services):
        assert services.clients.list_clients()
    assert keys.read_envelope(safety.vault.key_path).database_id == read_database_id(safety.db_path, key)
