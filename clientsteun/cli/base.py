"""What every command of the command line shares: the parser, the registry of commands, opening a
database, dates, columns and JSON.

A command lives in a module of this package by theme; the module's ``register(commands)`` adds its
subcommands with ``commands.add(name, help, handler)``, and ``clientsteun.cli.THEMES`` lists the module.
"""

from __future__ import annotations

import argparse
import errno
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from clientsteun import paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV, key_for
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog, load_chosen_catalog
from clientsteun.domain.dates import parse_date
from clientsteun.domain.deadlines import ACTOR_NAMES
from clientsteun.domain.errors import ClientsteunError, DiskFull, InvalidInput
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService

if TYPE_CHECKING:
    from clientsteun.settings import Settings

Handler = Callable[[argparse.Namespace, Path], int]


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


# argparse's own messages, in Dutch.  Anything else is shown after a Dutch sentence.
_USAGE_ERRORS = (
    (r"the following arguments are required: (.*)", r"dit ontbreekt nog: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"bij \1 hoort een heel getal, niet \2"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"onbekende opdracht \2; kies uit \3"),
    (r"argument (\S+): expected one argument", r"na \1 hoort een waarde"),
    (r"unrecognized arguments: (.*)", r"onbekend: \1"),
)


class Parser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and usage errors."""

    def __init__(self, **kwargs: Any) -> None:
        # No abbreviations: "--passphrase SECRET" must be refused, not read as --passphrase-file.
        super().__init__(formatter_class=_DutchHelpFormatter, add_help=False, allow_abbrev=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze uitleg")

    def error(self, message: str) -> NoReturn:
        for pattern, dutch in _USAGE_ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, dutch, message)
                break
        else:
            message = f"de opdracht klopt niet ({message})"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}. Zie '{self.prog} --help'.\n")


def add_database_options(command: argparse.ArgumentParser, default: Any = None) -> None:
    """``--db`` and ``--passphrase-file``, on the program and on each command that opens a database."""
    db_help = f"het databasebestand (standaard ${paths.DB_ENV} of {paths.default_database()})"
    passphrase_help = f"bestand met het wachtwoord op de eerste regel (standaard ${PASSPHRASE_ENV})"
    command.add_argument("--db", type=Path, default=default, help=db_help)
    command.add_argument("--passphrase-file", type=Path, default=default, help=passphrase_help)


class Commands:
    """The subcommands and the function that runs each."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers
        self.handlers: dict[str, Handler] = {}

    def add(self, name: str, help: str, handler: Handler, *, database: bool = True) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = self._subparsers.add_parser(name, help=help)
        if database:
            # Not None as default: that would overwrite the same option given before the command,
            # and the command would silently use the default instead.
            add_database_options(command, argparse.SUPPRESS)
        self.handlers[name] = handler
        return command


_LOOP = "Dit pad verwijst via een snelkoppeling (symbolische link) naar zichzelf. Kies het echte bestand."


def check_path(path: Path) -> None:
    """Refuse a path that does not resolve (a symlink loop) before anything looks at it."""
    try:
        path.expanduser().resolve()
    except (OSError, RuntimeError):  # Python before 3.13 calls a symlink loop a RuntimeError
        raise InvalidInput(_LOOP) from None


def file_problem(error: OSError) -> str:
    """An unexpected file system error in Dutch, without the path (it may name a person)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull.message
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            "Clientsteun mag hier niet schrijven (geen rechten, of een schijf die alleen gelezen kan worden). "
            "Controleer de rechten van de map en het bestand."
        )
    if error.errno == errno.ELOOP:
        return _LOOP
    code = errno.errorcode.get(error.errno or 0, "onbekend")
    return f"Een bestand kon niet worden gelezen of geschreven (foutcode {code}). Controleer de map en het bestand."


def settings() -> Settings:
    """The app's own settings file, so the command line counts and reads as the app does."""
    from clientsteun.settings import Settings  # only for commands that open a database

    return Settings()


def catalog() -> Catalog:
    """The catalog chosen in the app's settings (a coordinator's copy), else the built-in one."""
    chosen = settings().catalog_folder
    found, problem = load_chosen_catalog(Path(chosen) if chosen else None, paths.catalog_dir())
    if problem is not None:
        print(f"Let op: de gekozen catalogus wordt niet gebruikt. {problem.message}", file=sys.stderr)
    return found


def open_services(args: argparse.Namespace, db_path: Path, *, create: bool = False) -> Services:
    """Unlock and open the database for one command; failed unlocks since the last one are logged."""
    safety = SafetyService(db_path)
    return safety.open_services(key_for(safety, args.passphrase_file, create=create), catalog(), create=create)


def log_shown(services: Services, what: str, *, json: bool) -> None:
    """Output that names people is logged as any export, before it is printed (without names or
    search words); when the log cannot be written, nothing is shown."""
    try:
        services.audit.record(AuditAction.EXPORT, detail=f"opdrachtregel: {what}{', JSON' if json else ''}")
    except ClientsteunError as error:
        raise InvalidInput(
            f"{error.message} Het logboek kon niet vastleggen wat er getoond zou worden, daarom wordt er niets getoond."
        ) from None


def lines(count: int) -> str:
    return f"{count} {'regel' if count == 1 else 'regels'}"


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def check_count(value: int | None, option: str, low: int, high: int) -> None:
    """A number given on the command line within its bounds, else a plain error."""
    if value is not None and not low <= value <= high:
        raise InvalidInput(f"Bij {option} hoort een aantal van {low} of meer en hoogstens {high:,}.".replace(",", "."))


def cut(text: str, width: int) -> str:
    """``text`` in a column of ``width``: padded, or cut short with an ellipsis."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"


def given_date(text: str) -> date:
    """A date typed as dd-mm-jjjj or as jjjj-mm-dd."""
    if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", text):
        year, month, day = (int(part) for part in text.strip().split("-"))
        text = f"{day}-{month}-{year}"
    found = parse_date(text, required=True)
    assert found is not None
    return found


ACTOR_WORDS = ACTOR_NAMES  # who must act: the words the app uses everywhere
