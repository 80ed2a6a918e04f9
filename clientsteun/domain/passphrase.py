"""What a passphrase must be, and a plain-language hint about its strength."""

from __future__ import annotations

import enum
import math

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput

MIN_LENGTH = 10


class Strength(enum.IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3

    @property
    def hint(self) -> str:
        return _HINTS[self]


_HINTS = {
    Strength.TOO_SHORT: QT_TRANSLATE_NOOP("passphrase", f"Te kort: gebruik minstens {MIN_LENGTH} tekens."),
    Strength.WEAK: QT_TRANSLATE_NOOP(
        "passphrase", "Zwak. Maak het langer, bijvoorbeeld een zin van vier woorden die alleen u kent."
    ),
    Strength.FAIR: QT_TRANSLATE_NOOP("passphrase", "Redelijk. Nog een woord erbij maakt het sterk."),
    Strength.STRONG: QT_TRANSLATE_NOOP("passphrase", "Sterk."),
}


def strength(passphrase: str) -> Strength:
    """A rough estimate: length times the variety of characters, and repeats count for little."""
    if len(passphrase) < MIN_LENGTH:
        return Strength.TOO_SHORT
    alphabet = 0
    if any(ch.islower() for ch in passphrase):
        alphabet += 26
    if any(ch.isupper() for ch in passphrase):
        alphabet += 26
    if any(ch.isdigit() for ch in passphrase):
        alphabet += 10
    if any(not ch.isalnum() for ch in passphrase):
        alphabet += 20
    distinct = len(set(passphrase.lower()))
    bits = min(len(passphrase), 3 * distinct) * math.log2(max(alphabet, 2))
    if bits >= 90:
        return Strength.STRONG
    if bits >= 60:
        return Strength.FAIR
    return Strength.WEAK


def check_passphrase(passphrase: str) -> str:
    """The passphrase, or InvalidInput when it is too short to protect anything."""
    if strength(passphrase) is Strength.TOO_SHORT:
        raise InvalidInput(Strength.TOO_SHORT.hint)
    return passphrase
