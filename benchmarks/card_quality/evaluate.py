"""Card quality on hand-written articles with key-fact lists, against a naive baseline.

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.evaluate
Coverage: share of key facts whose answer is some card's answer (or cloze deletion).
Precision: share of cards whose answer is a key fact.  Defect-free: share of cards
passing the automatic checks (pronoun at start, answer in question, yes/no,
answer > 8 words, duplicate).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import make_cloze
from studyapp.generation import default_generator
from studyapp.generation.hygiene import answer_in_question, has_dangling_pronoun, is_yes_no
from studyapp.generation.readers import read_article

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SEED = HERE.parents[1] / "seeds" / "taiwan_jassm_missiles_reuters_2021.txt"


@dataclass(frozen=True, slots=True)
class Scores:
    coverage: float
    precision: float
    defect_free: float
    cards: int


def _norm(text: str) -> str:
    text = re.sub(r"['’]s\b", "", text.lower())
    text = re.sub(r"[^\w\s.,:]", " ", text).replace(",", "")
    return " ".join(w for w in text.split() if w not in ("the", "a", "an"))


def matches(answer: str, accepted: str) -> bool:
    """The card's answer is the fact's answer, give or take a qualifier word or two."""
    a, b = _norm(answer), _norm(accepted)
    if not a or not b:
        return False
    if a == b:
        return True
    a_words, b_words = a.split(), b.split()
    contained = f" {b} " in f" {a} " and len(a_words) <= len(b_words) + 3
    return contained or (f" {a} " in f" {b} " and len(a_words) * 2 >= len(b_words))


def is_defective(card: CardDraft, previous: Sequence[CardDraft]) -> bool:
    question = card.question
    duplicate = any(
        p.question == card.question or (p.answer == card.answer and p.kind is card.kind and p.source == card.source)
        for p in previous
    )
    is_cloze = card.kind is CardKind.CLOZE
    return (
        has_dangling_pronoun(question, leading_only=True)
        or (not is_cloze and answer_in_question(question, card.answer))
        or (not is_cloze and is_yes_no(question))
        or len(card.answer.split()) > 8
        or duplicate
    )


def evaluate(cards: Sequence[CardDraft], facts: Sequence[dict[str, object]]) -> Scores:
    def hits(card: CardDraft, fact: dict[str, object]) -> bool:
        answers = fact["answers"]
        assert isinstance(answers, list)
        return any(matches(card.answer, str(accepted)) for accepted in answers)

    covered = sum(1 for fact in facts if any(hits(card, fact) for card in cards))
    on_fact = sum(1 for card in cards if any(hits(card, fact) for fact in facts))
    clean = sum(1 for i, card in enumerate(cards) if not is_defective(card, cards[:i]))
    count = len(cards)
    return Scores(covered / len(facts), on_fact / count if count else 0.0, clean / count if count else 0.0, count)


def baseline(article: Article, limit: int) -> list[CardDraft]:
    """Cloze every capitalised phrase and number, in reading order: what a naive tool would do."""
    cards: list[CardDraft] = []
    for found in re.finditer(r"[^.!?]+[.!?]", article.text):
        sentence = found.group().strip()
        start = article.text.index(sentence, found.start())
        for term in re.finditer(r"(?<!^)\b(?:[A-Z][\w-]*(?: [A-Z][\w-]*)*|\d[\d,.]*)", sentence):
            cloze = make_cloze(sentence, term.start(), term.end())
            question = sentence[: term.start()] + "[...]" + sentence[term.end() :]
            cards.append(
                CardDraft(
                    CardKind.CLOZE,
                    question,
                    term.group(),
                    sentence,
                    start,
                    start + len(sentence),
                    cloze=cloze,
                    pattern="baseline",
                )
            )
    return cards[:limit]


def main(argv: Sequence[str] = ()) -> int:
    verbose = "-v" in argv
    generator = default_generator()
    paths = [*sorted(ARTICLES.glob("*.txt")), SEED]
    rows: list[tuple[str, Scores, Scores]] = []
    for path in paths:
        article = read_article(path)
        facts = json.loads((ARTICLES / f"{path.stem}.json").read_text(encoding="utf-8"))
        cards = generator.generate(article)
        rows.append((path.stem, evaluate(cards, facts), evaluate(baseline(article, len(cards)), facts)))
        if verbose:
            print(f"\n== {path.stem}")
            for card in cards:
                print(f"  {card.pattern:16} {card.question} -> {card.answer}")
    print(f"{'article':40} {'cards':>5} {'cover':>6} {'prec':>6} {'clean':>6} | {'base cover':>10} {'prec':>6}")
    for name, ours, base in rows:
        print(
            f"{name:40} {ours.cards:5d} {ours.coverage:6.2f} {ours.precision:6.2f} {ours.defect_free:6.2f} | "
            f"{base.coverage:10.2f} {base.precision:6.2f}"
        )
    for label, subset in (("own articles", rows[:-1]), ("all incl. seed", rows)):
        mean = [sum(getattr(r[1], f) for r in subset) / len(subset) for f in ("coverage", "precision", "defect_free")]
        base = [sum(getattr(r[2], f) for r in subset) / len(subset) for f in ("coverage", "precision", "defect_free")]
        print(
            f"{'MEAN ' + label:40} {'':5} {mean[0]:6.2f} {mean[1]:6.2f} {mean[2]:6.2f} | {base[0]:10.2f} {base[1]:6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
