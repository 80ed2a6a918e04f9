"""The task helper: inline in tests, on a real worker thread in the app, progress only for slow jobs,
cancel where the job allows it, and failures to the one error path."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.errors import InvalidInput
from clientsteun.ui.tasks import PROGRESS_DELAY_MS, CancelToken, InlineExecutor, Task, Tasks
from tests.helpers.modals import answer_box

JOB_TIMEOUT_MS = 5000


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def threaded() -> Iterator[Tasks]:
    tasks = Tasks(QThreadPool.globalInstance())
    yield tasks
    QThreadPool.globalInstance().waitForDone(JOB_TIMEOUT_MS)


def test_inline_a_job_is_done_before_run_returns(parent: QWidget) -> None:
    tasks = Tasks(InlineExecutor())
    happened: list[str] = []
    tasks.run(
        lambda: 6 * 7,
        on_done=lambda result: happened.append(f"done {result}"),
        always=lambda: happened.append("always"),
        label="Rekenen…",
        parent=parent,
    )
    assert happened == ["always", "done 42"]
    assert not tasks.busy
    assert parent.findChildren(QProgressDialog) == []


def test_a_job_runs_on_a_worker_thread_and_reports_on_the_ui_thread(
    qtbot: QtBot, parent: QWidget, threaded: Tasks
) -> None:
    ui_thread = threading.get_ident()
    threads: dict[str, int] = {}

    def job() -> str:
        threads["job"] = threading.get_ident()
        return "klaar"

    def done(result: str) -> None:
        threads["done"] = threading.get_ident()
        assert result == "klaar"

    threaded.run(job, on_done=done, label="Bezig…", parent=parent)
    assert threaded.busy, "run returns at once; the outcome arrives through the event loop"
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    assert threads["job"] != ui_thread
    assert threads["done"] == ui_thread


def test_progress_shows_only_when_a_job_takes_longer_than_a_moment(
    qtbot: QtBot, parent: QWidget, threaded: Tasks
) -> None:
    quick = threaded.run(lambda: None, on_done=lambda _result: None, label="Snel", parent=parent)
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    qtbot.wait(PROGRESS_DELAY_MS + 200)
    assert quick.progress is None and parent.findChildren(QProgressDialog) == []

    gate = threading.Event()
    began = time.monotonic()
    slow = threaded.run(lambda: gate.wait(JOB_TIMEOUT_MS / 1000), on_done=lambda _r: None, label="Traag", parent=parent)
    qtbot.waitUntil(lambda: slow.progress is not None and slow.progress.isVisible(), timeout=JOB_TIMEOUT_MS)
    assert time.monotonic() - began >= PROGRESS_DELAY_MS / 1000 * 0.9
    assert slow.progress is not None and slow.progress.labelText() == "Traag"
    assert parent.findChildren(QProgressDialog) == [slow.progress]
    gate.set()
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    assert slow.progress is None
    qtbot.waitUntil(lambda: parent.findChildren(QProgressDialog) == [])  # gone once done


def test_a_cancellable_job_stops_when_its_dialog_is_cancelled(qtbot: QtBot, parent: QWidget, threaded: Tasks) -> None:
    seen: list[str] = []

    def job(token: CancelToken) -> str:
        for _ in range(JOB_TIMEOUT_MS // 10):
            token.check()
            time.sleep(0.01)
        return "niet geannuleerd"

    task: Task = threaded.run(
        job,
        on_done=seen.append,
        on_failed=lambda error: seen.append(error.message),
        label="Lang werk",
        parent=parent,
        cancellable=True,
    )
    qtbot.waitUntil(lambda: task.progress is not None and task.progress.isVisible(), timeout=JOB_TIMEOUT_MS)
    assert task.progress is not None
    (cancel,) = task.progress.findChildren(QPushButton)
    assert cancel.text() == "Annuleren"
    cancel.click()
    assert task.progress.labelText() == "Wordt geannuleerd…"
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    assert seen == [], "a cancelled job reports neither a result nor a failure"


def test_a_job_without_a_token_offers_no_cancel(qtbot: QtBot, parent: QWidget, threaded: Tasks) -> None:
    gate = threading.Event()
    task = threaded.run(lambda: gate.wait(JOB_TIMEOUT_MS / 1000), on_done=lambda _r: None, label="Even", parent=parent)
    qtbot.waitUntil(lambda: task.progress is not None and task.progress.isVisible(), timeout=JOB_TIMEOUT_MS)
    assert task.progress is not None
    assert [button for button in task.progress.findChildren(QPushButton) if button.isVisible()] == []
    gate.set()
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)


def _refuse() -> None:
    raise InvalidInput("Dit kan zo niet.")


def test_an_expected_failure_goes_to_the_one_error_message(parent: QWidget) -> None:
    shown = answer_box("OK")
    Tasks(InlineExecutor()).run(_refuse, on_done=lambda _r: pytest.fail("no result"), label="Proberen", parent=parent)
    assert shown.handled
    assert shown.text == "Dit kan zo niet."


def test_an_expected_failure_goes_to_on_failed_when_given(qtbot: QtBot, parent: QWidget, threaded: Tasks) -> None:
    failed: list[str] = []
    threaded.run(
        _refuse,
        on_done=lambda _r: pytest.fail("no result"),
        on_failed=lambda error: failed.append(error.message),
        label="Proberen",
        parent=parent,
    )
    qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    assert failed == ["Dit kan zo niet."]


def test_an_unexpected_failure_reaches_the_exception_hook_on_the_ui_thread(
    qtbot: QtBot, parent: QWidget, threaded: Tasks
) -> None:
    def broken() -> None:
        raise RuntimeError("stuk")

    always: list[int] = []
    with qtbot.captureExceptions() as caught:
        threaded.run(
            broken,
            on_done=lambda _r: pytest.fail("no result"),
            always=lambda: always.append(threading.get_ident()),
            label="Stuk",
            parent=parent,
        )
        qtbot.waitUntil(lambda: not threaded.busy, timeout=JOB_TIMEOUT_MS)
    assert always == [threading.get_ident()]
    assert [type(error).__name__ for _kind, error, _tb in caught] == ["RuntimeError"]
