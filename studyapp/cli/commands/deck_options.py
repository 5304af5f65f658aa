"""``studyapp deck-options --deck NAME [--preset NAME] [--set KEY=VALUE ...] [--json]``: a deck's scheduling options."""

from __future__ import annotations

import argparse

from studyapp.cli.common import print_json, services
from studyapp.domain.deck_settings import SETTINGS, describe, with_setting

NAME = "deck-options"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = "; ".join(f"{key}: {setting.help}" for key, setting in SETTINGS.items())
    parser = sub.add_parser(
        NAME,
        help="show or change a deck's scheduling options (limits, retention, steps, burying, leeches)",
        description="Show a deck's options, or change them with --set. Decks that share a preset share "
        f"its options, as in Anki; --preset moves the deck to another preset (made if new). Keys: {keys}.",
    )
    parser.add_argument("--deck", metavar="NAME", required=True, help="the deck")
    parser.add_argument("--preset", metavar="NAME", help="use this preset (a new one copies the deck's options)")
    parser.add_argument(
        "--set", metavar="KEY=VALUE", action="append", default=[], dest="settings", help="change one option"
    )
    parser.add_argument("--json", action="store_true", help="print the options as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    changing = bool(args.preset or args.settings)
    with services(args, readonly=not changing) as app:
        deck_id = app.decks.id_of(args.deck)
        options = app.decks.options(deck_id)
        for assignment in args.settings:  # every value is checked before anything is saved
            options = with_setting(options, assignment)
        if args.preset:
            app.decks.use_preset(deck_id, args.preset)
        if args.settings:
            app.decks.set_options(deck_id, options)
        preset, sharing = app.decks.preset(deck_id)
        shown = describe(app.decks.options(deck_id))
    if args.json:
        print_json({"deck": args.deck, "preset": preset, "decks_sharing": sharing, "options": shown})
        return 0
    shared = f" (shared by {sharing} decks)" if sharing > 1 else ""
    print(f"Deck '{args.deck}' uses preset '{preset}'{shared}.")
    width = max(len(key) for key in shown)
    for key, value in shown.items():
        print(f"  {key:<{width}}  {value}")
    return 0
