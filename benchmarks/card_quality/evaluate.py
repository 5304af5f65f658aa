"""Card quality on hand-written articles with key-fact lists, against a naive baseline.

Run from the repository root:  .venv/bin/python -m benchmarks.card_quality.evaluate  (``-v`` lists every card
of the dev split with its defects, ``--NAME`` limits the run to the named splits, e.g. ``--dev --heldout``).

Splits: ``dev`` (the articles in ``articles/`` plus the seed) is what the generator may be tuned on; every
subfolder of ``articles/`` is a split named after it, e.g. ``heldout`` (written with its key facts before looking
at any output and only read for a figure now and then) and ``fresh`` (written the same way later).  ``-v`` lists
the cards of ``dev`` only, so the other splits are only ever read as figures.  An article is any file the reader
supports (plain text, Markdown, HTML, PDF) with its key-fact list in a ``.json`` of the same name beside it.

Coverage: share of key facts whose answer is some card's answer (or cloze deletion).  Precision: share of
cards whose answer is a key fact.  Defect-free: share of cards with no defect from ``defects.DefectChecker``,
which shares no code with the generator's own hygiene filter.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.card_quality.defects import DefectChecker
from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import make_cloze
from studyapp.generation import default_generator
from studyapp.generation.nlp import get_nlp
from studyapp.reading import SUPPORTED_SUFFIXES, read_article

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


def evaluate(
    cards: Sequence[CardDraft], facts: Sequence[dict[str, object]], checker: DefectChecker, article: str = ""
) -> tuple[Scores, list[list[str]]]:
    def hits(card: CardDraft, fact: dict[str, object]) -> bool:
        answers = fact["answers"]
        assert isinstance(answers, list)
        return any(matches(card.answer, str(accepted)) for accepted in answers)

    covered = sum(1 for fact in facts if any(hits(card, fact) for card in cards))
    on_fact = sum(1 for card in cards if any(hits(card, fact) for fact in facts))
    defects = [checker.defects(card, cards[:i], article) for i, card in enumerate(cards)]
    clean = sum(1 for found in defects if not found)
    count = len(cards)
    scores = Scores(covered / len(facts), on_fact / count if count else 0.0, clean / count if count else 0.0, count)
    return scores, defects


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


def _pairs(folder: Path) -> list[tuple[Path, Path]]:
    """Every readable article in ``folder`` (not below it) with the key-fact list beside it."""
    articles = (path for path in folder.iterdir() if path.suffix.lower() in SUPPORTED_SUFFIXES)
    return [(path, path.with_suffix(".json")) for path in sorted(articles)]


def _is_split(folder: Path) -> bool:
    return folder.is_dir() and not folder.name.startswith((".", "_"))


def _splits(argv: Sequence[str]) -> dict[str, list[tuple[Path, Path]]]:
    """``dev`` is the root of ``articles/`` plus the seed; every subfolder is a split named after it."""
    splits = {"dev": [*_pairs(ARTICLES), (SEED, ARTICLES / f"{SEED.stem}.json")]}
    splits |= {folder.name: _pairs(folder) for folder in sorted(ARTICLES.iterdir()) if _is_split(folder)}
    chosen = {name: pairs for name, pairs in splits.items() if f"--{name}" in argv}
    return chosen or splits


def _mean(rows: Sequence[tuple[str, Scores, Scores]], index: int) -> list[float]:
    return [sum(getattr(r[index], f) for r in rows) / len(rows) for f in ("coverage", "precision", "defect_free")]


def main(argv: Sequence[str] = ()) -> int:
    verbose = "-v" in argv
    generator = default_generator()
    checker = DefectChecker(get_nlp())
    by_split: dict[str, list[tuple[str, Scores, Scores]]] = {}
    kinds: Counter[str] = Counter()
    for split, pairs in _splits(argv).items():
        rows = by_split.setdefault(split, [])
        for text_path, facts_path in pairs:
            article = read_article(text_path)
            facts = json.loads(facts_path.read_text(encoding="utf-8"))
            cards = generator.generate(article)
            ours, defects = evaluate(cards, facts, checker, article.text)
            base, _ = evaluate(baseline(article, len(cards)), facts, checker, article.text)
            rows.append((text_path.stem, ours, base))
            kinds.update(d.split(" '")[0] for found in defects for d in found)
            if verbose and split == "dev":
                print(f"\n== {split}: {text_path.stem}")
                for card, found in zip(cards, defects, strict=True):
                    flag = f"   !! {'; '.join(found)}" if found else ""
                    print(f"  {card.pattern:16} {card.question} -> {card.answer}{flag}")
    header = f"{'article':40} {'cards':>5} {'cover':>6} {'prec':>6} {'clean':>6} | {'base cover':>10} {'prec':>6}"
    header += f" {'clean':>6}"
    print(header)
    for split, rows in by_split.items():
        print(f"-- {split}")
        for name, ours, base in rows:
            print(
                f"{name:40} {ours.cards:5d} {ours.coverage:6.2f} {ours.precision:6.2f} {ours.defect_free:6.2f} | "
                f"{base.coverage:10.2f} {base.precision:6.2f} {base.defect_free:6.2f}"
            )
    everything = [row for rows in by_split.values() for row in rows]
    for label, rows in [*by_split.items(), ("overall", everything)]:
        if not rows:
            continue
        mean, naive = _mean(rows, 1), _mean(rows, 2)
        print(
            f"{'MEAN ' + label:40} {'':5} {mean[0]:6.2f} {mean[1]:6.2f} {mean[2]:6.2f} | "
            f"{naive[0]:10.2f} {naive[1]:6.2f} {naive[2]:6.2f}"
        )
    if kinds:
        print("defects:", ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
