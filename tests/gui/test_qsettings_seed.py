"""The QSettings file the settings migration is tested on (tests/unit/seeds) is what QSettings writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from clientsteun.settings import FORMAT_KEY, Settings

SEED = Path(__file__).parents[1] / "unit" / "seeds" / "qsettings.ini"


def test_qsettings_writes_what_the_migration_read_from_the_seed(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.ini"
    shutil.copy(SEED, migrated)
    settings = Settings(migrated)
    typed = {setting.key: name for name, setting in vars(Settings).items() if hasattr(setting, "key")}
    written = QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    for key, text in settings.values.items():
        if key == FORMAT_KEY:
            continue
        value = getattr(settings, typed[key]) if key in typed else text
        written.setValue(key, QByteArray(value) if isinstance(value, bytes) else value)
    written.setValue("extra/list", ["een", "twee"])  # a list: the one value the migration leaves out
    written.sync()
    assert written.status() is QSettings.Status.NoError
    assert (tmp_path / "qt.ini").read_bytes() == SEED.read_bytes()
