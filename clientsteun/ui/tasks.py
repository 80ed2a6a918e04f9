"""The one task helper: slow work on a worker thread, its result back on the UI thread.

A job is a plain function of plain data that returns plain data.  Where it needs the database it
opens a connection of its own through a service (``Services.on_own_connection``, the safety
service's methods); it never uses the UI's session.  ``Tasks.run`` starts the job on the executor
it was given (a ``QThreadPool`` in the app, ``InlineExecutor`` in tests, which finishes the job
before ``run`` returns); ``on_done`` and ``on_failed`` then run on the UI thread.

A progress dialog appears only when the job is still running after ``PROGRESS_DELAY_MS``, so quick
work never flashes one.  A job started with ``cancellable=True`` receives a ``CancelToken``; the
dialog's button cancels it, and the job stops where it checks the token.  Expected failures go to
``on_failed`` (by default the app's one error message, ``show_error``); anything else is raised
on the UI thread, where the global exception hook logs it and tells the user.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from clientsteun.domain.errors import ClientsteunError
from clientsteun.ui.errors import show_error

PROGRESS_DELAY_MS = 500
WAIT_MS = 30_000  # at quitting: a job reading the database gets this long to end


class Cancelled(ClientsteunError):
    """The user cancelled the job; nothing to report."""


class CancelToken:
    """Shared by the UI thread, which cancels, and the job, which checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Stop the job here when it was cancelled."""
        if self.cancelled:
            raise Cancelled(detail="cancelled by the user")


class Executor(Protocol):
    def start(self, work: Callable[[], None]) -> None: ...


class InlineExecutor:
    """Runs the work at once, on the calling thread (tests, scripts)."""

    def start(self, work: Callable[[], None]) -> None:
        work()


class Task(QObject):
    """One job on its way: its progress dialog, its token, and the hand-over of its outcome."""

    finished = Signal(bool, object)  # succeeded, the result or the exception (emitted on the worker)

    def __init__(
        self,
        label: str,
        parent: QWidget | None,
        on_done: Callable[[Any], None],
        on_failed: Callable[[ClientsteunError], None] | None,
        always: Callable[[], None] | None,
        token: CancelToken | None,
        forget: Callable[[Task], None],
    ) -> None:
        super().__init__()  # no Qt parent: the job's thread holds it until it has reported back
        self.label = label
        self.parent_widget = parent
        self.on_done = on_done
        self.on_failed = on_failed
        self.always = always
        self.token = token
        self.forget = forget
        self.progress: QProgressDialog | None = None
        self.running = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show_progress)
        self.finished.connect(self._finish)  # queued when emitted on a worker thread

    def _show_progress(self) -> None:
        if not self.running:
            return
        cancel_text = QCoreApplication.translate("Tasks", "Annuleren") if self.token is not None else ""
        self.progress = QProgressDialog(self.label, cancel_text, 0, 0, self.parent_widget)
        self.progress.setObjectName("taskProgress")
        self.progress.setWindowTitle(QCoreApplication.translate("Tasks", "Even geduld"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        if self.token is None:
            self.progress.setCancelButton(None)
        else:
            self.progress.canceled.connect(self._cancel)
        self.progress.show()

    def _cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
        if self.progress is not None:
            self.progress.setLabelText(QCoreApplication.translate("Tasks", "Wordt geannuleerd…"))

    def _finish(self, succeeded: bool, outcome: object) -> None:
        self.running = False
        self.forget(self)
        self.timer.stop()
        if self.progress is not None:
            self.progress.hide()  # not close(): that would emit canceled
            self.progress.deleteLater()
            self.progress = None
        self.deleteLater()
        if self.parent_widget is not None and not shiboken6.isValid(self.parent_widget):
            return  # the window or dialog it was for is gone: nobody to tell
        if self.always is not None:
            self.always()
        if succeeded:
            self.on_done(outcome)
        elif isinstance(outcome, Cancelled):
            return
        elif isinstance(outcome, ClientsteunError):
            if self.on_failed is not None:
                self.on_failed(outcome)
            else:
                show_error(self.parent_widget, outcome)
        else:
            assert isinstance(outcome, BaseException)
            raise outcome  # the global exception hook: logged without data, a plain message


class Tasks(QObject):
    """Starts jobs on ``executor`` and brings their outcome back to the UI thread."""

    def __init__(
        self, executor: Executor, parent: QObject | None = None, *, progress_delay_ms: int = PROGRESS_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.executor = executor
        self.progress_delay_ms = progress_delay_ms
        self._running: set[Task] = set()

    def run(
        self,
        job: Callable[..., Any],
        *,
        on_done: Callable[[Any], None],
        label: str,
        parent: QWidget | None = None,
        on_failed: Callable[[ClientsteunError], None] | None = None,
        always: Callable[[], None] | None = None,
        cancellable: bool = False,
    ) -> Task:
        """Run ``job()`` (``job(token)`` when ``cancellable``) on the executor.

        On the UI thread afterwards: ``always()`` first, then ``on_done(result)``, or
        ``on_failed(error)`` for an expected failure (by default shown with ``show_error`` over
        ``parent``); a cancelled job calls neither.  ``label`` says what is being done, in the
        progress dialog that shows over ``parent`` when the job takes a while.
        """
        token = CancelToken() if cancellable else None
        task = Task(label, parent, on_done, on_failed, always, token, self._running.discard)
        self._running.add(task)

        def work() -> None:
            try:
                result = job(token) if token is not None else job()
            except BaseException as error:  # handed to the UI thread, which decides
                task.finished.emit(False, error)
            else:
                task.finished.emit(True, result)

        task.timer.start(self.progress_delay_ms)
        self.executor.start(work)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, timeout_ms: int = WAIT_MS) -> bool:
        """Block until the jobs started on the executor ended (before the database they read is
        closed); False when some still run after ``timeout_ms``.  Their outcomes are not delivered."""
        wait_for_done = getattr(self.executor, "waitForDone", None)
        return True if wait_for_done is None else bool(wait_for_done(timeout_ms))
