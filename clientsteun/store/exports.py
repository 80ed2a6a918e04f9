"""The one way to write a file the user asked for: an export, a backup, a PDF, a saved attachment.

A target is refused when it is one of the files the app keeps for a database (the database, its
``-wal``, ``-shm`` and ``-journal``, its ``.lock`` and ``.open`` markers, its key file and its
failed unlock attempts), anything inside its ``backups/`` folder, or not a regular file (a folder,
a device, a FIFO).  The content is
written to a new temporary file beside the target (created exclusively, owner-only, synced; the
folder is made when missing) and only then renamed over it, so a crash or a full disk leaves the
old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, DiskFull, InvalidInput
from clientsteun.store.backups import BackupFolder
from clientsteun.store.files import sync_folder

# The companions SQLite and the app keep beside a database file, by suffix.
KEPT_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock", ".open", ".key", ".attempts")

Content = bytes | Callable[[Path], None]  # the bytes, or a function that writes the given path


class TargetRefused(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit bestand hoort bij de database van Clientsteun en wordt niet overschreven. "
        "Kies een andere naam of map. Er is niets veranderd.",
    )


class TargetNotAFile(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors", "Hier kan geen bestand worden opgeslagen: dit is een map of een apparaat. Kies een bestandsnaam."
    )


class TargetUnwritable(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Het bestand kon niet worden opgeslagen: de map bestaat niet of u mag er niet schrijven. "
        "Kies een andere map. Er is niets veranderd.",
    )


def kept_paths(database: Path) -> tuple[frozenset[Path], Path]:
    """The files the app keeps for ``database``, and its backup folder (all resolved)."""
    resolved = database.expanduser().resolve()
    files = frozenset(resolved.with_name(resolved.name + suffix) for suffix in KEPT_SUFFIXES)
    return files, BackupFolder.beside(resolved).folder


def check_target(target: Path, database: Path) -> Path:
    """``target`` resolved, or ``TargetRefused``/``TargetNotAFile`` when it must not be written."""
    try:
        resolved = target.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise TargetUnwritable(detail="target does not resolve") from None
    files, backups = kept_paths(database)
    if resolved in files or resolved.is_relative_to(backups):
        raise TargetRefused(detail=f"target is kept by the app ({resolved.suffix or 'database'})")
    for kept in files:  # a hard link to a kept file is the same file under another name
        with contextlib.suppress(OSError):
            if resolved.exists() and kept.exists() and resolved.samefile(kept):
                raise TargetRefused(detail="target is a link to a kept file")
    try:
        mode = resolved.stat().st_mode
    except FileNotFoundError:
        return resolved
    except OSError:
        raise TargetUnwritable(detail="target cannot be inspected") from None
    if not stat.S_ISREG(mode):
        raise TargetNotAFile(detail="target is not a regular file")
    return resolved


def write_user_file(target: Path, content: Content, *, database: Path) -> Path:
    """Write ``content`` to ``target`` after ``check_target``; returns the resolved path written."""
    resolved = check_target(target, database)
    try:
        resolved.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise _translated(error) from None
    temporary = resolved.with_name(f".{resolved.name}.{secrets.token_hex(4)}.part")
    try:
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as error:
            raise _translated(error) from None
        try:
            if isinstance(content, bytes):
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            else:
                os.close(descriptor)
                content(temporary)
                with temporary.open("rb+") as handle:
                    os.fsync(handle.fileno())
            os.replace(temporary, resolved)
        except OSError as error:
            raise _translated(error) from None
        sync_folder(resolved.parent)
    finally:
        temporary.unlink(missing_ok=True)
    return resolved


def _translated(error: OSError) -> InvalidInput | DiskFull:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(detail="disk full writing a user file")
    if error.errno in (errno.EISDIR, errno.ENOTDIR):
        return TargetNotAFile(detail=f"errno {error.errno}")
    return TargetUnwritable(detail=f"errno {error.errno}")
