"""The hand-over file: a dossier file encrypted under a one-time transfer passphrase.

The transfer passphrase is six groups of five letters that read like Dutch syllables
("bakol-tumer-..."), made with ``secrets``: about 100 bits, shown once to the supporter, who tells
it to the colleague by another way than the file.  The file is the dossier's JSON, compressed,
sealed with AES-256-GCM under a key derived from the passphrase with Argon2id, with the same
primitives and cost as the key file (``store.keys``).  The salt, cost and format are bound into the
seal; a SHA-256 checksum over the outer fields tells a damaged file from a wrong passphrase.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import secrets
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag

from clientsteun.domain.dossier_format import DossierDamaged, NewerDossier
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.store import keys
from clientsteun.store.keys import KdfParams, Wrap

FORMAT = "clientsteun-overdracht"
VERSION = 1
GROUPS = 6
_CONSONANTS = "bdfghjklmnprstvz"  # 16
_VOWELS = "aeiou"  # 5
MAX_TIME_COST = 20
MAX_MEMORY_KIB = 2 * 1024 * 1024


class WrongTransferPassphrase(InvalidInput):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit overdrachtswachtwoord opent het bestand niet. Controleer het wachtwoord dat uw collega u gaf "
        "(zes groepjes letters) en probeer het opnieuw. Er is niets veranderd.",
    )


def new_transfer_passphrase() -> str:
    """Six random groups of five letters, consonant and vowel by turns (about 100 bits)."""
    groups = []
    for _ in range(GROUPS):
        letters = [secrets.choice(_CONSONANTS if index % 2 == 0 else _VOWELS) for index in range(5)]
        groups.append("".join(letters))
    return "-".join(groups)


def normalised(passphrase: str) -> str:
    """As typed, with any case, spaces or dashes: the letters in groups of five."""
    letters = "".join(char for char in passphrase.lower() if char.isalpha())
    return "-".join(letters[index : index + 5] for index in range(0, len(letters), 5))


def is_hand_over(content: bytes) -> bool:
    """True when ``content`` looks like a hand-over file (its format field), readable or not."""
    try:
        body = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(body, dict) and body.get("format") == FORMAT


def seal(text: str, passphrase: str, kdf: KdfParams) -> bytes:
    salt = secrets.token_bytes(16)
    wrapping_key = keys.derive_key(normalised(passphrase), salt, kdf)
    wrap = keys.seal(wrapping_key, zlib.compress(text.encode("utf-8")), _aad(salt, kdf))
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"name": "argon2id", **dataclasses.asdict(kdf), "salt": _b64(salt)},
        "nonce": _b64(wrap.nonce),
        "ciphertext": _b64(wrap.ciphertext),
    }
    body["checksum"] = _checksum(body)
    return (json.dumps(body, indent=2) + "\n").encode("ascii")


def open_sealed(content: bytes, passphrase: str) -> str:
    """The dossier file's text inside a hand-over file; ``WrongTransferPassphrase`` or ``DossierDamaged``."""
    try:
        body = json.loads(content)
        if body.get("version") != VERSION:
            if isinstance(body.get("version"), int) and body["version"] > VERSION:
                raise NewerDossier(detail=f"hand-over version {body['version']}")
            raise DossierDamaged(detail="hand-over version unreadable")
        if body.pop("checksum", None) != _checksum(body):
            raise DossierDamaged(detail="hand-over checksum does not match")
        kdf_fields = body["kdf"]
        kdf = KdfParams(int(kdf_fields["time_cost"]), int(kdf_fields["memory_kib"]), int(kdf_fields["parallelism"]))
        if not (
            0 < kdf.time_cost <= MAX_TIME_COST and 0 < kdf.memory_kib <= MAX_MEMORY_KIB and 0 < kdf.parallelism <= 64
        ):
            raise DossierDamaged(detail="hand-over cost out of range")  # a made-up cost must not hang the app
        salt = base64.b64decode(kdf_fields["salt"], validate=True)
        wrap = Wrap(base64.b64decode(body["nonce"], validate=True), base64.b64decode(body["ciphertext"], validate=True))
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise DossierDamaged(detail="hand-over file unreadable") from None
    try:
        packed = keys.unseal(keys.derive_key(normalised(passphrase), salt, kdf), wrap, _aad(salt, kdf))
    except InvalidTag:
        raise WrongTransferPassphrase(detail="transfer passphrase does not open the file") from None
    try:
        return zlib.decompress(packed).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        raise DossierDamaged(detail="hand-over content unreadable") from None


def _aad(salt: bytes, kdf: KdfParams) -> bytes:
    return f"{FORMAT}|{VERSION}|{salt.hex()}|{kdf.time_cost}/{kdf.memory_kib}/{kdf.parallelism}".encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
