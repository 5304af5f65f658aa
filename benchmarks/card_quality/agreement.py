"""How well the automatic defect checker agrees with a blind rater, on a split the rater has rated.

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.agreement round3
The split's cards are generated again (the generator is deterministic; run it on the commit that made
``ratings/<split>/generated``), matched to the rated ones, and checked with ``defects.DefectChecker``.  It
prints the share of the rater's rejected cards the checker flags and the share of flagged cards the rater
rejected, and the rater's figures for both systems (``tally.py`` gives the same).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from benchmarks.card_quality.defects import DefectChecker
from benchmarks.card_quality.evaluate import ARTICLES, HERE, article_pairs
from benchmarks.card_quality.export_cards import rating_card
from studyapp.generation import default_generator
from studyapp.generation.nlp import get_nlp
from studyapp.reading import read_article


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    split = argv[0]
    rated = HERE / "ratings" / split
    key = json.loads((rated / "key.json").read_text(encoding="utf-8"))
    ratings = {r["id"]: r for r in json.loads((rated / "ratings.json").read_text(encoding="utf-8"))}
    checker, generator = DefectChecker(get_nlp()), default_generator()
    rejected = flagged = both = cards = 0
    for path, _ in article_pairs(ARTICLES / split):
        article = read_article(path)
        shown = json.loads((rated / "shuffled" / f"{path.stem}.json").read_text(encoding="utf-8"))
        ids = {(c["question"], c["answer"]): c["id"] for c in shown if key[c["id"]] == "gen"}
        drafts = generator.generate(article)
        for index, draft in enumerate(drafts):
            card = rating_card(draft)
            card_id = ids.get((card["question"], card["answer"]))
            if card_id is None:
                continue
            cards += 1
            bad = not ratings[card_id]["acceptable"]
            caught = bool(checker.defects(draft, drafts[:index], article.text))
            rejected += bad
            flagged += caught
            both += bad and caught
    print(f"{split}: {cards} generated cards matched to their ratings")
    print(f"  rejected by the rater: {rejected}; flagged by the checker: {flagged}; both: {both}")
    print(f"  share of rejected cards the checker flags: {both / rejected if rejected else 0:.2f}")
    print(f"  share of flagged cards the rater rejected: {both / flagged if flagged else 0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
