"""The key envelope: Argon2id + AES-GCM wraps of the data key, the recovery code, the key file."""

from __future__ import annotations

import base64
import dataclasses
import json
import time
from pathlib import Path

import pytest

from clientsteun.domain.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    NoRecoveryKey,
    WrongPassphrase,
    WrongRecoveryKey,
)
from clientsteun.store import keys
from clientsteun.store.keys import DEFAULT_KDF, Envelope, KdfParams
from tests.conftest import FAST_KDF, PASSPHRASE

OTHER_PASSPHRASE = "groene giraffe zingt luid"


@pytest.fixture(scope="module")
def made() -> tuple[bytes, Envelope, str]:
    return keys.create_key(PASSPHRASE, with_recovery=True, kdf=FAST_KDF)


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _key_file(tmp_path: Path, envelope: Envelope) -> Path:
    path = tmp_path / "clientsteun.db.key"
    keys.write_envelope(path, envelope)
    return path


def test_the_right_passphrase_opens_the_envelope(made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, _code = made
    assert len(key) == keys.KEY_BYTES
    assert keys.unlock(envelope, PASSPHRASE) == key
    assert envelope.key_id == keys.key_id(key)


def test_a_wrong_passphrase_is_wrong_passphrase(made: tuple[bytes, Envelope, str]) -> None:
    _key, envelope, _code = made
    for attempt in ("", PASSPHRASE.upper(), PASSPHRASE + " ", OTHER_PASSPHRASE):
        with pytest.raises(WrongPassphrase) as caught:
            keys.unlock(envelope, attempt)
        assert "wachtwoord klopt niet" in caught.value.message


def test_a_key_file_round_trips(tmp_path: Path, made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, _code = made
    envelope = dataclasses.replace(envelope, failed_unlocks=("2026-11-23T10:30:00",))
    path = _key_file(tmp_path, envelope)
    assert keys.read_envelope(path) == envelope
    assert keys.unlock(keys.read_envelope(path), PASSPHRASE) == key
    assert not path.with_name(path.name + ".part").exists()


@pytest.mark.parametrize("field", ["ciphertext", "nonce"])
def test_a_changed_byte_in_a_wrap_with_its_checksum_left_is_damage_not_a_wrong_passphrase(
    tmp_path: Path, made: tuple[bytes, Envelope, str], field: str
) -> None:
    _key, envelope, _code = made
    body = json.loads(keys.to_json(envelope))
    raw = base64.b64decode(body["passphrase"][field])
    body["passphrase"][field] = base64.b64encode(_flip(raw, len(raw) // 2)).decode("ascii")
    path = tmp_path / "clientsteun.db.key"
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")

    with pytest.raises(KeyFileDamaged) as caught:
        keys.read_envelope(path)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "sleutelbestand" in caught.value.message and "beschadigd" in caught.value.message


def test_a_changed_character_anywhere_in_the_file_is_damage(made: tuple[bytes, Envelope, str]) -> None:
    _key, envelope, _code = made
    text = keys.to_json(envelope)
    checksum_at = text.index('"checksum"')
    # Every position within the quoted base64 values before the checksum line.
    positions = [i for i, ch in enumerate(text[:checksum_at]) if ch.isalnum()]
    for position in positions[:: max(1, len(positions) // 40)]:
        original = text[position]
        replacement = "B" if original != "B" else "C"
        damaged = text[:position] + replacement + text[position + 1 :]
        with pytest.raises(KeyFileDamaged):
            keys.from_json(damaged)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "not json at all",
        "[]",
        "null",
        '{"format": "clientsteun-key"}',
        '{"format": "clientsteun-key", "version": 1}',
        '{"format": "something-else", "version": 1}',
    ],
)
def test_garbage_is_key_file_damaged(text: str) -> None:
    with pytest.raises(KeyFileDamaged):
        keys.from_json(text)


def test_a_truncated_key_file_is_damaged(made: tuple[bytes, Envelope, str]) -> None:
    _key, envelope, _code = made
    text = keys.to_json(envelope)
    for length in (1, len(text) // 3, len(text) // 2, len(text) - 3):
        with pytest.raises(KeyFileDamaged):
            keys.from_json(text[:length])


def test_a_key_file_that_is_not_text_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "clientsteun.db.key"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(KeyFileDamaged):
        keys.read_envelope(path)


def test_a_missing_key_file_is_key_file_missing(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing) as caught:
        keys.read_envelope(tmp_path / "nothing.key")
    assert caught.value.message


def test_a_checksum_that_matches_a_swapped_cost_still_fails_the_wrap(made: tuple[bytes, Envelope, str]) -> None:
    """The cost is bound into the wrap: somebody who fixes up the checksum cannot lower it."""
    _key, envelope, _code = made
    cheaper = dataclasses.replace(envelope, kdf=KdfParams(time_cost=1, memory_kib=512, parallelism=1))
    reread = keys.from_json(keys.to_json(cheaper))  # a consistent checksum over the swapped cost
    with pytest.raises(WrongPassphrase):
        keys.unlock(reread, PASSPHRASE)


def test_the_recovery_code_opens_the_envelope(made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, code = made
    groups = code.split("-")
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    assert keys.unlock_with_recovery(envelope, code) == key


def test_the_recovery_code_is_forgiving_about_how_it_is_typed(made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, code = made
    plain = code.replace("-", "")
    variants = [
        code.lower(),
        plain,
        " ".join(code.split("-")),
        f"  {plain.lower()}  ",
        code.replace("O", "0").replace("I", "1").replace("B", "8"),
        "\n".join(code.split("-")[:4]) + "\n" + "-".join(code.split("-")[4:]),
    ]
    for variant in variants:
        assert keys.unlock_with_recovery(envelope, variant) == key, variant


def test_zero_is_read_as_the_letter_o() -> None:
    secret = bytes(keys.RECOVERY_BYTES)  # all zero bits: base32 'AAAA...'
    code = keys.format_recovery_code(b"\x73" + secret[1:])  # starts with 'O'
    assert code.startswith("O")
    assert keys.parse_recovery_code("0" + code[1:]) == keys.parse_recovery_code(code)


def test_a_wrong_recovery_code_is_wrong_recovery_key(made: tuple[bytes, Envelope, str]) -> None:
    _key, envelope, code = made
    other = keys.format_recovery_code(bytes(keys.RECOVERY_BYTES))
    last = "ZZZZ" if code[-4:] != "ZZZZ" else "YYYY"
    for attempt in (other, code[:-4] + last, code[:-1], code + "A", "", "!!!!"):
        with pytest.raises(WrongRecoveryKey) as caught:
            keys.unlock_with_recovery(envelope, attempt)
        assert "herstelsleutel klopt niet" in caught.value.message


def test_without_a_recovery_wrap_there_is_no_recovery_key() -> None:
    _key, envelope, code = keys.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    assert code == ""
    assert not envelope.has_recovery
    with pytest.raises(NoRecoveryKey):
        keys.unlock_with_recovery(envelope, keys.format_recovery_code(bytes(keys.RECOVERY_BYTES)))


def test_a_new_recovery_code_replaces_the_old_one(made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, old_code = made
    renewed, new_code = keys.with_new_recovery(envelope, key)
    assert new_code != old_code
    assert keys.unlock_with_recovery(renewed, new_code) == key
    with pytest.raises(WrongRecoveryKey):
        keys.unlock_with_recovery(renewed, old_code)
    assert keys.unlock(renewed, PASSPHRASE) == key


def test_rewrap_keeps_the_data_key_and_retires_the_old_passphrase(made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, code = made
    rewrapped = keys.rewrap(key, OTHER_PASSPHRASE, kdf=FAST_KDF, envelope=envelope)
    assert keys.unlock(rewrapped, OTHER_PASSPHRASE) == key
    with pytest.raises(WrongPassphrase):
        keys.unlock(rewrapped, PASSPHRASE)
    assert rewrapped.key_id == envelope.key_id
    assert rewrapped.salt != envelope.salt
    assert keys.unlock_with_recovery(rewrapped, code) == key  # the recovery wrap is kept


def test_rewrap_with_the_default_cost_takes_under_a_second() -> None:
    """Documented requirement: changing the passphrase re-wraps the key in under a second."""
    key = bytes(range(32))
    started = time.perf_counter()
    envelope = keys.rewrap(key, OTHER_PASSPHRASE)
    elapsed = time.perf_counter() - started
    assert envelope.kdf == DEFAULT_KDF
    assert elapsed < 1.0, f"rewrap took {elapsed:.2f} s"


def test_the_key_file_never_holds_the_raw_key(tmp_path: Path, made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, code = made
    path = _key_file(tmp_path, dataclasses.replace(envelope, failed_unlocks=("2026-11-23T10:30:00",)))
    data = path.read_bytes()
    text = data.decode("utf-8").lower()
    assert key.hex() not in text
    assert key not in data
    assert base64.b64encode(key).decode("ascii").lower() not in text
    assert keys.parse_recovery_code(code).hex() not in text
    assert code.lower() not in text
    assert PASSPHRASE not in text


def test_the_sqlcipher_pragma_uses_the_raw_key() -> None:
    assert keys.sqlcipher_key(bytes(range(32))) == f"PRAGMA key = \"x'{bytes(range(32)).hex()}'\""


def test_writing_replaces_the_file_atomically(tmp_path: Path, made: tuple[bytes, Envelope, str]) -> None:
    key, envelope, _code = made
    path = _key_file(tmp_path, envelope)
    leftover = path.with_name(path.name + ".part")
    leftover.write_text("half a file from a crash", encoding="utf-8")  # must be overwritten, never read
    renewed = keys.rewrap(key, OTHER_PASSPHRASE, kdf=FAST_KDF, envelope=envelope)
    keys.write_envelope(path, renewed)
    assert keys.read_envelope(path) == renewed
    assert not leftover.exists()
