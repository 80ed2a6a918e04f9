"""The command line's key: the passphrase from a file, the environment or typed at a prompt, and the unlock.

A passphrase file is read up to a bound (``/dev/zero`` or a large file is refused, never read for
ever) and must be text; its first line is the passphrase, without a byte-order mark (Notepad's
UTF-8).  Earlier versions kept that mark as part of the passphrase, so for an existing key file
the first line as they read it is tried too (``GivenPassphrase.as_read_before``).
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from clientsteun.domain.errors import DatabaseMissing, InvalidInput, WrongPassphrase
from clientsteun.domain.passphrase import check_passphrase, clean_passphrase
from clientsteun.services.safety import SafetyService, VaultState

PASSPHRASE_ENV = "CLIENTSTEUN_PASSPHRASE"
MAX_FILE_BYTES = 4096  # a passphrase, a line end and room to spare

OLD_READING_ADVICE = (
    "Let op: dit wachtwoord werkt alleen met het onzichtbare teken (BOM) waarmee het wachtwoordbestand "
    "begint. Kies in Clientsteun een nieuw wachtwoord (Beveiliging, Wachtwoord wijzigen), dan werkt het "
    "gewoon, ook getypt."
)


@dataclass(frozen=True)
class GivenPassphrase:
    text: str
    # A file's first line as versions before this one read it (with its byte-order mark), when it differs.
    as_read_before: str | None = None

    @property
    def candidates(self) -> tuple[str, ...]:
        """The passphrases to try on an existing key file, in this order."""
        return (self.text,) if self.as_read_before is None else (self.text, self.as_read_before)


def key_for(safety: SafetyService, file: Path | None, *, create: bool = False) -> bytes:
    """The data key of the database: a new one for a new (``create``) or not yet encrypted database."""
    state = safety.state()
    if state is VaultState.ENCRYPTED:
        safety.check_file()  # an empty file or a document: say so before asking for a key
    if (state is VaultState.NEW and create) or (state is VaultState.PLAINTEXT and not safety.has_key_file()):
        key, _ = safety.create_key(given_passphrase(file, new=True).text, with_recovery=False)
        return key
    if state in (VaultState.NEW, VaultState.MISSING):
        raise DatabaseMissing()
    return unlock(safety, file)


def unlock(safety: SafetyService, file: Path | None) -> bytes:
    """The data key; a passphrase file that only opens it as earlier versions read it comes with advice."""
    given = given_passphrase(file)
    key, used = safety.unlock_first(given.candidates)
    if used != given.text and not _rewrapped(safety, key, given.text):
        print(OLD_READING_ADVICE, file=sys.stderr)
    return key


def _rewrapped(safety: SafetyService, key: bytes, clean: str) -> bool:
    """On a terminal, offer to keep the key under the passphrase without the byte-order mark."""
    if not sys.stdin.isatty():
        return False
    answer = input("Het sleutelbestand nu vastleggen onder het wachtwoord zonder dat teken? (j/n): ")
    if answer.strip().lower() not in ("j", "ja"):
        return False
    try:
        safety.change_passphrase(key, clean)
    except InvalidInput as problem:  # the clean passphrase is too weak to choose today
        print(f"Niet gedaan: {problem.message}", file=sys.stderr)
        return False
    print("Gedaan: het wachtwoord werkt nu zonder het onzichtbare teken, ook getypt.", file=sys.stderr)
    return True


def adopt_key(safety: SafetyService, file: Path | None, backup: Path) -> bytes:
    """On a new laptop: the key file carried with ``backup``, opened with the passphrase."""
    given = given_passphrase(file)
    for passphrase in given.candidates[:-1]:
        try:
            return safety.adopt_key_of(backup, passphrase)
        except WrongPassphrase:
            continue
    key = safety.adopt_key_of(backup, given.candidates[-1])
    if given.as_read_before is not None:
        print(OLD_READING_ADVICE, file=sys.stderr)
    return key


def given_passphrase(file: Path | None, *, new: bool = False) -> GivenPassphrase:
    """From ``file`` or the environment; typed at a prompt only on a terminal (twice when ``new``).

    A ``new`` passphrase is checked (``check_passphrase``: long enough, hard to guess, no control
    characters); InvalidInput says what is wrong.
    """
    if file is not None:
        given = _from_file(file)
        return GivenPassphrase(check_passphrase(given.text)) if new else given
    if os.environ.get(PASSPHRASE_ENV):
        text = os.environ[PASSPHRASE_ENV]
        return GivenPassphrase(check_passphrase(text) if new else text)
    if not sys.stdin.isatty():
        raise InvalidInput(f"Geef het wachtwoord met --passphrase-file of in ${PASSPHRASE_ENV}.")
    if not new:
        return GivenPassphrase(ask("Wachtwoord: "))
    chosen = check_passphrase(ask("Kies een wachtwoord voor de nieuwe database: "))
    if ask("Nog een keer: ") != chosen:
        raise InvalidInput("De twee wachtwoorden zijn niet gelijk. Er is niets gemaakt.")
    return GivenPassphrase(chosen)


def ask(prompt: str) -> str:
    """Typed without echo.  Ctrl+D is a plain error; Ctrl+C ends the command (``cli.main``)."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        if sys.stderr.isatty():
            print(file=sys.stderr)  # getpass leaves the cursor after its prompt
        raise InvalidInput("Er is geen wachtwoord getypt (Ctrl+D). Er is niets veranderd.") from None


def _from_file(file: Path) -> GivenPassphrase:
    try:
        with file.open("rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise InvalidInput("Het wachtwoordbestand kan niet worden gelezen.") from None
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"Het wachtwoordbestand is te groot (meer dan {MAX_FILE_BYTES} bytes). "
            "Zet alleen het wachtwoord op de eerste regel."
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = "\0"
    if "\0" in text:
        raise InvalidInput("Het wachtwoordbestand is geen tekstbestand. Zet het wachtwoord op de eerste regel.")
    lines = text.splitlines()
    first = lines[0] if lines else ""
    cleaned = clean_passphrase(first)
    if not cleaned:
        raise InvalidInput("Het wachtwoordbestand is leeg. Zet het wachtwoord op de eerste regel.")
    return GivenPassphrase(cleaned, first if first != cleaned else None)
