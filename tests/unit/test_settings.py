"""The settings file: typed values with defaults, a plain INI file, QSettings' old file read once."""

from __future__ import annotations

import base64
import configparser
import logging
import shutil
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.settings import Settings

SEEDS = Path(__file__).parent / "seeds"
QT_GEOMETRY = bytes(range(256)) + b"\x001\x7fa"  # what the seed's geometry holds (see tests/gui)
QT_FOLDER = 'C:\\Gebruikers\\Coördinator, "eigen"; map=1'

DEFAULTS = {
    "autosave_delay_ms": 1500,
    "show_closed": False,
    "window_geometry": b"",
    "splitter_state": b"",
    "idle_lock_minutes": 5,
    "backups_daily": 7,
    "backups_weekly": 4,
    "catalog_folder": "",
    "due_soon_days": DUE_SOON_DAYS,
    "report_missing_days": 14,
    "retention_months": 0,  # not chosen: the organisation decides, there is no legal default
    "summary_threshold": 5,
    "second_backup_folder": "",
    "second_backup_warn_days": 7,
    "second_backup_reached": "",
}
CHANGED = {
    "autosave_delay_ms": 800,
    "show_closed": True,
    "window_geometry": b"\x01\xd9\xd0\xcb\x00\x03\n=\xff",
    "splitter_state": b"\x00\x00\x00\xff",
    "idle_lock_minutes": 30,
    "backups_daily": 14,
    "backups_weekly": 0,
    "catalog_folder": "/home/coördinator/catalogus; eigen=1",
    "due_soon_days": 10,
    "report_missing_days": 21,
    "retention_months": 24,
    "summary_threshold": 10,
    "second_backup_folder": "/media/usb-stick/reservekopieën",
    "second_backup_warn_days": 14,
    "second_backup_reached": "2026-11-23T10:30:00",
}


def _values(settings: Settings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in DEFAULTS}


def _ini(file: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    assert parser.read(file, encoding="utf-8") == [str(file)]
    return parser


def test_a_missing_file_gives_every_default_and_is_not_created(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    assert _values(Settings(file)) == DEFAULTS
    assert not file.exists()


def test_every_setting_has_its_declared_type() -> None:
    assert set(DEFAULTS) == {name for name, value in vars(Settings).items() if hasattr(value, "key")}
    for name, default in DEFAULTS.items():
        assert type(getattr(Settings, name).default) is type(default), name


def test_the_default_file_is_in_the_user_folder() -> None:
    settings = Settings()
    assert settings.file == paths.user_data_dir() / "settings.ini"
    settings.show_closed = True
    assert Settings().show_closed is True


def test_values_survive_a_round_trip_through_a_plain_ini_file(tmp_path: Path) -> None:
    file = tmp_path / "deeper" / "settings.ini"  # the folder is made on the first write
    settings = Settings(file)
    for name, value in CHANGED.items():
        setattr(settings, name, value)
    assert _values(settings) == CHANGED
    again = Settings(file)
    assert _values(again) == CHANGED
    for name, value in CHANGED.items():
        assert type(getattr(again, name)) is type(value), name
    parser = _ini(file)
    assert parser["editor"]["autosave_delay_ms"] == "800"
    assert parser["clients"]["show_closed"] == "true"
    assert base64.b64decode(parser["window"]["geometry"]) == CHANGED["window_geometry"]
    assert parser["catalog"]["folder"] == CHANGED["catalog_folder"]
    assert parser["file"]["format"] == "1"
    assert [path.name for path in file.parent.iterdir()] == ["settings.ini"]  # no partial file left


def test_each_assignment_is_written_at_once(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    Settings(file).due_soon_days = 3
    assert Settings(file).due_soon_days == 3
    Settings(file).window_geometry = b""
    assert Settings(file).window_geometry == b""
    assert Settings(file).due_soon_days == 3


def test_a_broken_value_gives_the_default(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    file.write_text(
        "[file]\nformat = 1\n"
        "[editor]\nautosave_delay_ms = snel\n"
        "[clients]\nshow_closed = misschien\n"
        "[window]\ngeometry = niet*base64\nsplitter = AAA\n"
        "[safety]\nidle_lock_minutes = 2.5\nbackups_daily =\nbackups_weekly = 2\n",
        encoding="utf-8",
    )
    settings = Settings(file)
    assert _values(settings) == DEFAULTS | {"backups_weekly": 2}


@pytest.mark.parametrize(
    "content",
    [
        b"geen kopje, geen sleutels\n",  # no section header
        b"[window]\ngeometry = \xff\xfe\n",  # not UTF-8
        b"[editor]\nautosave_delay_ms\n",  # a key without a value
    ],
)
def test_an_unreadable_file_gives_every_default(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "settings.ini"
    file.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="clientsteun.settings"):
        assert _values(Settings(file)) == DEFAULTS
    assert caplog.messages and caplog.messages[0].startswith("Settings not read, defaults used")
    assert file.read_bytes() == content  # left as it was until a setting changes


def test_keys_this_version_does_not_know_are_kept(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    file.write_text("[file]\nformat = 1\n[later]\nColour = blauw\n[General]\ntheme = donker\n", encoding="utf-8")
    settings = Settings(file)
    settings.backups_daily = 3
    parser = _ini(file)
    assert parser["later"]["Colour"] == "blauw"
    assert parser["General"]["theme"] == "donker"
    assert parser["safety"]["backups_daily"] == "3"


def test_a_failed_write_is_logged_and_the_value_kept_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "een bestand"
    blocker.write_text("geen map", encoding="utf-8")
    settings = Settings(blocker / "settings.ini")
    with caplog.at_level(logging.WARNING, logger="clientsteun.settings"):
        caplog.clear()
        settings.idle_lock_minutes = 9
    assert settings.idle_lock_minutes == 9
    assert caplog.messages == ["Settings not saved: File exists"]


def test_a_qsettings_file_is_read_and_written_again_in_the_plain_format_once(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    shutil.copy(SEEDS / "qsettings.ini", file)  # written by QSettings (IniFormat) in the app before this
    assert "@ByteArray(" in file.read_text(encoding="utf-8")
    expected = DEFAULTS | {
        "autosave_delay_ms": 900,
        "show_closed": True,
        "window_geometry": QT_GEOMETRY,
        "splitter_state": b"",
        "idle_lock_minutes": 12,
        "backups_daily": 9,
        "catalog_folder": QT_FOLDER,
        "due_soon_days": 21,
    }
    assert _values(Settings(file)) == expected
    parser = _ini(file)
    assert parser["file"]["format"] == "1"
    assert base64.b64decode(parser["window"]["geometry"]) == QT_GEOMETRY
    assert parser["catalog"]["folder"] == QT_FOLDER  # no longer escaped or quoted
    assert parser["extra"]["handle"] == "@kleur"  # an unknown key, unescaped as well ("@@kleur" in Qt's file)
    assert "list" not in parser["extra"]  # a list: nothing these settings ever held, so left out
    migrated = file.read_text(encoding="utf-8")
    assert _values(Settings(file)) == expected  # read again: not taken for Qt's format a second time
    assert file.read_text(encoding="utf-8") == migrated


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("[window]\ngeometry=@Variant(\\0\\0\\0\\x7f)", "window_geometry"),  # a Qt type this file never held
        ("[window]\ngeometry=@ByteArray(\\x)", "window_geometry"),  # an escape without digits
        ("[window]\ngeometry=@ByteArray(\\x100)", "window_geometry"),  # not a byte
        ("[window]\ngeometry=@ByteArray(abc", "window_geometry"),  # not closed
        ("[catalog]\nfolder=een, twee", "catalog_folder"),  # a list
        ("[editor]\nautosave_delay_ms=@Invalid()", "autosave_delay_ms"),
    ],
)
def test_what_cannot_be_read_from_a_qsettings_file_gives_the_default(tmp_path: Path, line: str, name: str) -> None:
    file = tmp_path / "settings.ini"
    file.write_text(f"{line}\n[safety]\nbackups_weekly=2\n", encoding="utf-8")
    settings = Settings(file)
    assert getattr(settings, name) == DEFAULTS[name]
    assert settings.backups_weekly == 2
