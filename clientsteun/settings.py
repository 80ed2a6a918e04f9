"""Typed settings in a plain INI file: every key with its type and default, declared once.

No Qt here, so the command line reads the app's settings without loading it.  A key
``"window/geometry"`` is the entry ``geometry`` in the section ``[window]``.  Numbers are written
in decimal, switches as ``true``/``false``, bytes (the window's shape) as base64, text as is (one
line; the INI format drops spaces around it).  A value that cannot be read gives the default; keys
this version does not know are kept.

Older versions wrote this file with QSettings, which escapes text and writes bytes as
``@ByteArray(...)``; such a file is read the Qt way once and written again in this format.
"""

from __future__ import annotations

import base64
import binascii
import configparser
import io
import logging
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from clientsteun import paths
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.domain.meetings import REPORT_MISSING_DAYS
from clientsteun.domain.summary import MIN_THRESHOLD
from clientsteun.store.files import write_atomically

T = TypeVar("T")

log = logging.getLogger(__name__)

FORMAT_KEY = "file/format"  # present in files written by this module, absent in QSettings' files
FORMAT = "1"


class _Setting(Generic[T]):
    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    @overload
    def __get__(self, owner: None, cls: type) -> _Setting[T]: ...
    @overload
    def __get__(self, owner: Settings, cls: type) -> T: ...
    def __get__(self, owner: Settings | None, cls: type) -> Any:
        if owner is None:
            return self
        text = owner.values.get(self.key)
        return self.default if text is None else self.parse(text)

    def __set__(self, owner: Settings, value: T) -> None:
        owner.values[self.key] = self.format(value)
        owner.sync()

    def parse(self, text: str) -> Any:
        """The typed value written as ``text``; the default when it cannot be read."""
        if isinstance(self.default, bool):
            return {"true": True, "false": False}.get(text, self.default)
        if isinstance(self.default, int):
            try:
                return int(text)
            except ValueError:
                return self.default
        if isinstance(self.default, bytes):
            try:
                return base64.b64decode(text, validate=True)
            except binascii.Error:
                return self.default
        return text

    def format(self, value: T) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
        return str(value)


class Settings:
    """The user's settings; tests pass their own file.  Each assignment is written at once."""

    autosave_delay_ms = _Setting("editor/autosave_delay_ms", 1500)
    show_closed = _Setting("clients/show_closed", False)
    window_geometry = _Setting("window/geometry", b"")  # empty: not yet saved
    splitter_state = _Setting("window/splitter", b"")
    idle_lock_minutes = _Setting("safety/idle_lock_minutes", 5)
    backups_daily = _Setting("safety/backups_daily", 7)
    backups_weekly = _Setting("safety/backups_weekly", 4)
    # A second folder for the daily backup (a USB stick, a network share); empty: none.
    second_backup_folder = _Setting("safety/second_backup_folder", "")
    second_backup_warn_days = _Setting("safety/second_backup_warn_days", 7)  # warn when not reached for so long
    second_backup_reached = _Setting("safety/second_backup_reached", "")  # ISO time it was last reached (or chosen)
    catalog_folder = _Setting("catalog/folder", "")  # a coordinator's copy of the catalog; empty: built in
    due_soon_days = _Setting("deadlines/due_soon_days", DUE_SOON_DAYS)
    # Months a closed dossier is kept before it is on the retention worklist; 0: not chosen (no legal default).
    retention_months = _Setting("privacy/retention_months", 0)
    # A published count below this shows as "<5"; the summaries never use less than MIN_THRESHOLD.
    summary_threshold = _Setting("summaries/threshold", MIN_THRESHOLD)
    # A meeting's written report still missing this many days after it shows in the agenda.
    report_missing_days = _Setting("meetings/report_missing_days", REPORT_MISSING_DAYS)

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.user_data_dir() / "settings.ini"
        self.values = _read(self.file)  # "section/name" -> the text in the file
        if self.values and FORMAT_KEY not in self.values:
            self.values = _from_qsettings(self.values)
            self.sync()

    def sync(self) -> None:
        """Write every value to the file, atomically; a failure is logged, as QSettings did."""
        parser = _parser()
        for key, text in sorted({**self.values, FORMAT_KEY: FORMAT}.items()):
            section, _, name = key.rpartition("/")
            section = section or "General"
            if not parser.has_section(section):
                parser.add_section(section)
            parser.set(section, name, text)
        written = io.StringIO()
        parser.write(written)
        try:
            write_atomically(self.file, written.getvalue().encode("utf-8"))
        except OSError as error:
            log.warning("Settings not saved: %s", error.strerror)


def _parser() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None, strict=False, default_section="")
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    return parser


def _read(file: Path) -> dict[str, str]:
    """The file's values by key; a missing or unreadable file reads as empty (every default)."""
    parser = _parser()
    try:
        parser.read_string(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        log.warning("Settings not read, defaults used: %s", type(error).__name__)
        return {}
    return {
        name if section == "General" else f"{section}/{name}": text
        for section in parser.sections()
        for name, text in parser.items(section, raw=True)
    }


# -- the QSettings format, read once ---------------------------------------------------------------

_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEX = frozenset("0123456789abcdefABCDEF")
_OCTAL = frozenset("01234567")


def _from_qsettings(values: dict[str, str]) -> dict[str, str]:
    """QSettings' values in this module's format; what cannot be read is left out (its default applies)."""
    migrated = {}
    for key, raw in values.items():
        value = _qt_value(raw)
        if isinstance(value, bytes):
            migrated[key] = base64.b64encode(value).decode("ascii")
        elif value is not None:
            migrated[key] = value
    return migrated


def _qt_value(raw: str) -> str | bytes | None:
    """A value as QSettings wrote it in an INI file: text, bytes, or None (a list, a Qt type, a bad escape)."""
    text = _qt_unescape(raw)
    if text is None or not text.startswith("@"):
        return text
    if text.startswith("@@"):  # text that itself starts with "@"
        return text[1:]
    if text.startswith("@ByteArray(") and text.endswith(")"):
        try:
            return text[len("@ByteArray(") : -1].encode("latin-1")  # one character per byte
        except UnicodeEncodeError:
            return None
    return None  # @Variant(...), @Rect(...) and the like: never written for these settings


def _qt_unescape(raw: str) -> str | None:
    """Undo QSettings' quoting and C-style escapes; None for a list (a comma outside quotes)."""
    result: list[str] = []
    quoted = False
    at = 0
    while at < len(raw):
        char = raw[at]
        at += 1
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            return None
        elif char != "\\" or at == len(raw):
            result.append(char)
        elif raw[at] in _ESCAPES:
            result.append(_ESCAPES[raw[at]])
            at += 1
        elif raw[at] == "x" or raw[at] in _OCTAL:
            # \x1f and \017: as many digits as follow (Qt escapes a digit after a number for that reason)
            hexadecimal = raw[at] == "x"
            start = at + 1 if hexadecimal else at
            end = start
            while end < len(raw) and raw[end] in (_HEX if hexadecimal else _OCTAL):
                end += 1
            if end == start:
                return None
            code = int(raw[start:end], 16 if hexadecimal else 8)
            if code > 0xFFFF:
                return None
            result.append(chr(code))
            at = end
        else:  # \" \' \? \\ and any other character stand for themselves
            result.append(raw[at])
            at += 1
    return "".join(result)
