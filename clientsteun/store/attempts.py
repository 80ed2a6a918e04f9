"""Failed unlock attempts, kept where a full disk or a replaced key file does not lose them.

An attempt with a wrong passphrase cannot go into the audit log at once: the log lives in the
encrypted database.  It is kept until the next opening moves it there (``Vault.failed_unlocks``), in

- the key file, which keeps the last 100 (``Envelope.failed_unlocks``); it is rewritten for each
  attempt, which fails on a full disk, and a key file deleted or edited (put back from its copy)
  loses them;
- this side file beside the database, ``<name>.attempts``, made with room for ``SLOTS`` attempts:
  an attempt is written into room the file already has on the disk, so it is kept on a full disk
  too, and a key file put back from its copy leaves it alone;
- the memory of the process, for an attempt neither file could take (a read-only disk): logged by
  the same app's next opening, and lost when the process ends first.

Each attempt is one line of ``SLOT`` bytes, its ISO time; the unused room is zero bytes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from clientsteun.store.files import write_atomically

SLOT = len("2026-11-23T10:30:00\n")
SLOTS = 1000


def side_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".attempts")


def reserve(path: Path, stamps: Sequence[str] = ()) -> None:
    """Write the side file anew holding ``stamps`` (the last ``SLOTS``), with room for the rest."""
    data = b"".join(_line(stamp) for stamp in stamps[-SLOTS:])
    write_atomically(path, data.ljust(SLOT * SLOTS, b"\x00"))


def add(path: Path, stamp: str) -> bool:
    """Write ``stamp`` into the first free slot, in place; False when it could not be kept."""
    try:
        with path.open("r+b") as handle:
            used = _used_slots(handle.read())
            if used >= SLOTS:
                return False
            handle.seek(used * SLOT)
            handle.write(_line(stamp))
            handle.flush()
            os.fsync(handle.fileno())
        return True
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        reserve(path, [stamp])
    except OSError:
        return False
    return True


def read(path: Path) -> list[str]:
    """The attempts in the side file (ISO times), oldest first; none when it is missing or unreadable."""
    try:
        return _stamps(path.read_bytes())
    except OSError:
        return []


def _line(stamp: str) -> bytes:
    line = (stamp + "\n").encode("ascii")
    if len(line) != SLOT:
        raise ValueError("an attempt is an ISO time to the second")
    return line


def _used_slots(content: bytes) -> int:
    """How many slots hold a line: up to the first that starts with a zero byte."""
    for number in range(len(content) // SLOT):
        if content[number * SLOT] == 0:
            return number
    return len(content) // SLOT


def _stamps(content: bytes) -> list[str]:
    stamps = []
    for number in range(_used_slots(content)):
        text = content[number * SLOT : (number + 1) * SLOT].decode("ascii", "replace").strip()
        try:
            datetime.fromisoformat(text)
        except ValueError:
            continue  # a damaged line: the others still count
        stamps.append(text)
    return stamps
