"""``studyapp generate FILE --json``: show the proposed cards, store nothing."""

from __future__ import annotations

import argparse
import sys

from studyapp.cli.common import existing_file, print_json
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.wording import rewrite_note

NAME = "generate"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="print the cards an article would give, without storing them",
        description="Read an article and print the proposed cards. Nothing is stored.",
    )
    parser.add_argument("file", help="the article (.txt, .md, .html, .pdf)")
    parser.add_argument("--max-cards", type=int, metavar="N", help="keep at most N cards")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studyapp.generation import default_generator  # spaCy loads only for this command
    from studyapp.reading import read_article

    article = read_article(existing_file(args.file))
    drafts = default_generator().generate(article, max_cards=args.max_cards, progress=StepProgress())
    if args.json:
        print_json([draft.to_json() for draft in drafts])
        return 0
    print(f"{article.title} — {len(drafts)} cards")
    for number, draft in enumerate(drafts, 1):
        print("\n".join(draft_lines(number, draft)))
    return 0


class StepProgress:
    """Progress on stderr, one line each tenth of the way, so a long article shows it is moving (Ctrl-C stops it)."""

    def __init__(self) -> None:
        self._shown = -1

    def __call__(self, done: int, total: int, label: str) -> None:
        tenth = done * 10 // max(total, 1)
        if total > 1 and tenth > self._shown:
            self._shown = tenth
            print(f"studyapp: {label.lower()} {done}/{total} ({tenth * 10}%)", file=sys.stderr, flush=True)


def draft_lines(number: int, draft: CardDraft) -> list[str]:
    """A numbered card as the preview shows it: context line, question, answer, then what it changed and doubts."""
    kind = "cloze" if draft.kind is CardKind.CLOZE else "Q/A"
    card = [f"({draft.context})", draft.question] if draft.context else [draft.question]
    lines = [f"{number:3}. [{kind}] {card[0]}", *(f"       {line}" for line in card[1:])]
    lines.append(f"       → {draft.answer}")
    lines.extend(f"       changed: {rewrite_note(r)}" for r in draft.rewrites)
    if draft.warnings:
        lines.append(f"       unsure: {', '.join(w.value for w in draft.warnings)}")
    return lines
