"""Expected failures, each with a plain Dutch message for the user.

The core has no Qt, but the messages must be translatable: ``QT_TRANSLATE_NOOP`` is the marker
that Qt's ``lupdate`` looks for; the UI passes ``message`` through
``QCoreApplication.translate("errors", ...)``.  Messages never contain names or note text.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    del context
    return text


class ClientsteunError(Exception):
    """An expected failure the user can act on."""

    message: str = QT_TRANSLATE_NOOP("errors", "Er ging iets mis.")

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        if message is not None:
            self.message = message
        self.detail = detail  # technical detail for the log; never personal data
        super().__init__(self.message)


class InvalidInput(ClientsteunError):
    """A value the user typed cannot be accepted (empty name, wrong date, ...)."""


class NotFound(ClientsteunError):
    message = QT_TRANSLATE_NOOP("errors", "Dit gegeven bestaat niet (meer). Het is misschien verwijderd.")


class DatabaseProblem(ClientsteunError):
    """The database could not do what was asked; nothing was changed."""

    message = QT_TRANSLATE_NOOP(
        "errors",
        "De database kon dit niet uitvoeren. Er is niets veranderd. Probeer het opnieuw; "
        "blijft het misgaan, neem dan contact op met uw coördinator.",
    )


class NotADatabase(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit bestand is geen Clientsteun-database. Er is niets aan veranderd. Kies een ander bestand.",
    )


class NotEncrypted(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors", "Deze database is nog niet versleuteld. Start Clientsteun om hem eenmalig te versleutelen."
    )


class DatabaseMissing(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors", "Dit databasebestand bestaat niet. Controleer de naam en de map van het bestand."
    )


class EmptyFile(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Het databasebestand is leeg (0 bytes). Er is niets aan veranderd: Clientsteun maakt er geen "
        "nieuwe database overheen. Zet een reservekopie terug of kies een ander bestand.",
    )


class NewerDatabase(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Deze database is gemaakt met een nieuwere versie van Clientsteun. "
        "Installeer de nieuwste versie om hem te openen. Er is niets aan veranderd.",
    )


class DatabaseDamaged(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "De database is beschadigd en kan niet veilig worden geopend. Er is niets aan "
        "veranderd. Neem contact op met uw coördinator om een reservekopie terug te zetten.",
    )


class DatabaseLocked(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Deze database is al geopend in een ander venster van Clientsteun of door een ander "
        "programma. Sluit dat eerst en probeer het dan opnieuw.",
    )


class DatabaseBusy(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "De database is even bezet door een ander programma. Uw gegevens zijn niet "
        "veranderd. Probeer het over een moment opnieuw.",
    )


class DiskFull(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "De schijf is vol, daarom kon er niet worden opgeslagen. Wat al was opgeslagen is "
        "bewaard. Maak ruimte vrij en probeer het opnieuw.",
    )


class ReadOnlyDatabase(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Er kan niet in de database worden geschreven (alleen-lezen). Controleer de rechten van het bestand of de map.",
    )


class MigrationFailed(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Het bijwerken van de database naar deze versie is mislukt. De database is "
        "onveranderd gebleven en er staat een reservekopie naast.",
    )


class CreateFailed(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Er kon geen nieuwe database worden gemaakt. Er is niets achtergebleven. Controleer of er "
        "ruimte is op de schijf en of u in de map mag schrijven.",
    )


class AppLocked(ClientsteunError):
    message = QT_TRANSLATE_NOOP("errors", "Clientsteun is vergrendeld. Ontgrendel eerst met uw wachtwoord.")


class WrongPassphrase(ClientsteunError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Dit wachtwoord klopt niet. Er is niets veranderd. Let op hoofdletters en probeer het opnieuw."
    )


class WrongRecoveryKey(ClientsteunError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Deze herstelsleutel klopt niet. Controleer de letters en cijfers en probeer het opnieuw."
    )


class NoRecoveryKey(ClientsteunError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Voor deze database is geen herstelsleutel gemaakt. Zonder wachtwoord kan hij niet open."
    )


class KeyFileMissing(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Het sleutelbestand van de database ontbreekt, en er is ook geen kopie bij de reservekopieën. "
        "Zonder dat bestand kan de database niet open. Er is niets veranderd. Neem contact op met uw coördinator.",
    )


class KeyFileDamaged(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Het sleutelbestand van de database is beschadigd. Er is niets veranderd. Neem contact op met uw coördinator.",
    )


class KeyMismatch(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "Dit bestand is met een andere sleutel versleuteld dan deze database. Er is niets veranderd.",
    )


class BackupFailed(DatabaseProblem):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "De reservekopie is niet gelukt of kon niet worden gecontroleerd. Uw database is niet veranderd. "
        "Controleer of er ruimte is op de schijf en probeer het opnieuw.",
    )


class NoBackup(DatabaseProblem):
    message = QT_TRANSLATE_NOOP("errors", "Er is geen bruikbare reservekopie gevonden.")


class CatalogError(ClientsteunError):
    """A catalog file under resources/ is invalid; the detail names file and entry."""

    message = QT_TRANSLATE_NOOP("errors", "Een catalogusbestand is ongeldig.")

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(
            f"Catalogusbestand {file}, onderdeel {entry!s}: {problem}",
            detail=f"{file}: {entry}: {problem}",
        )
        self.file = file
        self.entry = entry
        self.problem = problem
