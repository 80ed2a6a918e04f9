"""The deadline calculator without a database: ``clientsteun term``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from clientsteun.cli.base import ACTOR_WORDS, Commands, catalog, given_date, print_json
from clientsteun.domain.calculator import COMMITTEE, CalculatorRule, TermQuestion, calculate, calculator_rules
from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import BASIS_WORDS
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.reckoning import long_day


def register(commands: Commands) -> None:
    term = commands.add(
        "term", "bereken een termijn zonder database: tot wanneer kan of moet iets (de catalogus van de app)", _term,
        database=False,
    )  # fmt: skip
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


def _term(args: argparse.Namespace, db_path: Path) -> int:
    """The deadline calculator: no database, the catalog chosen in the settings."""
    del db_path
    routes = catalog().routes
    offered = {offer.rule.code: offer for offer in calculator_rules(routes)}
    if args.list:
        if args.json:
            print_json([_term_offer_json(offer) for offer in offered.values()])
            return 0
        for offer in offered.values():
            rule = offer.rule
            extension = f" (verdaging: {rule.extension})" if rule.extension else ""
            print(f"{rule.code}: {rule.name}\n    {rule.term}{extension} · {rule.law} · {ACTOR_WORDS[rule.actor]}")
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
        args.rule, given_date(args.date),
        circumstances=frozenset(args.circumstance) | ({COMMITTEE} if args.committee else set()),
        municipality=args.municipality,
        extended=args.extended,
        extended_until=given_date(args.extended_until) if args.extended_until else None,
    )  # fmt: skip
    calculation = calculate(routes, question, date.today())
    terms = list(zip(calculation.deadlines, calculation.explanations, strict=True))
    if args.json:
        print_json({
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
        print(f"    {deadline.rule.term}{extended} {counted} · {deadline.rule.law} · {ACTOR_WORDS[deadline.actor]}")
        for note in notes:
            print(f"    {note.render()}")
    return 0


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
