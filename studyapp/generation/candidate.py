"""A card candidate: many are made, checked once, and few are kept (overgenerate and rank).

A candidate carries what each stage decided about it: the pattern that made
it, the tokens its answer came from, the substitutions it made to its source
sentence (its evidence), and the warnings the hygiene check left on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.domain.cards import CardKind, Rewrite, Warning_
from studyapp.generation.parsing import Sentence
from studyapp.generation.pattern_registry import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible card, made by ``pattern`` (which also says its kind and confidence).

    ``answer_span`` is the answer's (start, end) token offsets within the sentence, None when the answer is not
    written there as such (a resolved name, "President of Taiwan" built from a title and its owner).
    ``rewrites`` are the source's words the card replaced, with what replaced them.
    """

    pattern: Pattern
    question: str
    answer: str
    sentence: Sentence
    answer_span: tuple[int, int] | None = None
    rewrites: tuple[Rewrite, ...] = ()
    cloze: str = ""
    fact: str = ""
    warnings: tuple[Warning_, ...] = ()

    @property
    def kind(self) -> CardKind:
        return self.pattern.kind

    @property
    def confidence(self) -> float:
        """The precision of the pattern that made the candidate."""
        return self.pattern.confidence

    @property
    def answer_tokens(self) -> Span | None:
        """The answer's tokens in the parsed sentence."""
        if self.answer_span is None:
            return None
        start, end = self.answer_span
        return self.sentence.span[start:end]


def text_span(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The sentence-relative token offsets covering ``sentence.text[start:end]`` (a regular expression's match)."""
    span = sentence.span
    base = span.start_char + (len(span.text) - len(span.text.lstrip()))
    found = span.doc.char_span(base + start, base + end, alignment_mode="expand")
    return span_of(sentence, found) if found is not None and len(found) else None


def span_of(sentence: Sentence, tokens: Span | set[int] | frozenset[int]) -> tuple[int, int]:
    """The sentence-relative (start, end) token offsets of a span, or of the stretch a token set covers."""
    base = sentence.span.start
    if isinstance(tokens, (set, frozenset)):
        return min(tokens) - base, max(tokens) + 1 - base
    return tokens.start - base, tokens.end - base
