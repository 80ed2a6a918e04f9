"""A restore killed at any step leaves the old state or the new one, complete, and ``check`` agrees.

The database being replaced has 20 committed saves still only in its ``-wal`` (as a crash leaves
it) and audit lines written after the backup.  ``restore_driver.py`` runs the real command line
and kills itself with SIGKILL before its n-th file-changing call, for every n; each time the next
start must find either every resident and log line of the old file, or the backup's residents
with the old log carried over and the restore recorded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService, VaultState
from clientsteun.store.connection import open_marker, wal_file
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.crash import crash_with_saves_in_the_wal

DRIVER = Path(__file__).with_name("restore_driver.py")
BEFORE_BACKUP = ["Anna Voor De Kopie"]
AFTER_BACKUP = [f"Na De Kopie {number:02d}" for number in range(20)]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _state(services: Services) -> tuple[list[str], list[AuditAction]]:
    names = sorted(row.name for row in services.clients.list_clients())
    return names, [entry.action for entry in services.audit.entries()]


@pytest.fixture
def template(tmp_path: Path, catalog: Catalog) -> tuple[Path, Path, list[AuditAction]]:
    """A folder with the database as a crash left it and an automatic backup from before; returns the
    folder, the backup and the old audit log's actions."""
    folder = tmp_path / "template"
    safety = SafetyService(folder / "clientsteun.db")
    key, _code = safety.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    services = safety.open_services(key, catalog, create=True)
    with contextlib.closing(services):
        services.clients.create_client(ClientInput(BEFORE_BACKUP[0]))
        services.audit.record(AuditAction.PRINT, client_id=1)
    backup = safety.vault.backup(key, "start")
    services = safety.open_services(key, catalog)
    with contextlib.closing(services):
        services.audit.record(AuditAction.EXPORT, client_id=1, detail="na de kopie")
        old_log = [entry.action for entry in services.audit.entries()]
    crash_with_saves_in_the_wal(safety.db_path, key, catalog, AFTER_BACKUP)
    return folder, backup, old_log


def _run(folder: Path, backup: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment.update(
        {
            PASSPHRASE_ENV: PASSPHRASE,
            paths.DATA_ENV: str(folder.parent / "userdata"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
    )
    return subprocess.run(
        [sys.executable, str(DRIVER), str(kill_at), str(folder / "clientsteun.db"), str(backup)],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def _next_start(db: Path, key: bytes, catalog: Catalog) -> tuple[list[str], list[AuditAction]]:
    """What the next start finds, as the app and the command line open it; ``check`` must agree."""
    safety = SafetyService(db)
    assert safety.state() is VaultState.ENCRYPTED, "there is always a database"
    report = safety.check(key)
    assert report.sound, report.lines
    assert not any("-wal" in line for line in report.lines)
    services = safety.open_services(key, catalog)
    with contextlib.closing(services):
        assert not services.database.wal_missing
        assert services.audit.first_broken() is None
        return _state(services)


@pytest.mark.slow
def test_a_restore_killed_at_any_step_leaves_the_old_state_or_the_new_one(
    tmp_path: Path, catalog: Catalog, template: tuple[Path, Path, list[AuditAction]]
) -> None:
    folder, backup_in_template, old_log = template
    key = SafetyService(folder / "clientsteun.db").unlock(PASSPHRASE)
    old = (sorted(BEFORE_BACKUP + AFTER_BACKUP), old_log)
    new = (BEFORE_BACKUP, [*old_log, AuditAction.RESTORE])
    outcomes: list[str] = []
    kill_at = 1
    while True:
        round_folder = tmp_path / f"round-{kill_at:03d}"
        shutil.copytree(folder, round_folder)
        db = round_folder / "clientsteun.db"
        assert wal_file(db).exists() and open_marker(db).exists()
        result = _run(round_folder, round_folder / backup_in_template.relative_to(folder), kill_at)
        killed = result.returncode == -signal.SIGKILL
        assert killed or result.returncode == 0, result.stderr
        planned = db.with_name("clientsteun.db.restore-plan").exists()
        found = _next_start(db, key, catalog)
        assert found in (old, new), f"killed before step {kill_at}: {found}"
        if found == new:
            (kept,) = round_folder.glob("clientsteun.db.voor-herstel-*[0-9]")
            assert kept.with_name(kept.name + "-wal").exists(), "the old file keeps its own log"
        assert not list(round_folder.glob("clientsteun.db.restor*")), "nothing of the restore is left"
        outcomes.append(("old" if found == old else "new") + (" (plan)" if planned else ""))
        if not killed:
            assert result.stdout.startswith("Reservekopie teruggezet."), result.stdout
            break
        kill_at += 1
    assert kill_at > 10, "the restore was killed at every one of its steps"
    order = ["old", "old (plan)", "new (plan)", "new"]
    assert outcomes == sorted(outcomes, key=order.index), f"never back to the old state once new: {outcomes}"
    assert set(outcomes) == set(order), f"killed before, during and after the swap: {outcomes}"
