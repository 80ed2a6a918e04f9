"""What a passphrase must be, and a plain-language hint about its strength.

Strength is estimated with ``zxcvbn`` (Dropbox's estimator: dictionaries of common passwords, names
and words, keyboard patterns, repeats, sequences, dates and l33t substitutions), given a list of
common Dutch passwords and words on top of its English ones.  Its estimate of the guesses an
attacker needs decides the level; a passphrase that is too short or weak is refused.  The data key
is wrapped with Argon2id (0.2 s and 128 MiB a guess here), so 10^10 guesses take an attacker with
a GPU farm months; below that a passphrase is refused.
"""

from __future__ import annotations

import enum

from zxcvbn import zxcvbn

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput

MIN_LENGTH = 10
ESTIMATED_LENGTH = 72  # zxcvbn refuses longer input; the first 72 characters are a lower bound
FAIR_LOG10 = 10  # at least 10^10 guesses: accepted
STRONG_LOG10 = 14

# Common Dutch passwords and the words they are made of, and words of this app's world that a
# supporter may reach for.  zxcvbn ranks them as the most likely guesses, in this order.
DUTCH_COMMON = (
    "wachtwoord", "welkom", "geheim", "hallo", "voetbal", "ajax", "feyenoord", "psv", "nederland", "holland",
    "oranje", "amsterdam", "rotterdam", "utrecht", "denhaag", "eindhoven", "groningen", "zomer", "winter",
    "lente", "herfst", "liefde", "schatje", "schat", "lieverd", "prinses", "engel", "hemel", "zonnetje",
    "regenboog", "sterretje", "hartje", "geluk", "vakantie", "zomervakantie", "kerstmis", "sinterklaas",
    "konijn", "hond", "honden", "poes", "kat", "paard", "paarden", "vogel", "bloem", "tulp", "molen",
    "fiets", "kaas", "appeltaart", "stroopwafel", "mama", "papa", "oma", "opa", "kinderen", "familie",
    "vriend", "vriendin", "vrienden", "school", "werk", "computer", "laptop", "inloggen", "gebruiker",
    "beheerder", "mijnwachtwoord", "geheimpje", "welkom01", "welkom123", "wachtwoord1", "wachtwoord123",
    "clientsteun", "client", "steun", "ondersteuning", "clientondersteuning", "clientondersteuner",
    "gemeente", "wmo", "zorg", "hulp", "hulpvraag", "inwoner", "dossier", "mee", "zorgbelang",
)  # fmt: skip


class Strength(enum.IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3

    @property
    def hint(self) -> str:
        return _HINTS[self]

    @property
    def acceptable(self) -> bool:
        """Whether a new passphrase of this strength may be chosen."""
        return self >= Strength.FAIR


_HINTS = {
    Strength.TOO_SHORT: QT_TRANSLATE_NOOP("passphrase", f"Te kort: gebruik minstens {MIN_LENGTH} tekens."),
    Strength.WEAK: QT_TRANSLATE_NOOP(
        "passphrase",
        "Te makkelijk te raden. Kies een zin van vier woorden die alleen u kent, geen bekend wachtwoord.",
    ),
    Strength.FAIR: QT_TRANSLATE_NOOP("passphrase", "Redelijk. Nog een woord erbij maakt het sterk."),
    Strength.STRONG: QT_TRANSLATE_NOOP("passphrase", "Sterk."),
}

_CONTROL = QT_TRANSLATE_NOOP(
    "passphrase", "Het wachtwoord bevat een onzichtbaar teken (zoals een tab of regeleinde). Typ het opnieuw."
)


def strength(passphrase: str) -> Strength:
    """Too short, or zxcvbn's estimate of the guesses needed, as a level."""
    if len(passphrase) < MIN_LENGTH:
        return Strength.TOO_SHORT
    guesses_log10 = zxcvbn(passphrase[:ESTIMATED_LENGTH], user_inputs=DUTCH_COMMON)["guesses_log10"]
    if guesses_log10 >= STRONG_LOG10:
        return Strength.STRONG
    if guesses_log10 >= FAIR_LOG10:
        return Strength.FAIR
    return Strength.WEAK


def clean_passphrase(text: str) -> str:
    """A passphrase as read from a file or pasted: without a leading byte-order mark (Notepad's
    UTF-8) or a trailing line break."""
    return text.removeprefix("\ufeff").rstrip("\r\n")


def check_passphrase(passphrase: str) -> str:
    """A new passphrase, or InvalidInput when it is too short, too easy to guess or holds a control character."""
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in passphrase):
        raise InvalidInput(_CONTROL)
    level = strength(passphrase)
    if not level.acceptable:
        raise InvalidInput(level.hint)
    return passphrase
