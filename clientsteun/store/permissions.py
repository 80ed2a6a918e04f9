"""Owner-only files and folders for what the app keeps, also those made before the umask was set.

``process.harden`` makes every new file owner-only; files made by an older version (or copied in
with other modes) are tightened here at every start: the database with its companions and key
file, its backups, and in the user folder the settings and the logs.  Files become 0600 and
folders 0700.  POSIX only: on Windows the user profile's permissions protect these files.

Best effort: a file that cannot be changed (another owner, a read-only disk, a file system without
modes) keeps its mode.  A database without a key file is left alone: it may be a file of another
program that the app is about to refuse untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from clientsteun.store.backups import BackupFolder

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# The database's companions and the files the app keeps beside it.
KEPT_BESIDE = ("", "-wal", "-shm", "-journal", ".lock", ".open", ".key", ".attempts")
USER_FILES = ("settings.ini",)
USER_FOLDERS = ("logs",)


def tighten(db_path: Path, user_folder: Path) -> list[Path]:
    """Make the app's files owner-only; returns the paths whose mode was changed."""
    if os.name != "posix":
        return []
    changed: list[Path] = []
    if db_path.with_name(db_path.name + ".key").is_file():
        changed += _tighten(db_path.with_name(db_path.name + suffix) for suffix in KEPT_BESIDE)
    changed += _tighten_tree(BackupFolder.beside(db_path).folder)
    changed += _tighten([user_folder, *(user_folder / name for name in USER_FILES)])
    for name in USER_FOLDERS:
        changed += _tighten_tree(user_folder / name)
    return changed


def _tighten_tree(folder: Path) -> list[Path]:
    """The folder and the files directly in it."""
    try:
        inside = list(folder.iterdir())
    except OSError:
        return []
    return _tighten([folder, *inside])


def _tighten(paths: Iterable[Path]) -> list[Path]:
    changed = []
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue  # not there
        if stat.S_ISDIR(mode):
            wanted = PRIVATE_FOLDER
        elif stat.S_ISREG(mode):
            wanted = PRIVATE_FILE
        else:
            continue  # a link (its target is not ours to change), a device
        if stat.S_IMODE(mode) & ~wanted:
            with contextlib.suppress(OSError):
                path.chmod(stat.S_IMODE(mode) & wanted)
                changed.append(path)
    return changed
