"""Why a key fact was missed and why an off-target card was chosen (dev split only by default).

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.diagnose  (``--heldout`` exists but
reading heldout misses in detail is tuning on them: use it for tallies only; ``--fresh`` prints only the tallies).

Each missed fact is put in one bucket:
  no candidate        no candidate (before hygiene) has the fact's answer, nor contains it
  dropped by hygiene  a raw candidate had the answer, but every one failed a hygiene rule
  ranked out          a clean candidate had the answer, but selection did not take it
  answer form differs a card's answer or a candidate's answer contains the fact's answer with extra words
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence

from benchmarks.card_quality.evaluate import _norm, _splits, matches
from studyapp.domain.progress import no_progress
from studyapp.generation import spacy_generator
from studyapp.generation.candidate import Candidate
from studyapp.generation.candidates import proposals
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import parse_sentences
from studyapp.generation.selection import budget, select
from studyapp.reading import read_article


def _contains(answer: str, accepted: str) -> bool:
    a, b = _norm(answer), _norm(accepted)
    return bool(a and b) and f" {b} " in f" {a} "


def main(argv: Sequence[str] = ()) -> int:
    split = next((name for name in ("heldout", "fresh") if f"--{name}" in argv), "dev")
    pairs = _splits([f"--{split}"])[split]
    quiet = split == "fresh"

    def show(line: str) -> None:
        if not quiet:
            print(line)

    tally: Counter[str] = Counter()
    off_target: Counter[str] = Counter()
    for text_path, facts_path in pairs:
        article = read_article(text_path)
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        tracker = MentionTracker()
        raw: list[Candidate] = []
        for sentence in parse_sentences(get_nlp(), article.text, progress=no_progress, cancel=None):
            raw.extend(made for made, _ in proposals(sentence, tracker))
        ranked = spacy_generator.rank_candidates(article)
        chosen = select(ranked, budget(article.word_count, None))
        order = sorted(ranked, key=lambda r: -r.score)
        show(f"\n== {text_path.stem}  ({len(raw)} raw, {len(ranked)} clean, {len(chosen)} chosen)")
        for fact in facts:
            answers = [str(a) for a in fact["answers"]]

            def hit(answer: str, answers: list[str] = answers) -> bool:
                return any(matches(answer, a) for a in answers)

            if any(hit(item.candidate.answer) for item in chosen):
                continue
            clean = [r for r in order if hit(r.candidate.answer)]
            if clean:
                best = clean[0]
                rank = order.index(best)
                reason = "ranked out"
                detail = f"best #{rank} {best.score:.3f} [{best.candidate.pattern.name}] {best.candidate.question}"
            elif any(hit(c.answer) for c in raw):
                reason = "dropped by hygiene"
                first = next(c for c in raw if hit(c.answer))
                detail = f"[{first.pattern.name}] {first.question} -> {first.answer}"
            elif any(_contains(c.answer, a) for c in raw for a in answers):
                reason = "answer form differs"
                first = next(c for c in raw if any(_contains(c.answer, a) for a in answers))
                detail = f"[{first.pattern.name}] {first.question} -> {first.answer}"
            else:
                reason = "no candidate"
                detail = ""
            tally[reason] += 1
            show(f"  MISS {fact['fact']!r} ({answers[0]}): {reason}  {detail}")
        cutoff = chosen[-1].score if chosen else 0.0
        show(f"  (last chosen score {cutoff:.3f})")
        for item in chosen:
            if not any(matches(item.candidate.answer, str(a)) for f in facts for a in f["answers"]):
                off_target[item.candidate.pattern.name] += 1
                show(
                    f"  OFF  {item.score:.3f} [{item.candidate.pattern.name}] {item.candidate.question} -> "
                    f"{item.candidate.answer}"
                )
    print("\nmisses:", dict(tally))
    print("off-target by pattern:", dict(off_target.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
