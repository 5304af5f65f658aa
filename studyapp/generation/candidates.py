"""A card candidate before ranking: many are made, few are kept (overgenerate and rank)."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.domain.cards import CardKind
from studyapp.generation.parsing import Sentence
from studyapp.generation.pattern_registry import Pattern


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible card, made by ``pattern`` (which also says its kind and confidence)."""

    pattern: Pattern
    question: str
    answer: str
    sentence: Sentence
    cloze: str = ""
    fact: str = ""

    @property
    def kind(self) -> CardKind:
        return self.pattern.kind

    @property
    def confidence(self) -> float:
        """The precision of the pattern that made the candidate."""
        return self.pattern.confidence
