"""The corruption matrix: every way a database file goes wrong gives its own plain Dutch message,
leaves the damaged file as it was, and loses nothing that a backup made before holds."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import (
    ClientsteunError,
    DatabaseDamaged,
    DatabaseLocked,
    DiskFull,
    EmptyFile,
    ReadOnlyDatabase,
    WrongPassphrase,
)
from clientsteun.domain.model import AgreementInput, ClientInput, ConversationInput
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService
from clientsteun.store.backups import restore
from clientsteun.store.connection import connect, wal_file
from clientsteun.store.database import open_database
from clientsteun.store.vault import Vault, VaultState
from tests.conftest import FAST_KDF, NOW, PASSPHRASE, FakeClock

PAGE = 4096  # SQLCipher 4's page size
TABLES = ("clients", "conversations", "agreements", "conversation_fts", "audit_log")
CHILD_TIMEOUT_S = 30.0

# A second instance of the app in its own process: opens the database given as argv[1] with the key
# in argv[2] exclusively; with argv[3] == "write" it saves a resident; then waits to be killed.
CHILD = """
import sys
from datetime import datetime
from pathlib import Path
from clientsteun.domain.model import ClientInput
from clientsteun.services.clients import ClientService
from clientsteun.store.database import open_database
database = open_database(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), exclusive=True, create=False)
if sys.argv[3] == "write":
    ClientService(database, datetime.now).create_client(ClientInput("Na de reservekopie"))
print("open", flush=True)
sys.stdin.readline()
"""


@dataclass
class Setting:
    """A database with data, its key, and a backup made before anything went wrong."""

    vault: Vault
    key: bytes
    backup: Path
    counts: dict[str, int]
    catalog: Catalog
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.vault.db_path

    def child(self, mode: str) -> subprocess.Popen[str]:
        """Another Clientsteun process holding the database open (``mode``: "hold" or "write")."""
        process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(self.db), self.key.hex(), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.cleanups.append(lambda: _kill(process))
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if line != "open":
            _kill(process)
            pytest.fail(f"the second instance did not open the database: {process.stderr.read()}")  # type: ignore[union-attr]
        return process

    def release(self) -> None:
        while self.cleanups:
            self.cleanups.pop()()


def _kill(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=CHILD_TIMEOUT_S)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _counts(path: Path, key: bytes) -> dict[str, int]:
    with contextlib.closing(connect(path, key)) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(services: Services) -> None:
    for number in range(12):
        client = services.clients.create_client(ClientInput(f"Inwoner Verzonnen {number}", municipality="Borne"))
        talk = services.conversations.save_conversation(
            None,
            ConversationInput(client.id, NOW.date(), "other", notes=f"Gesprek {number} over de huurachterstand. " * 20),
        )
        services.agreements.save_agreement(None, AgreementInput(client.id, "Brief meenemen", "Inwoner", None, talk.id))
        services.audit.record(AuditAction.PRINT, client_id=client.id)


@pytest.fixture
def setting(tmp_path: Path, catalog: Catalog) -> Iterator[Setting]:
    vault = Vault.at(tmp_path / "data" / "clientsteun.db")
    key, _code = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = Services.create(vault.open(key, create=True), catalog, FakeClock())
    with contextlib.closing(services):
        _fill(services)
    backup = vault.backup(key, "handmatig", now=NOW)
    made = Setting(vault, key, backup, _counts(vault.db_path, key), catalog)
    yield made
    made.release()
    with contextlib.suppress(OSError):
        os.chmod(made.db, 0o644)
        os.chmod(made.db.parent, 0o755)


# --- the cases: each damages the setting, then tries what the app does and returns what went wrong ---


@dataclass(frozen=True)
class Case:
    name: str
    damage: Callable[[Setting], None]
    attempt: Callable[[Setting], str | None]  # raises the error the user sees, or returns the warning
    error: type[ClientsteunError] | None  # None: the app opens, with a warning
    words: tuple[str, ...]  # what the message must say
    untouched: bool  # the app must leave the database file byte-identical


def _open_as_at_start(setting: Setting) -> None:
    """What the start does: unlock, then open exclusively with the quick integrity check."""
    key = setting.vault.unlock(PASSPHRASE)
    setting.vault.open(key, exclusive=True, check=True).close()


def _crash_then_delete_the_wal(setting: Setting) -> None:
    """Another instance saves, is killed while holding the database open, and its -wal is deleted."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs POSIX signals")
    _kill(setting.child("write"))
    assert wal_file(setting.db).exists()
    wal_file(setting.db).unlink()


def _open_without_the_wal(setting: Setting) -> str:
    report = SafetyService(setting.db).check(setting.key)
    assert not report.sound
    (warning,) = [line for line in report.lines if "-wal" in line]
    database = open_database(setting.db, setting.key, exclusive=True, create=False, check=True)
    try:
        assert database.wal_missing
    finally:
        database.close()
    assert _counts(setting.db, setting.key) == setting.counts  # only the change after the backup is gone
    database = open_database(setting.db, setting.key, exclusive=True, create=False)
    assert database.wal_missing  # told again: only the user's choice ends it
    database.accept_lost_wal()
    database.close()
    database = open_database(setting.db, setting.key, exclusive=True, create=False)
    assert not database.wal_missing
    database.close()
    return warning


def _flip_bits(setting: Setting) -> None:
    data = bytearray(setting.db.read_bytes())
    offset = (len(data) // PAGE // 2) * PAGE + PAGE // 3  # a page in the middle of the file
    data[offset] ^= 0b0010_0100
    setting.db.write_bytes(bytes(data))


def _truncate(setting: Setting) -> None:
    data = setting.db.read_bytes()
    setting.db.write_bytes(data[: len(data) // 2 + 123])


def _empty(setting: Setting) -> None:
    setting.db.write_bytes(b"")


def _damage_first_page(setting: Setting) -> None:
    data = bytearray(setting.db.read_bytes())
    data[16:PAGE] = bytes(PAGE - 16)  # the salt survives, the rest of page 1 is zeros
    setting.db.write_bytes(bytes(data))


def _nothing(setting: Setting) -> None:
    del setting


def _wrong_passphrase(setting: Setting) -> None:
    setting.vault.unlock("dit is het verkeerde wachtwoord")
    pytest.fail("a wrong passphrase unlocked the key file")


def _read_only_file(setting: Setting) -> None:
    os.chmod(setting.db, 0o444)
    if os.access(setting.db, os.W_OK):
        pytest.skip("chmod does not stop this user from writing (running as root)")


def _read_only_folder(setting: Setting) -> None:
    os.chmod(setting.db, 0o444)
    os.chmod(setting.db.parent, 0o555)
    if os.access(setting.db.parent, os.W_OK):
        pytest.skip("chmod does not stop this user from writing (running as root)")


def _save_in_read_only(setting: Setting) -> None:
    """The app opens as at every start, then the user saves."""
    key = setting.vault.unlock(PASSPHRASE)
    services = Services.create(setting.vault.open(key, exclusive=True, check=True), setting.catalog, FakeClock())
    with contextlib.closing(services):
        services.clients.create_client(ClientInput("Mag niet"))


def _locked_by_another_process(setting: Setting) -> None:
    setting.child("hold")


def _open_while_locked(setting: Setting) -> None:
    with pytest.raises(DatabaseLocked):
        restore(setting.db, setting.key, setting.backup)  # a restore is refused just the same
    _open_as_at_start(setting)


def _save_on_a_full_disk(setting: Setting) -> None:
    services = Services.create(open_database(setting.db, setting.key, create=False), setting.catalog, FakeClock())
    setting.cleanups.append(services.close)
    with services.database.transaction() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        session.execute(text(f"PRAGMA max_page_count = {int(pages)}"))  # no room for one more page
    client = services.clients.list_clients()[0]
    try:
        services.conversations.save_conversation(
            None, ConversationInput(client.id, NOW.date(), "other", notes="Een lang verslag. " * 4000)
        )
    finally:
        assert _counts(setting.db, setting.key) == setting.counts  # what was saved is still there
        assert len(services.clients.list_clients()) == setting.counts["clients"]


CASES = [
    Case("flipped-bits", _flip_bits, _open_as_at_start, DatabaseDamaged, ("beschadigd", "reservekopie"), True),
    Case("truncated", _truncate, _open_as_at_start, DatabaseDamaged, ("beschadigd", "reservekopie"), True),
    Case("zero-length", _empty, _open_as_at_start, EmptyFile, ("leeg (0 bytes)", "reservekopie"), True),
    Case("first-page", _damage_first_page, _open_as_at_start, DatabaseDamaged, ("beschadigd",), True),
    Case("wrong-passphrase", _nothing, _wrong_passphrase, WrongPassphrase, ("wachtwoord klopt niet",), True),
    Case("read-only-file", _read_only_file, _save_in_read_only, ReadOnlyDatabase, ("alleen-lezen",), True),
    Case("read-only-folder", _read_only_folder, _save_in_read_only, ReadOnlyDatabase, ("alleen-lezen",), True),
    Case("locked", _locked_by_another_process, _open_while_locked, DatabaseLocked, ("al geopend", "Sluit dat"), True),
    Case(
        "deleted-wal",
        _crash_then_delete_the_wal,
        _open_without_the_wal,
        None,
        ("logbestand (-wal) ontbreekt", "laatste wijzigingen"),
        False,
    ),
    Case("disk-full", _nothing, _save_on_a_full_disk, DiskFull, ("schijf is vol", "bewaard"), False),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corruption_matrix(setting: Setting, case: Case) -> None:
    case.damage(setting)
    before = _digest(setting.db)
    listing = sorted(path.name for path in setting.db.parent.iterdir())

    try:
        warning = case.attempt(setting)
    except ClientsteunError as error:
        assert type(error) is case.error, f"{type(error).__name__}: {error.detail}"
        message = error.message
    else:
        assert case.error is None, f"no {case.error.__name__} raised"
        assert warning is not None
        message = warning
    assert message and message != ClientsteunError.message
    for word in case.words:
        assert word in message, message
    assert setting.vault.state() is not VaultState.NEW  # never taken for a first start
    if case.untouched:
        assert _digest(setting.db) == before
        new_files = set(setting.db.parent.iterdir()) - {setting.db.parent / name for name in listing}
        assert not [path for path in new_files if path.suffix == ".db"], new_files
        assert len(setting.vault.backups.backups()) == 1  # no backup of the damaged file took its place

    setting.release()
    os.chmod(setting.db.parent, 0o755)
    os.chmod(setting.db, 0o644)
    aside = restore(setting.db, setting.key, setting.backup)
    assert aside is not None
    if case.untouched:
        assert _digest(aside) == before  # the damaged file is kept, never overwritten
    database = open_database(setting.db, setting.key, exclusive=True, create=False, check=True)
    database.close()
    assert _counts(setting.db, setting.key) == setting.counts


def test_a_flipped_bit_in_any_page_is_called_damage(setting: Setting, tmp_path: Path) -> None:
    data = setting.db.read_bytes()
    wrong = {}
    for page in range(len(data) // PAGE):
        damaged = bytearray(data)
        damaged[page * PAGE + 200] ^= 0x10
        target = tmp_path / f"page-{page}" / "clientsteun.db"
        target.parent.mkdir()
        target.write_bytes(bytes(damaged))
        try:
            open_database(target, setting.key, exclusive=True, create=False, check=True).close()
        except DatabaseDamaged:
            continue
        except ClientsteunError as error:
            wrong[page + 1] = f"{type(error).__name__}: {error.detail}"
        else:
            wrong[page + 1] = "opened"
        assert target.read_bytes() == bytes(damaged)
    assert wrong == {}
