"""The data key and its envelope: how the database key is kept safe on disk.

The database is encrypted by SQLCipher with a random 256-bit *data key* (used as a raw key, so
SQLCipher's own key derivation is skipped).  The data key is never stored as such: the key file
beside the database holds it *wrapped* with AES-256-GCM

- under a key derived from the user's passphrase with Argon2id (salt and cost stored with it), and
- optionally under a recovery key: 160 random bits shown once as 8 groups of 4 characters, to be
  printed or saved and kept by the coordinator.

Changing the passphrase re-wraps the same data key (milliseconds plus one Argon2 run), so the
database and its backups stay as they are.  A SHA-256 checksum over the file's fields tells a
damaged key file apart from a wrong passphrase: SQLCipher alone reports both as "file is not a
database".  The key file also keeps the times of failed unlock attempts until the next
successful unlock moves them into the audit log (the log lives in the encrypted database).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clientsteun.domain.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    NoRecoveryKey,
    WrongPassphrase,
    WrongRecoveryKey,
)
from clientsteun.store.files import write_atomically

FORMAT = "clientsteun-key"
VERSION = 1
KEY_BYTES = 32
RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters
MAX_FAILED_UNLOCKS_KEPT = 100


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost.  The default takes about 0.2 s and 128 MiB on a current laptop."""

    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class Wrap:
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class Envelope:
    """The contents of a key file."""

    key_id: str  # identifies the data key without revealing it (bound into each wrap)
    salt: bytes
    kdf: KdfParams
    passphrase: Wrap
    recovery: Wrap | None = None
    failed_unlocks: tuple[str, ...] = ()  # ISO timestamps, moved to the audit log on unlock
    # The database this key encrypts: its random id ('' until it was made) and its file name, so a
    # copy among the backups says whose it is.
    database_id: str = ""
    database_name: str = ""

    @property
    def has_recovery(self) -> bool:
        return self.recovery is not None


def key_id(key: bytes) -> str:
    return hmac.new(key, b"clientsteun key id", hashlib.sha256).hexdigest()[:16]


def sqlcipher_key(key: bytes) -> str:
    """The ``PRAGMA key`` statement for a raw data key."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def create_key(passphrase: str, *, with_recovery: bool, kdf: KdfParams = DEFAULT_KDF) -> tuple[bytes, Envelope, str]:
    """A fresh data key, its envelope, and the recovery key to show once ('' when not asked for)."""
    key = secrets.token_bytes(KEY_BYTES)
    envelope = rewrap(key, passphrase, kdf=kdf)
    if not with_recovery:
        return key, envelope, ""
    envelope, code = with_new_recovery(envelope, key)
    return key, envelope, code


def rewrap(key: bytes, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF, envelope: Envelope | None = None) -> Envelope:
    """Wrap ``key`` under ``passphrase`` with a new salt, keeping any recovery wrap of ``envelope``."""
    salt = secrets.token_bytes(16)
    ident = key_id(key)
    wrap = seal(derive_key(passphrase, salt, kdf), key, _aad(ident, "passphrase", salt, kdf))
    if envelope is None:
        return Envelope(ident, salt, kdf, wrap)
    return dataclasses.replace(envelope, salt=salt, kdf=kdf, passphrase=wrap)


def with_new_recovery(envelope: Envelope, key: bytes) -> tuple[Envelope, str]:
    """A new recovery key for ``key``; the previous one (if any) stops working."""
    secret = secrets.token_bytes(RECOVERY_BYTES)
    wrap = seal(_recovery_key(secret), key, _aad(envelope.key_id, "recovery", b"", None))
    return dataclasses.replace(envelope, recovery=wrap), format_recovery_code(secret)


def unlock(envelope: Envelope, passphrase: str) -> bytes:
    aad = _aad(envelope.key_id, "passphrase", envelope.salt, envelope.kdf)
    try:
        key = unseal(derive_key(passphrase, envelope.salt, envelope.kdf), envelope.passphrase, aad)
    except InvalidTag:
        raise WrongPassphrase(detail="passphrase does not open the key file") from None
    return key


def unlock_with_recovery(envelope: Envelope, code: str) -> bytes:
    if envelope.recovery is None:
        raise NoRecoveryKey()
    secret = parse_recovery_code(code)
    try:
        return unseal(_recovery_key(secret), envelope.recovery, _aad(envelope.key_id, "recovery", b"", None))
    except InvalidTag:
        raise WrongRecoveryKey(detail="recovery key does not open the key file") from None


_BASE32_FIXES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def format_recovery_code(secret: bytes) -> str:
    text = base64.b32encode(secret).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_code(code: str) -> bytes:
    """Accepts the code with or without dashes and spaces, in any case; 0/1/8 read as O/I/B."""
    text = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_BASE32_FIXES)
    try:
        secret = base64.b32decode(text)
    except ValueError:
        raise WrongRecoveryKey(detail="recovery key is not base32") from None
    if len(secret) != RECOVERY_BYTES:
        raise WrongRecoveryKey(detail="recovery key has the wrong length")
    return secret


def derive_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """A 256-bit key from a passphrase with Argon2id (the key file's wraps and the hand-over file)."""
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _recovery_key(secret: bytes) -> bytes:
    # The recovery secret is random, not a password: one hash suffices to make an AES key of it.
    return hashlib.sha256(b"clientsteun recovery|" + secret).digest()


def _aad(ident: str, role: str, salt: bytes, kdf: KdfParams | None) -> bytes:
    """Binds a wrap to its key id, role, salt and cost, so none can be swapped undetected."""
    cost = "" if kdf is None else f"{kdf.time_cost}/{kdf.memory_kib}/{kdf.parallelism}"
    return f"{FORMAT}|{VERSION}|{ident}|{role}|{salt.hex()}|{cost}".encode("ascii")


def seal(wrapping_key: bytes, key: bytes, aad: bytes) -> Wrap:
    """``key`` (or any secret) encrypted with AES-256-GCM under ``wrapping_key``, bound to ``aad``."""
    nonce = secrets.token_bytes(12)
    return Wrap(nonce, AESGCM(wrapping_key).encrypt(nonce, key, aad))


def unseal(wrapping_key: bytes, wrap: Wrap, aad: bytes) -> bytes:
    """What ``seal`` encrypted; ``InvalidTag`` for a wrong key, other ``aad`` or changed bytes."""
    return AESGCM(wrapping_key).decrypt(wrap.nonce, wrap.ciphertext, aad)


# --- the key file -----------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _wrap_json(wrap: Wrap | None) -> dict[str, str] | None:
    return None if wrap is None else {"nonce": _b64(wrap.nonce), "ciphertext": _b64(wrap.ciphertext)}


def to_json(envelope: Envelope) -> str:
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "key_id": envelope.key_id,
        "kdf": {"name": "argon2id", **dataclasses.asdict(envelope.kdf), "salt": _b64(envelope.salt)},
        "passphrase": _wrap_json(envelope.passphrase),
        "recovery": _wrap_json(envelope.recovery),
        "failed_unlocks": list(envelope.failed_unlocks),
        "database_id": envelope.database_id,
        "database_name": envelope.database_name,
    }
    body["checksum"] = _checksum(body)
    return json.dumps(body, indent=2) + "\n"


def from_json(text: str) -> Envelope:
    """Parse a key file; anything malformed or not matching its checksum is ``KeyFileDamaged``."""
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT or body.get("version") != VERSION:
            raise KeyFileDamaged(detail="unknown key file format or version")
        if body.pop("checksum", None) != _checksum(body):
            raise KeyFileDamaged(detail="key file checksum does not match")
        kdf = body["kdf"]
        return Envelope(
            key_id=str(body["key_id"]),
            salt=base64.b64decode(kdf["salt"], validate=True),
            kdf=KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"])),
            passphrase=_parse_wrap(body["passphrase"]),
            recovery=None if body["recovery"] is None else _parse_wrap(body["recovery"]),
            failed_unlocks=tuple(str(stamp) for stamp in body["failed_unlocks"]),
            database_id=str(body.get("database_id", "")),  # absent in key files from before ids
            database_name=str(body.get("database_name", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeyFileDamaged(detail=f"key file unreadable: {type(error).__name__}") from None


def _parse_wrap(value: dict[str, str]) -> Wrap:
    return Wrap(base64.b64decode(value["nonce"], validate=True), base64.b64decode(value["ciphertext"], validate=True))


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def read_envelope(path: Path) -> Envelope:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileMissing(detail="no key file") from None
    except UnicodeDecodeError:
        raise KeyFileDamaged(detail="key file is not text") from None
    return from_json(text)


def write_envelope(path: Path, envelope: Envelope) -> None:
    """Write atomically: a crash leaves the old or the new key file, never half of one."""
    write_atomically(path, to_json(envelope).encode("utf-8"))
