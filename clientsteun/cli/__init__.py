"""The command line: the GUI by default, subcommands for headless work over the same services.

Output and errors are Dutch; exit code 0 is success, 1 a problem explained on stderr, 2 wrong usage.
The commands live in this package by theme (``THEMES``); ``base`` holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from clientsteun import __version__, paths
from clientsteun.cli import agenda, documents, privacy, records, rights, safety, sheet, summaries, term
from clientsteun.cli.base import Commands, Handler, Parser, add_database_options, check_path, file_problem
from clientsteun.domain.errors import ClientsteunError
from clientsteun.process import harden
from clientsteun.services.safety import SafetyService

THEMES = (records, agenda, documents, sheet, summaries, rights, privacy, safety, term)  # in the order of the help text


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = Parser(
        prog="clientsteun",
        description="Clientsteun: dossiers voor onafhankelijke cliëntondersteuning. "
        "Zonder opdracht start het programma.",
    )
    parser.add_argument(
        "--version", action="version", version=f"clientsteun {__version__}", help="toon het versienummer"
    )
    add_database_options(parser)
    commands = Commands(
        parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=Parser)
    )
    for theme in THEMES:
        theme.register(commands)
    return parser, commands.handlers


def main(argv: Sequence[str] | None = None) -> int:
    """Every way a command ends is an exit code and, on a problem, one Dutch line: never a traceback."""
    harden()  # no core dumps, owner-only files: before anything is read or written
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    db_path: Path = args.db or paths.default_database()
    if args.command is None:
        from clientsteun.app import run  # Qt is loaded only for the GUI

        return run(db_path)
    try:
        check_path(db_path)
        SafetyService(db_path).protect_files(paths.user_data_dir())  # also files made before the umask
        return handlers[args.command](args, db_path)
    except ClientsteunError as error:
        print(f"clientsteun: {error.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a program that stopped reading, e.g. head
        sys.stderr.close()
        return 0
    except OSError as error:
        print(f"clientsteun: {file_problem(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        start = "\n" if sys.stderr.isatty() else ""  # after the prompt or the terminal's ^C
        print(f"{start}clientsteun: afgebroken met Ctrl+C.", file=sys.stderr)
        return 130
