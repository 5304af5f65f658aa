"""A card candidate before ranking: many are made, few are kept (overgenerate and rank)."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.domain.cards import CardKind
from studyapp.generation.parsing import Sentence


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible card; ``confidence`` is the precision of the pattern that made it."""

    kind: CardKind
    question: str
    answer: str
    sentence: Sentence
    pattern: str
    confidence: float
    cloze: str = ""
    fact: str = ""
