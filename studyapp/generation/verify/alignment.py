"""Lining a cloze up with its source sentence, so the verifier can see which of the sentence's words it keeps.

A cloze copies its words from one sentence, leaving some out and replacing a few (recorded rewrites).
Matching the two token sequences (case-folded) shows which source tokens the card dropped and which card
tokens it added; the rules then read the source's own parse, which is more reliable than a parse of the
shortened card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_RELATIVES = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True, slots=True)
class Alignment:
    """``in_card`` holds the source token indices the card keeps, or that something in the card stands in for
    (a rewritten pronoun, the "who" of a relative clause promoted to a sentence); ``added`` the card token
    indices that match nothing in the source."""

    in_card: frozenset[int]
    added: tuple[int, ...]


def align(source: Span | Doc, card: Doc, rewrites: Iterable[Rewrite] = ()) -> Alignment:
    """Match tokens in order (no junk heuristics, so repeated small words do not pull runs apart)."""
    source_keys = [t.lower_ for t in source]
    card_keys = [t.lower_ for t in card]
    matcher = SequenceMatcher(None, source_keys, card_keys, autojunk=False)
    offset = source[0].i if len(source) else 0
    kept: set[int] = set()
    matched: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept.update(offset + block.a + k for k in range(block.size))
        matched.update(block.b + k for k in range(block.size))
    in_card = kept | _stand_ins(source, kept, rewrites)
    return Alignment(frozenset(in_card), tuple(i for i in range(len(card_keys)) if i not in matched))


def _stand_ins(source: Span | Doc, kept: set[int], rewrites: Iterable[Rewrite]) -> set[int]:
    """Source tokens the card does not show but replaces: a rewritten pronoun, or the "who" of a relative
    clause promoted to a sentence, whose head the card keeps."""
    originals = {rewrite.original.lower() for rewrite in rewrites}

    def stands_in(token: Token) -> bool:
        head_kept = token.head.i in kept or token.head == token
        if token.lower_ in originals:
            return head_kept
        return token.lower_ in _RELATIVES and token.dep_ in ("nsubj", "nsubjpass") and head_kept

    return {t.i for t in source if t.i not in kept and stands_in(t)}


_WH_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "how", "why"})
_PHRASE_POS = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "NUM", "DET"})
_MODIFIERS = frozenset({"det", "amod", "advmod", "nummod", "quantmod", "compound", "poss", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Asked:
    """A question taken apart: ``wh`` its wh-phrase's token indices ("In how many years"), ``do`` the "do",
    "does" or "did" it inverted (None without one), and ``lined_up`` the rest of it with its answer lined up
    with the source (``added`` are question tokens, outside the wh-phrase, that match nothing in order)."""

    wh: frozenset[int]
    do: Token | None
    lined_up: Alignment


def wh_phrase(question: Doc) -> tuple[frozenset[int], Token | None]:
    """The wh-phrase at the front of a question (a preposition, the wh-word and the noun it asks about) and the
    "do" inverted right after it."""
    tokens = list(question)
    first = 1 if tokens and tokens[0].pos_ == "ADP" else 0
    if first >= len(tokens) or tokens[first].lower_ not in _WH_WORDS:
        return frozenset(), None
    current = tokens[first]
    while current.dep_ in _MODIFIERS and current.head.i > current.i and current.head.pos_ in _PHRASE_POS:
        current = current.head
    after = tokens[current.i + 1] if current.i + 1 < len(tokens) else None
    do = after if after is not None and after.lemma_ == "do" and after.dep_ == "aux" else None
    return frozenset(range(current.i + 1)), do


def align_question(source: Span | Doc, question: Doc, answer: Span | None, rewrites: Iterable[Rewrite] = ()) -> Asked:
    """A question undone: without its wh-phrase and inverted "do", its words (by lemma, so "did ... lead" is
    "led") line up in order with its source, and the answer fills the gap the wh-phrase left."""
    wh, do = wh_phrase(question)
    rest = [t for t in question if t.i not in wh and t != do and not t.is_punct]
    fronted = _fronted(source)
    same_word = {t.lower_: t.lemma_.lower() for t in source}  # the parser may lemmatise one word two ways
    kept: set[int] = set()
    matched: set[int] = set()
    for part in ([t for t in source if t.i not in fronted], [t for t in source if t.i in fronted]):
        unmatched = [t for t in rest if t.i not in matched]
        lemmas = SequenceMatcher(
            None,
            [t.lemma_.lower() for t in part],
            [same_word.get(t.lower_, t.lemma_.lower()) for t in unmatched],
            autojunk=False,
        )
        for block in lemmas.get_matching_blocks():
            kept.update(part[block.a + k].i for k in range(block.size))
            matched.update(unmatched[block.b + k].i for k in range(block.size))
    if answer is not None:
        kept.update(t.i for t in answer)
    in_card = kept | _stand_ins(source, kept, rewrites)
    added = tuple(t.i for t in rest if t.i not in matched)
    return Asked(wh, do, Alignment(frozenset(in_card), added))


def _fronted(source: Span | Doc) -> set[int]:
    """The tokens of adverbials written before their verb's subject ("In 1928, Fleming noticed"), which a
    question moves to its end ("What did Fleming notice in 1928?"): lined up after the rest."""
    fronted: set[int] = set()
    for token in source:
        if token.dep_ not in ("prep", "npadvmod", "advmod", "advcl") or token.head.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is not None and token.right_edge.i < subject.left_edge.i:
            fronted.update(t.i for t in token.subtree)
    return fronted


def tops(source: Span | Doc, in_card: frozenset[int]) -> list[Token]:
    """The kept words whose head is not kept: one for a card that keeps one connected piece of the sentence.

    A conjunct verb that takes its dropped partner's kept subject ("many banks cut rates and turned to QE"
    -> "Many banks turned to [...]") is one piece with that subject, and the verb is its top.
    """
    present = [t for t in source if t.i in in_card and not t.is_punct]
    found = [t for t in present if t.head.i not in in_card or t.head == t]

    def shared(t: Token) -> bool:
        """The subject or auxiliary of a dropped verb whose kept conjunct it also serves ("can fly ... and
        strike" -> "can strike")."""
        kept_conjunct = any(c.dep_ == "conj" and c.i in in_card for c in t.head.children)
        return t.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") and kept_conjunct

    return [t for t in found if not shared(t)]
