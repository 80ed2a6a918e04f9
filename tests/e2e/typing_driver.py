"""Drives the real Clientsteun window in its own process, for the crash and instance-lock tests.

    python typing_driver.py DB SETTINGS hold
        open the main window on DB, print READY, and keep it open until killed.
    python typing_driver.py DB SETTINGS type CLIENT_ID
        open the main window, start a new conversation for CLIENT_ID and type into the notes in
        chunks.  Each time a draft is confirmed stored, print ``CONFIRMED <n>``: the first n
        characters of ``typed_text()`` are in the database.  Then keep typing until killed.

    python typing_driver.py DB SETTINGS add-and-quit
        add three residents through the real "new resident" dialog, then close the window and
        let the application end as it does for a user; the exit code must be 0.

Every line is flushed at once, so the test reads it while the process runs.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from clientsteun.ui.main_window import MainWindow

CHUNK_COUNT = 400
AUTOSAVE_MS = 80
CONFIRM_TIMEOUT_S = 10.0


def chunk(number: int) -> str:
    """What the supporter types, in recognisable, numbered pieces (fictional text)."""
    return f"[{number:03d}] Inwoner vertelt over de brief van de gemeente. "


def typed_text(chunks: int = CHUNK_COUNT) -> str:
    return "".join(chunk(number) for number in range(chunks))


def say(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from clientsteun.app import make_application
    from clientsteun.settings import Settings
    from tests.e2e.conftest import window_on

    db, settings_file, mode = Path(argv[1]), Path(argv[2]), argv[3]
    app = make_application([argv[0]])
    settings = Settings(settings_file)
    settings.autosave_delay_ms = AUTOSAVE_MS
    # Drafts are stamped with the wall clock: the crash test checks how fresh the one kept is.
    window = window_on(db, settings, datetime.now)
    window.show()
    say("READY")
    if mode == "hold":
        return app.exec()
    if mode == "add-and-quit":
        return add_and_quit(app, window)

    def spin(ms: int) -> None:
        """Run the event loop for a moment, so timers (the autosave) can fire."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    client_id = int(argv[4])
    window.client_list.select_client(client_id)
    window.conversations.new_conversation(client_id)
    editor = window.editor
    assert editor is not None, "the conversation editor did not open"
    notes = editor.notes_edit
    notes.setFocus()
    notes.moveCursor(QTextCursor.MoveOperation.End)  # after the template
    say(f"TEMPLATE {len(notes.toPlainText())}")
    typed = 0
    for number in range(CHUNK_COUNT):
        text = chunk(number)
        QTest.keyClicks(notes, text)
        typed += len(text)
        if number % 3 == 2:
            confirmed = editor.save_draft_now()  # as on a focus change
        else:
            deadline = time.monotonic() + CONFIRM_TIMEOUT_S
            while editor.dirty and time.monotonic() < deadline:
                spin(10)  # the autosave timer fires in here
            confirmed = not editor.dirty and editor.draft_id is not None
        if not confirmed:
            say("NOT-CONFIRMED")
            return 1
        say(f"CONFIRMED {typed}")
    say("DONE")
    return app.exec()


def add_and_quit(app: QApplication, window: MainWindow) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    from clientsteun.ui.dossier.dialogs import ClientDialog

    def fill_in() -> None:
        dialog = app.activeModalWidget()
        if not isinstance(dialog, ClientDialog):
            QTimer.singleShot(10, fill_in)
            return
        QTest.keyClicks(dialog.name_edit, f"Inwoner {window.client_list.model.rowCount() + 1} Fictief")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def work() -> None:
        for _ in range(3):
            QTimer.singleShot(10, fill_in)
            window.new_client_action.trigger()
        say(f"ADDED {window.client_list.model.rowCount()}")
        window.close()  # the last window: the application quits

    app.aboutToQuit.connect(window.services.close)  # as run() does
    QTimer.singleShot(0, work)
    code = app.exec()
    say("QUIT")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
