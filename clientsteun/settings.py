"""Typed settings over QSettings: every key with its type and default, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from clientsteun import paths
from clientsteun.domain.deadlines import DUE_SOON_DAYS

T = TypeVar("T")


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
        value = owner.store.value(self.key, self.default)
        if isinstance(self.default, bool):  # INI files give strings back
            return value in (True, "true", "1", 1)
        if isinstance(self.default, int):
            try:
                return int(str(value))
            except (TypeError, ValueError):
                return self.default
        if isinstance(self.default, QByteArray):
            return value if isinstance(value, QByteArray) else self.default
        return value

    def __set__(self, owner: Settings, value: T) -> None:
        owner.store.setValue(self.key, value)


class Settings:
    """The user's settings; tests pass their own file."""

    autosave_delay_ms = _Setting("editor/autosave_delay_ms", 1500)
    show_closed = _Setting("clients/show_closed", False)
    window_geometry = _Setting("window/geometry", QByteArray())
    splitter_state = _Setting("window/splitter", QByteArray())
    idle_lock_minutes = _Setting("safety/idle_lock_minutes", 5)
    backups_daily = _Setting("safety/backups_daily", 7)
    backups_weekly = _Setting("safety/backups_weekly", 4)
    catalog_folder = _Setting("catalog/folder", "")  # a coordinator's copy of the catalog; empty: built in
    due_soon_days = _Setting("deadlines/due_soon_days", DUE_SOON_DAYS)

    def __init__(self, file: Path | None = None) -> None:
        file = file or paths.user_data_dir() / "settings.ini"
        self.store = QSettings(str(file), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.store.sync()
