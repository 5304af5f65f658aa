"""How many of the cards a blind rater rejected would the verify stage drop today (and the defect checker flag)?

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.verify_agreement round4 round5 [-v]
``agreement`` can only match the cards today's generator still selects, so a card the verifier now drops
vanishes from its count.  Here every candidate of each article (structured cards and ranked sentence cards)
is drafted and verified, and the rated generated cards are matched to them by question and answer (the
context line in brackets left out).  It prints, per split, the rated cards matched, how many of the rejected
ones the verifier drops and the checker flags, and how many of the kept ones the verifier drops (the cost);
``-v`` lists the disagreements with the verifier's reasons (dev splits only: never read a fresh split's cards).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Sequence

from benchmarks.card_quality.defects import DefectChecker
from benchmarks.card_quality.evaluate import ARTICLES, HERE, article_pairs
from studyapp.generation.nlp import get_nlp
from studyapp.generation.spacy_generator import _draft, rank_candidates
from studyapp.generation.structure import structure_drafts
from studyapp.generation.verify import Verifier
from studyapp.reading import read_article

_CONTEXT = re.compile(r"^\[[^\]]*\]\s*")


def main(argv: Sequence[str]) -> int:
    splits = [a for a in argv if not a.startswith("-")]
    if not splits:
        print(__doc__)
        return 2
    verbose = "-v" in argv
    nlp = get_nlp()
    checker = DefectChecker(nlp)
    for split in splits:
        rated = HERE / "ratings" / split
        key = json.loads((rated / "key.json").read_text(encoding="utf-8"))
        ratings = {r["id"]: r for r in json.loads((rated / "ratings.json").read_text(encoding="utf-8"))}
        counts: Counter[str] = Counter()
        for path, _ in article_pairs(ARTICLES / split):
            article = read_article(path)
            shown = json.loads((rated / "shuffled" / f"{path.stem}.json").read_text(encoding="utf-8"))
            verifier = Verifier(nlp, article)
            ranked = rank_candidates(article)
            for item in ranked:
                verifier.know(item.candidate.sentence.text, item.candidate.sentence.span)
            drafts = [*structure_drafts(article, nlp), *(_draft(item) for item in ranked)]
            found = {}
            for draft, verdict in zip(drafts, verifier.check(drafts), strict=True):
                found.setdefault((draft.question.strip(), draft.answer.strip()), (draft, verdict))
            for card in (c for c in shown if key[c["id"]] in ("gen", "generated")):
                match = found.get((_CONTEXT.sub("", card["question"]).strip(), card["answer"].strip()))
                if match is None:
                    continue
                draft, verdict = match
                rating = ratings[card["id"]]
                rejected, dropped = not rating["acceptable"], not verdict.ok
                counts["matched"] += 1
                counts["rejected"] += rejected
                counts["rejected, verifier drops"] += rejected and dropped
                counts["rejected, checker flags"] += rejected and bool(checker.defects(draft, [], article.text))
                counts["kept, verifier drops"] += dropped and not rejected
                if verbose and rejected != dropped:
                    reasons = ", ".join(p.name for p in verdict.problems)
                    label = rating.get("defect") if rejected else "KEPT"
                    print(f"  {label} | {card['question']} => {card['answer']} | {reasons}")
        kept = counts["matched"] - counts["rejected"]
        print(
            f"{split}: {counts['matched']} rated cards matched; of {counts['rejected']} rejected the verifier drops "
            f"{counts['rejected, verifier drops']}, the checker flags {counts['rejected, checker flags']}; "
            f"of {kept} kept the verifier drops {counts['kept, verifier drops']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
