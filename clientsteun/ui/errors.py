"""Showing errors: expected ones as a plain Dutch message, unexpected ones logged without data."""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from clientsteun.domain.errors import ClientsteunError

log = logging.getLogger("clientsteun")
F = TypeVar("F", bound=Callable[..., Any])


def user_message(error: ClientsteunError) -> str:
    return QCoreApplication.translate("errors", error.message)


def show_error(parent: QWidget | None, error: ClientsteunError) -> None:
    log.info("shown to user: %s %s", type(error).__name__, error.detail)
    QMessageBox.warning(parent, QCoreApplication.translate("errors", "Dat lukte niet"), user_message(error))


def guarded(method: F) -> F:
    """Expected failures of a user action become a plain message; nothing else changes.

    For methods of a widget, or of an object with a ``window`` to show the message over.
    """

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except ClientsteunError as error:
            show_error(self if isinstance(self, QWidget) else self.window, error)
            return None

    return wrapper  # type: ignore[return-value]


def describe_without_data(kind: type[BaseException], tb: TracebackType | None) -> str:
    """Type and stack only: an exception's text can hold note text or names, so it is left out."""
    return kind.__name__ + "\n" + "".join(traceback.format_tb(tb))


def install_exception_hook(parent: QWidget | None = None) -> None:
    """Unexpected errors: log the stack (no data), tell the user plainly, keep the app running."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, ClientsteunError):
            show_error(parent, value)
            return
        log.error("unexpected error: %s", describe_without_data(kind, tb))
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("errors", "Onverwachte fout"),
            QCoreApplication.translate(
                "errors",
                "Er ging iets onverwachts mis. Wat al was opgeslagen is bewaard. "
                "Probeer het opnieuw; blijft het misgaan, geef dan het logbestand aan uw "
                "beheerder. Daarin staan geen namen of notities.",
            ),
        )

    sys.excepthook = hook
