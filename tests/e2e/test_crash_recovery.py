"""A real Clientsteun process killed while typing loses at most the last moment; a second one is refused."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clientsteun import paths
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import DatabaseLocked
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.backups import verify_file
from clientsteun.store.database import open_database
from clientsteun.ui.errors import user_message
from clientsteun.ui.main_window import MainWindow
from tests.conftest import TEST_KEY
from tests.e2e.conftest import window_on
from tests.e2e.typing_driver import typed_text
from tests.helpers.modals import answer_boxes

DRIVER = Path(__file__).with_name("typing_driver.py")
START_TIMEOUT_S = 30.0
LINE_TIMEOUT_S = 15.0
CONFIRMATIONS_BEFORE_KILL = 4

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


class Driver:
    """The driver script in its own process; its stdout lines arrive through a queue."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        env = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
        env.update({"QT_QPA_PLATFORM": "offscreen", paths.DATA_ENV: str(tmp_path / "driver-userdata")})
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # the driver imports the tests' helpers
        self.stderr_path = tmp_path / "driver-stderr.txt"
        self._stderr = self.stderr_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), *args],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # end of output: the process has gone

    def next_line(self, timeout_s: float = LINE_TIMEOUT_S) -> str:
        try:
            line = self.lines.get(timeout=timeout_s)
        except queue.Empty:
            pytest.fail(f"the driver said nothing for {timeout_s} s; stderr:\n{self.stderr()}")
        if line is None:
            pytest.fail(f"the driver stopped (exit code {self.process.wait()}); stderr:\n{self.stderr()}")
        return line

    def expect(self, prefix: str, timeout_s: float = LINE_TIMEOUT_S) -> str:
        line = self.next_line(timeout_s)
        assert line.startswith(prefix), f"expected {prefix!r}, got {line!r}; stderr:\n{self.stderr()}"
        return line

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=LINE_TIMEOUT_S)
        self._reader.join(timeout=LINE_TIMEOUT_S)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def start_driver(tmp_path: Path) -> Iterator[Callable[..., Driver]]:
    drivers: list[Driver] = []

    def start(*args: str) -> Driver:
        driver = Driver(tmp_path, *args)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:  # never leave a process behind, whatever happened
        driver.kill()


@pytest.fixture
def prepared_db(tmp_path: Path, catalog: Catalog) -> tuple[Path, int]:
    """A database file with one fictional resident, closed again before the driver opens it."""
    db = tmp_path / "data" / "clientsteun.db"
    services = Services.create(open_database(db, TEST_KEY), catalog)
    try:
        client = services.clients.create_client(ClientInput("Vera Fictief", municipality="Borne"))
    finally:
        services.close()
    return db, client.id


def open_after_crash(qtbot: QtBot, db: Path, settings_file: Path) -> MainWindow:
    window = window_on(db, Settings(settings_file))  # also proves the lock died with the process
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.slow
def test_killed_while_typing_keeps_the_confirmed_text_as_a_draft(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    prepared_db: tuple[Path, int],
    start_driver: Callable[..., Driver],
) -> None:
    db, client_id = prepared_db
    settings_file = tmp_path / "settings.ini"
    driver = start_driver(str(db), str(settings_file), "type", str(client_id))
    driver.expect("READY", START_TIMEOUT_S)
    template_length = int(driver.expect("TEMPLATE").split()[1])
    confirmed = 0
    for _ in range(CONFIRMATIONS_BEFORE_KILL):
        count = int(driver.expect("CONFIRMED").split()[1])
        assert count > confirmed
        confirmed = count
    driver.kill()  # SIGKILL in the middle of typing: no clean-up code runs
    assert driver.process.returncode == -signal.SIGKILL

    window = open_after_crash(qtbot, db, settings_file)
    try:
        assert verify_file(db, TEST_KEY) == []
        (draft,) = window.services.conversations.list_drafts()
        assert draft.data.client_id == client_id
        assert draft.conversation_id is None
        notes = draft.data.notes
        template = catalog.template("first_meeting")
        assert template is not None
        assert notes[:template_length] == template.text.strip() + "\n"
        typed = notes[template_length:]
        assert len(typed) >= confirmed, "confirmed text was lost"
        assert typed == typed_text()[: len(typed)], "the draft is not exactly what was typed"
        assert datetime.now() - draft.saved_at < timedelta(minutes=2)

        answers = answer_boxes("Verder schrijven")
        window.offer_drafts()
        assert answers[0].handled
        assert "Vera Fictief" in answers[0].text
        editor = window.editor
        assert editor is not None
        assert editor.notes_edit.toPlainText() == notes
        assert editor.draft_id == draft.id
        assert window.client_list.current_client_id() == client_id
    finally:
        window.close()
        window.services.close()


def test_a_second_instance_on_the_same_database_is_refused(
    qtbot: QtBot, tmp_path: Path, prepared_db: tuple[Path, int], start_driver: Callable[..., Driver]
) -> None:
    db, _client_id = prepared_db
    holder = start_driver(str(db), str(tmp_path / "holder.ini"), "hold")
    holder.expect("READY", START_TIMEOUT_S)

    with pytest.raises(DatabaseLocked) as refused:
        window_on(db, Settings(tmp_path / "second.ini"))
    assert "al geopend in een ander venster" in user_message(refused.value)

    holder.kill()  # a crashed first instance does not keep the file locked
    window = open_after_crash(qtbot, db, tmp_path / "second.ini")
    try:
        assert window.client_list.model.index(0, 0).data() == "Vera Fictief"
    finally:
        window.close()
        window.services.close()


def test_the_application_ends_cleanly_after_residents_were_added_through_the_dialog(
    tmp_path: Path, prepared_db: tuple[Path, int], start_driver: Callable[..., Driver]
) -> None:
    """Regression: a lambda holding the resident dialog made PySide crash while the application ended."""
    db, _client_id = prepared_db
    driver = start_driver(str(db), str(tmp_path / "settings.ini"), "add-and-quit")
    driver.expect("READY", START_TIMEOUT_S)
    assert driver.expect("ADDED") == "ADDED 4"
    driver.expect("QUIT")
    assert driver.process.wait(timeout=LINE_TIMEOUT_S) == 0, driver.stderr()
