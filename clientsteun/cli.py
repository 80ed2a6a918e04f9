"""The command line: the GUI by default, subcommands for headless work over the same services.

Output and errors are Dutch; exit code 0 is success, 1 a problem explained on stderr, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from clientsteun import __version__, paths
from clientsteun.cli_passphrase import PASSPHRASE_ENV, adopt_key, key_for, unlock
from clientsteun.domain.agenda import AgendaItem, AgendaKind, within
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.calculator import COMMITTEE, CalculatorRule, TermQuestion, calculate, calculator_rules
from clientsteun.domain.catalog import Catalog, load_chosen_catalog
from clientsteun.domain.dates import format_date, format_time, parse_date
from clientsteun.domain.deadlines import BASIS_WORDS, DeadlineState
from clientsteun.domain.errors import (
    ClientsteunError,
    DatabaseMissing,
    DiskFull,
    InvalidInput,
    KeyFileMissing,
    NotEncrypted,
)
from clientsteun.domain.model import SNIPPET_END, SNIPPET_START
from clientsteun.domain.reckoning import long_day
from clientsteun.domain.route_catalog import DECREE_MISSING
from clientsteun.domain.routes import Actor
from clientsteun.process import harden
from clientsteun.services import Services
from clientsteun.services.safety import SafetyService, VaultState

if TYPE_CHECKING:
    from clientsteun.settings import Settings

WITHIN_DAYS = 14  # how far ahead "deadlines" looks by default
# Upper bounds that keep a typing mistake from running for hours (or for ever).
MAX_DEMO_CLIENTS = 100_000
MAX_DEMO_CONVERSATIONS = 1_000_000
MAX_WITHIN_DAYS = 100_000  # beyond the last year a date may have (2200)


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


class _Parser(argparse.ArgumentParser):
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="clientsteun",
        description="Clientsteun: dossiers voor onafhankelijke cliëntondersteuning. "
        "Zonder opdracht start het programma.",
    )
    parser.add_argument(
        "--version", action="version", version=f"clientsteun {__version__}", help="toon het versienummer"
    )
    db_help = f"het databasebestand (standaard ${paths.DB_ENV} of {paths.default_database()})"
    passphrase_help = f"bestand met het wachtwoord op de eerste regel (standaard ${PASSPHRASE_ENV})"

    def common(command: argparse.ArgumentParser, default: Any = None) -> None:
        command.add_argument("--db", type=Path, default=default, help=db_help)
        command.add_argument("--passphrase-file", type=Path, default=default, help=passphrase_help)

    common(parser)
    # A subcommand's options must not default to None: that would overwrite the same option
    # given before the subcommand, and the command would silently use the default instead.
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=_Parser)

    demo = commands.add_parser("demo", help="vul een lege database met verzonnen voorbeeldgegevens")
    common(demo, argparse.SUPPRESS)
    demo.add_argument("--clients", type=int, required=True, help="aantal inwoners")
    demo.add_argument("--conversations", type=int, help="aantal gesprekken (standaard 6 per inwoner)")
    demo.add_argument("--seed", type=int, default=1, help="zelfde getal, zelfde gegevens")
    demo.add_argument("--today", help="peildatum dd-mm-jjjj (standaard vandaag)")

    clients = commands.add_parser("clients", help="toon de inwoners")
    common(clients, argparse.SUPPRESS)
    clients.add_argument("--json", action="store_true", help="uitvoer als JSON")

    search = commands.add_parser("search", help="zoek in alle gespreksnotities")
    common(search, argparse.SUPPRESS)
    search.add_argument("query", help="woorden om te zoeken")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")

    deadlines = commands.add_parser("deadlines", help="toon de open termijnen van alle open dossiers")
    common(deadlines, argparse.SUPPRESS)
    deadlines.add_argument(
        "--within", type=int, default=WITHIN_DAYS, metavar="DAGEN",
        help=f"tot zoveel dagen vooruit (standaard {WITHIN_DAYS}); verlopen termijnen staan er altijd bij",
    )  # fmt: skip
    deadlines.add_argument("--json", action="store_true", help="uitvoer als JSON")

    agenda = commands.add_parser(
        "agenda", help="schrijf de agenda (termijnen, geplande stappen, afspraken) naar een agendabestand (.ics)"
    )
    common(agenda, argparse.SUPPRESS)
    agenda.add_argument("--ics", type=Path, required=True, metavar="BESTAND", help="het agendabestand (.ics)")
    agenda.add_argument(
        "--zonder-namen", dest="without_names", action="store_true",
        help="zet 'inwoner' met het nummer in het bestand in plaats van de naam "
        "(verstandig als de agenda naar de cloud gaat)",
    )  # fmt: skip
    agenda.add_argument(
        "--within", type=int, metavar="DAGEN",
        help="alleen tot zoveel dagen vooruit (standaard alles); verlopen punten staan er altijd bij",
    )  # fmt: skip

    backup = commands.add_parser("backup", help="maak een versleutelde, gecontroleerde reservekopie")
    common(backup, argparse.SUPPRESS)
    backup.add_argument("--out", type=Path, required=True, help="het bestand voor de reservekopie")

    restore = commands.add_parser("restore", help="zet een reservekopie terug (het huidige bestand blijft bewaard)")
    common(restore, argparse.SUPPRESS)
    restore.add_argument("--from", dest="source", type=Path, required=True, help="de reservekopie")

    check = commands.add_parser("check", help="controleer de database en de reservekopieën")
    common(check, argparse.SUPPRESS)
    check.add_argument(
        "--accept", action="store_true",
        help="neem de database zoals hij is nadat het logbestand (-wal) na een onverwachte afsluiting "
        "verdwenen is (de waarschuwing verdwijnt dan)",
    )  # fmt: skip

    audit = commands.add_parser("audit", help="toon het logboek van exports, afdrukken en herstel")
    common(audit, argparse.SUPPRESS)
    audit.add_argument("--csv", type=Path, help="schrijf het logboek naar dit CSV-bestand")

    term = commands.add_parser(
        "term", help="bereken een termijn zonder database: tot wanneer kan of moet iets (de catalogus van de app)"
    )
    term.add_argument("--list", action="store_true", help="toon de termijnen: code, wet, termijn en wat ze vragen")
    term.add_argument("--rule", metavar="CODE", help="de termijn om te berekenen (zie --list)")
    term.add_argument(
        "--date", metavar="DATUM", help="de datum van de gebeurtenis die de termijn start (dd-mm-jjjj of jjjj-mm-dd)"
    )
    term.add_argument("--committee", action="store_true", help="een onafhankelijke commissie behandelt het bezwaar")
    term.add_argument(
        "--circumstance", action="append", default=[], metavar="CODE", help="een omstandigheid (zie --list)"
    )
    term.add_argument("--municipality", default="", metavar="GEMEENTE", help="voor een termijn uit een verordening")
    term.add_argument("--extended", action="store_true", help="de instantie heeft de termijn verdaagd")
    term.add_argument("--extended-until", metavar="DATUM", help="de nieuwe datum die de brief van de verdaging noemt")
    term.add_argument("--json", action="store_true", help="uitvoer als JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Every way a command ends is an exit code and, on a problem, one Dutch line: never a traceback."""
    harden()  # no core dumps, owner-only files: before anything is read or written
    args = build_parser().parse_args(argv)
    db_path: Path = args.db or paths.default_database()
    if args.command is None:
        from clientsteun.app import run  # Qt is loaded only for the GUI

        return run(db_path)
    try:
        _check_path(db_path)
        SafetyService(db_path).protect_files(paths.user_data_dir())  # also files made before the umask
        return COMMANDS[args.command](args, db_path)
    except ClientsteunError as error:
        print(f"clientsteun: {error.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a program that stopped reading, e.g. head
        sys.stderr.close()
        return 0
    except OSError as error:
        print(f"clientsteun: {_file_problem(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        start = "\n" if sys.stderr.isatty() else ""  # after the prompt or the terminal's ^C
        print(f"{start}clientsteun: afgebroken met Ctrl+C.", file=sys.stderr)
        return 130


_LOOP = "Dit pad verwijst via een snelkoppeling (symbolische link) naar zichzelf. Kies het echte bestand."


def _check_path(path: Path) -> None:
    """Refuse a database path that does not resolve (a symlink loop) before anything looks at it."""
    try:
        path.expanduser().resolve()
    except (OSError, RuntimeError):  # Python before 3.13 calls a symlink loop a RuntimeError
        raise InvalidInput(_LOOP) from None


def _file_problem(error: OSError) -> str:
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


def _settings() -> Settings:
    """The app's own settings file, so the command line counts and reads as the app does."""
    from clientsteun.settings import Settings  # only for commands that open a database

    return Settings()


def _catalog() -> Catalog:
    """The catalog chosen in the app's settings (a coordinator's copy), else the built-in one."""
    chosen = _settings().catalog_folder
    catalog, problem = load_chosen_catalog(Path(chosen) if chosen else None, paths.catalog_dir())
    if problem is not None:
        print(f"Let op: de gekozen catalogus wordt niet gebruikt. {problem.message}", file=sys.stderr)
    return catalog


def _services(args: argparse.Namespace, db_path: Path, *, create: bool = False) -> Services:
    """Unlock and open the database for one command; failed unlocks since the last one are logged."""
    safety = SafetyService(db_path)
    return safety.open_services(key_for(safety, args.passphrase_file, create=create), _catalog(), create=create)


def _demo(args: argparse.Namespace, db_path: Path) -> int:
    from clientsteun.demo import fill_demo

    _check_count(args.clients, "--clients", 1, MAX_DEMO_CLIENTS)
    _check_count(args.conversations, "--conversations", 0, MAX_DEMO_CONVERSATIONS)
    today = parse_date(args.today) if args.today else None
    services = _services(args, db_path, create=True)
    try:
        result = fill_demo(
            services.database,
            services.catalog,
            clients=args.clients,
            conversations=args.conversations,
            seed=args.seed,
            today=today,
        )
    finally:
        services.close()
    print(
        f"{result.clients} inwoners, {result.conversations} gesprekken en "
        f"{result.agreements} afspraken gemaakt in {db_path}"
    )
    return 0


def _clients(args: argparse.Namespace, db_path: Path) -> int:
    services = _services(args, db_path)
    try:
        rows = services.clients.list_clients()
        _log_shown(services, f"lijst van inwoners, {_lines(len(rows))}", json=args.json)
    finally:
        services.close()
    if args.json:
        _print_json([dataclasses.asdict(row) for row in rows])
        return 0
    print(
        f"{'nr':>6}  {'naam':<30} {'gemeente':<18} {'status':<8} {'laatste contact':<15} {'afspraken open / te laat'}"
    )
    for row in rows:
        status = "open" if row.status == "open" else "gesloten"
        print(
            f"{row.id:>6}  {row.display_name[:30]:<30} {row.municipality[:18]:<18} {status:<8} "
            f"{format_date(row.last_contact):<15} {row.open_agreements} / {row.overdue_agreements}"
        )
    print(f"{len(rows)} inwoners")
    return 0


def _search(args: argparse.Namespace, db_path: Path) -> int:
    services = _services(args, db_path)
    try:
        hits = services.conversations.search(args.query)
        kinds = {hit.kind: services.catalog.kind_name(hit.kind) for hit in hits}
        found = f"zoekresultaten, {len(hits)} {'treffer' if len(hits) == 1 else 'treffers'}"
        _log_shown(services, found, json=args.json)
    finally:
        services.close()
    if args.json:
        _print_json([dataclasses.asdict(hit) | {"snippet": _plain(hit.snippet)} for hit in hits])
        return 0
    for hit in hits:
        snippet = hit.snippet.replace(SNIPPET_START, "*").replace(SNIPPET_END, "*")
        print(f"{format_date(hit.held_on)}  {hit.client_name}  ({kinds[hit.kind]}, gesprek {hit.conversation_id})")
        print(f"    {snippet}")
    print(f"{len(hits)} gevonden")
    return 0


def _log_shown(services: Services, what: str, *, json: bool) -> None:
    """Output that names people is logged as any export, before it is printed (without names or
    search words); when the log cannot be written, nothing is shown."""
    try:
        services.audit.record(AuditAction.EXPORT, detail=f"opdrachtregel: {what}{', JSON' if json else ''}")
    except ClientsteunError as error:
        raise InvalidInput(
            f"{error.message} Het logboek kon niet vastleggen wat er getoond zou worden, daarom wordt er niets getoond."
        ) from None


def _lines(count: int) -> str:
    return f"{count} {'regel' if count == 1 else 'regels'}"


def _plain(snippet: str) -> str:
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _check_count(value: int | None, option: str, low: int, high: int) -> None:
    """A number given on the command line within its bounds, else a plain error."""
    if value is not None and not low <= value <= high:
        raise InvalidInput(f"Bij {option} hoort een aantal van {low} of meer en hoogstens {high:,}.".replace(",", "."))


def _agenda_items(services: Services, within_days: int | None) -> list[AgendaItem]:
    """The agenda of all open dossiers; with ``within_days`` only that far ahead (overdue items stay)."""
    items = services.agenda.agenda(_settings().due_soon_days)
    return items if within_days is None else within(items, services.agenda.today(), within_days)


_STATE_WORDS = {DeadlineState.PASSED: "VERLOPEN", DeadlineState.DUE_SOON: "binnenkort"}
_ACTOR_WORDS = {Actor.AUTHORITY: "instantie", Actor.RESIDENT: "inwoner"}


def _deadlines(args: argparse.Namespace, db_path: Path) -> int:
    _check_count(args.within, "--within", 0, MAX_WITHIN_DAYS)
    services = _services(args, db_path)
    try:
        items = [item for item in _agenda_items(services, args.within) if item.kind is AgendaKind.DEADLINE]
        _log_shown(services, f"termijnen, {_lines(len(items))}", json=args.json)
    finally:
        services.close()
    if args.json:
        _print_json([_deadline_json(item) for item in items])
        return 0
    print(f"{'datum':<10}  {'status':<10}  {'inwoner':<24}  {'wat':<52}  wie moet handelen")
    for item in items:
        who = _ACTOR_WORDS[item.actor] if item.actor else ""
        print(f"{format_date(item.on):<10}  {_STATE_WORDS.get(item.state, ''):<10}  {_cut(item.resident.name, 24)}  "
              f"{_cut(item.what, 52)}  {who}".rstrip())  # fmt: skip
    overdue = sum(item.overdue for item in items)
    count = f"{len(items)} {'termijn' if len(items) == 1 else 'termijnen'}"
    print(f"{count}, waarvan {overdue} verlopen" if overdue else count)
    return 0


def _cut(text: str, width: int) -> str:
    """``text`` in a column of ``width``: padded, or cut short with an ellipsis."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"


def _deadline_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "date": item.on.isoformat(),
        "state": item.state.value,
        "resident_id": item.resident.id,
        "resident": item.resident.name,
        "municipality": item.resident.municipality,
        "what": item.what,
        "actor": None if item.actor is None else item.actor.value,
        "route_id": item.route_id,
        "route": item.route_title,
        "law": item.law,
        "advice": item.advice,
    }


def _agenda(args: argparse.Namespace, db_path: Path) -> int:
    _check_count(args.within, "--within", 0, MAX_WITHIN_DAYS)
    services = _services(args, db_path)
    try:
        items = _agenda_items(services, args.within)
        count = services.agenda.export_ics(args.ics, items, with_names=not args.without_names)
    finally:
        services.close()
    names = "zonder namen" if args.without_names else "met namen"
    print(f"{count} {'punt' if count == 1 else 'punten'} geschreven naar {args.ics} ({names})")
    left_out = len(items) - count
    if left_out:
        print(f"Let op: {left_out} {'punt' if left_out == 1 else 'punten'} weggelaten: de datum ligt buiten "
              "1900-2200 en past in geen agenda. Verbeter die datum in het dossier.")  # fmt: skip
    return 0


def _backup(args: argparse.Namespace, db_path: Path) -> int:
    services = _services(args, db_path)
    try:
        SafetyService(db_path).backup_to(services.database.key, args.out, detail="handmatig, opdrachtregel")
    finally:
        services.close()
    print(f"Reservekopie gemaakt en gecontroleerd: {args.out} (met sleutelbestand {args.out}.key)")
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    safety = SafetyService(db_path)
    safety.state()  # finishes a restore that was interrupted before this one starts
    if safety.has_own_key():
        key = unlock(safety, args.passphrase_file)
    else:  # a new laptop: the key file travels with the backup
        if not args.source.with_name(args.source.name + ".key").exists():
            raise KeyFileMissing()
        key = adopt_key(safety, args.passphrase_file, args.source)
    kept = safety.restore(key, args.source, detail="opdrachtregel")
    print("Reservekopie teruggezet.")
    if kept is not None:
        print(f"Het vorige bestand is bewaard als {kept}")
    return 0


def _check(args: argparse.Namespace, db_path: Path) -> int:
    safety = SafetyService(db_path, second_folder=_settings().second_backup_folder)  # its newest copy reported
    state = safety.state()
    if state is VaultState.PLAINTEXT:
        raise NotEncrypted()
    if state is not VaultState.ENCRYPTED:
        raise DatabaseMissing()
    report = safety.check(unlock(safety, args.passphrase_file), accept_lost_wal=args.accept)
    for line in report.lines:
        print(line)
    missing = _catalog().routes.missing_decree_year(date.today())
    if missing is not None:  # for the coordinator: a warning, not a problem of the database
        print("Let op: " + DECREE_MISSING.format(year=missing))
    return 0 if report.sound else 1


def _audit(args: argparse.Namespace, db_path: Path) -> int:
    services = _services(args, db_path)
    try:
        if args.csv is not None:
            count = services.audit.export_csv(args.csv)
            print(f"{count} regels geschreven naar {args.csv}")
            return 0
        entries = services.audit.entries()
        broken = services.audit.first_broken()
    finally:
        services.close()
    for entry in entries:
        resident = f"inwoner {entry.client_id}" if entry.client_id else ""
        print(f"{format_date(entry.at.date())} {format_time(entry.at.time())}  {entry.action.label:<36} "
              f"{resident:<14} {entry.user}  {entry.detail}".rstrip())  # fmt: skip
    print(f"{len(entries)} regels")
    if broken is not None:
        print(f"Let op: het logboek is aangepast vanaf regel {broken}.")
        return 1
    return 0


def _term(args: argparse.Namespace, db_path: Path) -> int:
    """The deadline calculator: no database, the catalog chosen in the settings."""
    del db_path
    routes = _catalog().routes
    offered = {offer.rule.code: offer for offer in calculator_rules(routes)}
    if args.list:
        if args.json:
            _print_json([_term_offer_json(offer) for offer in offered.values()])
            return 0
        for offer in offered.values():
            rule = offer.rule
            extension = f" (verdaging: {rule.extension})" if rule.extension else ""
            print(f"{rule.code}: {rule.name}\n    {rule.term}{extension} · {rule.law} · {_ACTOR_WORDS[rule.actor]}")
            follows = f" (volgt op {', '.join(r.code for r in offer.follows)})" if offer.follows else ""
            print(f"    --date: {offer.date_question()}{follows}")
            for item in offer.circumstances:
                print(f"    --{'committee' if item.code == COMMITTEE else 'circumstance ' + item.code}: {item.name}")
            if offer.asks_extension:
                print("    --extended, --extended-until DATUM: de instantie heeft verdaagd (en noemt deze datum)")
            if offer.asks_municipality:
                print("    --municipality GEMEENTE: de termijn staat in een verordening van de gemeente")
        return 0
    if not args.rule or not args.date:
        raise InvalidInput("Geef --list, of --rule CODE met --date DATUM. Zie 'clientsteun term --help'.")
    if args.rule not in offered:
        raise InvalidInput(f"Onbekende termijn '{args.rule}'. Zie 'clientsteun term --list'.")
    unknown = [code for code in args.circumstance if code not in routes.circumstances]
    if unknown:
        raise InvalidInput(f"Onbekende omstandigheid '{unknown[0]}'. Kies uit: {', '.join(routes.circumstances)}.")
    question = TermQuestion(
        args.rule, _term_date(args.date),
        circumstances=frozenset(args.circumstance) | ({COMMITTEE} if args.committee else set()),
        municipality=args.municipality,
        extended=args.extended,
        extended_until=_term_date(args.extended_until) if args.extended_until else None,
    )  # fmt: skip
    calculation = calculate(routes, question, date.today())
    terms = list(zip(calculation.deadlines, calculation.explanations, strict=True))
    if args.json:
        _print_json({
            "rule": calculation.asked.rule.code,
            "due_on": calculation.asked.due_on.isoformat(),
            "terms": [
                {
                    "rule": d.rule.code, "name": d.rule.name, "law": d.rule.law, "actor": d.actor.value,
                    "term": str(d.rule.term), "started_on": d.started_on.isoformat(),
                    "counted_from": d.counted_from.value, "term_end": d.term_end.isoformat(),
                    "due_on": d.due_on.isoformat(), "extended": d.extended, "moved_by_atw": d.moved_by_atw,
                    "explanation": [note.render() for note in notes],
                }
                for d, notes in terms
            ],
        })  # fmt: skip
        return 0
    for deadline, notes in terms:
        print(f"{deadline.rule.name}: {long_day(deadline.due_on)}")
        extended = " (verdaagd)" if deadline.extended else ""
        counted = f"vanaf {format_date(deadline.started_on)} ({BASIS_WORDS[deadline.counted_from]})"
        print(f"    {deadline.rule.term}{extended} {counted} · {deadline.rule.law} · {_ACTOR_WORDS[deadline.actor]}")
        for note in notes:
            print(f"    {note.render()}")
    return 0


def _term_date(text: str) -> date:
    """A date typed as dd-mm-jjjj or as jjjj-mm-dd."""
    if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", text):
        year, month, day = (int(part) for part in text.strip().split("-"))
        text = f"{day}-{month}-{year}"
    found = parse_date(text, required=True)
    assert found is not None
    return found


def _term_offer_json(offer: CalculatorRule) -> dict[str, Any]:
    rule = offer.rule
    return {
        "code": rule.code, "name": rule.name, "law": rule.law, "term": str(rule.term),
        "extension": str(rule.extension) if rule.extension else None, "actor": rule.actor.value,
        "follows": [r.code for r in offer.follows],
        "asks": {
            "date": offer.date_question(),
            "circumstances": [{"code": item.code, "name": item.name} for item in offer.circumstances],
            "extension": offer.asks_extension, "municipality": offer.asks_municipality,
        },
    }  # fmt: skip


COMMANDS = {
    "demo": _demo,
    "clients": _clients,
    "search": _search,
    "deadlines": _deadlines,
    "agenda": _agenda,
    "backup": _backup,
    "restore": _restore,
    "check": _check,
    "audit": _audit,
    "term": _term,
}
