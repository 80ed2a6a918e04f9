"""Every page of an encrypted database file and of its write-ahead log, decrypted with the key.

SQLite's ``sqlite_dbpage`` table is not compiled into sqlcipher3's SQLite, and ``sqlcipher_export``
or ``VACUUM INTO`` copy live rows only, so free pages and stale log frames would never be looked at.
This reads the file itself: SQLCipher 4 with a raw key encrypts each page with AES-256-CBC under that
key, the page's IV stored in the reserved bytes at its end (80 bytes: IV and HMAC); the first page
starts with the 16-byte salt instead of the header's first 16 bytes.  ``check_page_one`` proves the
reading is right (the decrypted header says page size 4096 and 80 reserved bytes); the tests also
find their canary before erasing it, so a reader that saw nothing could not pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # IV (16) and HMAC-SHA512 (64)
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    body = page[SALT if first else 0 : PAGE_SIZE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every page of the file, free pages included, decrypted."""
    data = path.read_bytes()
    assert len(data) % PAGE_SIZE == 0, "not whole pages"
    for number in range(len(data) // PAGE_SIZE):
        yield _decrypt(key, data[number * PAGE_SIZE : (number + 1) * PAGE_SIZE], number == 0)


def wal_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every frame's page in the write-ahead log beside ``path`` (none when it is absent or empty)."""
    wal = path.with_name(path.name + "-wal")
    data = wal.read_bytes() if wal.exists() else b""
    at = WAL_HEADER
    while at + FRAME_HEADER + PAGE_SIZE <= len(data):
        number = int.from_bytes(data[at : at + 4], "big")
        yield _decrypt(key, data[at + FRAME_HEADER : at + FRAME_HEADER + PAGE_SIZE], number == 1)
        at += FRAME_HEADER + PAGE_SIZE


def all_pages(path: Path, key: bytes) -> list[bytes]:
    return [*database_pages(path, key), *wal_pages(path, key)]


def check_page_one(path: Path, key: bytes) -> None:
    """The decrypted first page is an SQLite header (offsets counted from after the salt)."""
    first = next(database_pages(path, key))
    assert int.from_bytes(first[0:2], "big") == PAGE_SIZE  # header offset 16: the page size
    assert first[4] == RESERVE  # header offset 20: bytes reserved at the end of each page


def pages_holding(path: Path, key: bytes, *needles: str) -> set[str]:
    """Which of ``needles`` (as UTF-8) occur in any decrypted page of the file or its log."""
    pages = all_pages(path, key)
    return {needle for needle in needles if any(needle.encode("utf-8") in page for page in pages)}
