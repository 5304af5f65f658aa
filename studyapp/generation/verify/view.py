"""A card as the verifier's rules see it: its parsed text beside its parsed source sentence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.generation.verify.alignment import Alignment, tops

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class CardView:
    """``text`` is what the card asserts as a sentence: the cloze with its answer filled in, or the question.

    ``answer`` is the answer's text found in the source sentence (None when the source does not contain it
    as written); ``allowed`` holds the lower-case words the card may take from elsewhere than its source
    sentence: the article's title and headings, and the replacements its recorded rewrites made.
    ``alignment`` is the cloze lined up with its source (None for a question); ``has_context`` says whether
    the learner knows the card's topic (from its context line, or because the card names it).
    """

    draft: CardDraft
    text: Doc
    source: Span | Doc
    answer: Span | None
    allowed: frozenset[str]
    alignment: Alignment | None
    has_context: bool

    @property
    def is_cloze(self) -> bool:
        return self.draft.kind is CardKind.CLOZE

    def in_card(self, token: Token) -> bool:
        """Whether a source token is in the card (for a question: whether its word is)."""
        if self.alignment is not None:
            return token.i in self.alignment.in_card
        return token.lower_ in self.words

    @cached_property
    def words(self) -> frozenset[str]:
        """The card's lower-case words, question and answer."""
        return frozenset(t.lower_ for t in self.text) | frozenset(self.draft.answer.lower().split())

    @cached_property
    def verb(self) -> Token | None:
        """The source word the card's main verb comes from: for a cloze its kept top verb, for a question the
        source verb with the question's main verb's lemma."""
        if self.alignment is not None:
            found = tops(self.source, self.alignment.in_card)
            return found[0] if len(found) == 1 else None
        root = next((t for t in self.text if t.dep_ == "ROOT"), None)
        if root is None or root.lemma_ in ("be", "have"):
            return None
        return next((t for t in self.source if t.lemma_ == root.lemma_ and t.pos_ in ("VERB", "AUX")), None)
