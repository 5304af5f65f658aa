"""Write the generator's cards for one split as rating files (``mix.py`` input), one JSON file per article.

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.export_cards SPLIT OUT_DIR
(``SPLIT`` is ``dev`` or the name of a folder under ``articles/``).  A card's context line is written in
front of its question in brackets, as the review screen shows it above the question, so a blind rater sees
what a learner sees.  Nothing here prints a card: fresh splits are only ever read by their raters.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.card_quality.evaluate import ARTICLES, SEED, article_pairs
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.generation import default_generator
from studyapp.reading import read_article


def rating_card(card: CardDraft) -> dict[str, str]:
    """The card as the rater sees it: type, question (with its context line), answer."""
    question = f"[{card.context}] {card.question}" if card.context else card.question
    return {"type": "cloze" if card.kind is CardKind.CLOZE else "basic", "question": question, "answer": card.answer}


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    split, out = argv[0], Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    folder = ARTICLES if split == "dev" else ARTICLES / split
    paths = [path for path, _ in article_pairs(folder)] + ([SEED] if split == "dev" else [])
    generator = default_generator()
    total = 0
    for path in paths:
        cards = generator.generate(read_article(path))
        (out / f"{path.stem}.json").write_text(
            json.dumps([rating_card(c) for c in cards], indent=1, ensure_ascii=False), encoding="utf-8"
        )
        total += len(cards)
    print(f"{total} cards from {len(paths)} articles in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
