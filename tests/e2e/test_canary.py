"""Nothing readable on disk: a unique name and note go through the app, then every file it wrote is searched."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clientsteun import paths
from clientsteun.app import build_window, setup_logging
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.services.safety import SafetyService
from clientsteun.settings import Settings
from clientsteun.ui.safety.start import StartFlow
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import e2e_clock
from tests.helpers.modals import when_modal
from tests.helpers.unlocking import choose, unlock_with

CANARY_NAME = "Zwaluwstaart Kanariepiet"
CANARY_NOTE = "Kanarienotitie q7Xv9 over schulden en de huur"


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def app_log() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    setup_logging()
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler not in before:
            handler.close()
            root.removeHandler(handler)


def patterns() -> list[bytes]:
    found = []
    for text in (CANARY_NAME, CANARY_NOTE, "Kanariepiet", "q7Xv9"):
        for variant in (text, text.lower(), text.upper()):
            found += [variant.encode("utf-8"), variant.encode("utf-16-le"), variant.encode("utf-16-be")]
    return found


def test_no_file_the_app_wrote_contains_the_canary(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, private_temp: Path, app_log: None
) -> None:
    db = paths.default_database()  # in the private user folder of this test
    settings = Settings(paths.user_data_dir() / "settings.ini")

    chosen = when_modal(NewPassphraseDialog, choose(PASSPHRASE))
    shown = when_modal(RecoveryKeyDialog, lambda dialog: dialog.accept())
    opened = StartFlow(SafetyService(db)).run()
    assert opened is not None and chosen.handled and shown.handled
    window = build_window(opened, settings, e2e_clock)
    qtbot.addWidget(window)
    window.show()
    window.safety.start_backup()

    services = window.services
    client = services.clients.create_client(ClientInput(CANARY_NAME, municipality="Borne"))
    services.conversations.save_conversation(
        None, ConversationInput(client.id, date(2026, 11, 23), "home_visit", notes=CANARY_NOTE)
    )
    window.refresh_clients(select=client.id)
    assert [hit.client_name for hit in services.conversations.search("Kanarienotitie")] == [CANARY_NAME]
    window.conversations.new_conversation(client.id)
    assert window.editor is not None
    window.editor.notes_edit.setPlainText(CANARY_NOTE + " (nog niet opgeslagen)")
    assert window.editor.save_draft_now()

    unlocked = when_modal(UnlockDialog, unlock_with(PASSPHRASE))
    window.safety.lock()
    qtbot.waitUntil(lambda: unlocked.handled and not services.database.locked)
    window.safety.backup_to_file(target=str(tmp_path / "usb" / "kopie.db"))
    services.audit.export_csv(tmp_path / "usb" / "logboek.csv")
    window.close()
    window.shut_down()

    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    names = {path.name for path in written}
    assert "clientsteun.db" in names and "clientsteun.log" in names and "settings.ini" in names
    assert any(path.parent.name == "backups" and path.suffix == ".db" for path in written)
    hits = [
        (path.relative_to(tmp_path), pattern)
        for path in written
        for pattern in patterns()
        if pattern in path.read_bytes()
    ]
    assert hits == []
