"""A card as the verifier's rules see it: its parsed text beside its parsed source sentence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.generation.verify.alignment import Alignment, Asked, tops

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class CardView:
    """``text`` is what the card asserts as a sentence: the cloze with its answer filled in, or the question.

    ``answer`` is the answer's text found in the source sentence (None when the source does not contain it
    as written); ``allowed`` holds the lower-case words the card may take from elsewhere than its source
    sentence: the article's title and headings, and the replacements its recorded rewrites made.
    ``alignment`` is the cloze lined up with its source (None for a question), ``asked`` the question taken
    apart and lined up with its source (None for a cloze); ``has_context`` says whether the learner knows the
    card's topic (from its context line, or because the card names it).
    """

    draft: CardDraft
    text: Doc
    source: Span | Doc
    answer: Span | None
    allowed: frozenset[str]
    alignment: Alignment | None
    has_context: bool
    asked: Asked | None = None

    @property
    def is_cloze(self) -> bool:
        return self.draft.kind is CardKind.CLOZE

    @property
    def lined_up(self) -> Alignment | None:
        """The card's statement lined up with its source: the cloze, or the question with its answer."""
        return self.alignment if self.asked is None else self.asked.lined_up

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

    @cached_property
    def asked_verb(self) -> Token | None:
        """The source verb a question asks with: of the question's verbs (its root first, "be" and "have"
        last) the first that lines up with a kept source verb heading a clause of its own ("moved" in "Where
        were the remains ... moved?", whose parser may not make it the root; not "draining" in "... by water
        draining downward")."""
        if self.asked is None:
            return None
        in_card, wh, do = self.asked.lined_up.in_card, self.asked.wh, self.asked.do
        verbs = [
            t for t in self.text if t.i not in wh and t != do and (t.pos_ in ("VERB", "AUX", "ADJ") or t.dep_ == "ROOT")
        ]
        verbs.sort(key=lambda t: (t.lemma_ in ("be", "have"), t.dep_ != "ROOT", t.i))
        promoted = {t.i for t in self.source if t.i in in_card and t.lower_ in _RELATIVES} - {
            t.i for t in self.source if t.lower_ in self.words
        }
        for token in verbs:
            lemma = token.lemma_.lower()
            found = next((t for t in self.source if t.i in in_card and t.lemma_.lower() == lemma), None)
            if found is None or found.pos_ not in ("VERB", "AUX"):
                continue
            participle = token.dep_ == "ROOT" and found.dep_ == "acl" and found.tag_ != "VBG"
            if participle or _heads_a_clause(found, promoted):
                return found
        return None


_RELATIVES = frozenset({"who", "which", "that"})


def _heads_a_clause(verb: Token, promoted: set[int]) -> bool:
    """A verb with a clause of its own in the card: not an auxiliary, a participle modifying a noun, or a
    relative clause the card does not promote (by replacing its relative pronoun, which ``promoted`` holds).
    A question may still ask with a participle it makes its root ("What is the sheath called?")."""
    if verb.dep_ in ("aux", "auxpass", "acl", "pcomp", "amod"):
        return False
    if verb.dep_ == "relcl":
        return any(c.i in promoted for c in verb.children)
    return True
