"""Just enough coreference to make a card readable out of context.

A card cannot say "He" or "the company": the reader has no article around
it.  ``MentionTracker`` remembers recent people, things and groups and
offers the most recent compatible one; when none fits, the caller drops
the candidate instead of guessing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.generation.lexicon import (
    ARTICLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_NAME_WORDS,
    PLACE_NOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    THING_PRONOUNS,
    UNRESOLVABLE_PRONOUNS,
)
from studyapp.generation.spans import NAME_ENTS, capitalised_by_position, strip_honorific

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from studyapp.generation.parsing import Sentence

_MEMORY = 40
_ENTITY_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org"}


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    position: int
    kind: str  # "person", "place", "org", "thing" or "group"
    heads: frozenset[str]  # lemmas a description may name it by: "missile" for "JASSM", "lake" for "Lake Baikal"
    is_subject: bool
    named: bool


class MentionTracker:
    """Recent mentions in reading order; lookups are bounded, so a book stays linear."""

    def __init__(self) -> None:
        self._mentions: deque[Mention] = deque(maxlen=_MEMORY)
        self._people: dict[str, str] = {}
        self._base = 0

    def observe(self, sentence: Sentence, aliases: dict[str, str] | None = None) -> None:
        """Remember the sentence's entities and subjects (call before resolving inside it)."""
        span = sentence.span
        self._base = sentence.start - span.start_char
        seen: set[int] = set()
        for ent in sentence.ents:
            if ent.label_ not in NAME_ENTS or ent.label_ == "NORP" or ent.root.dep_ in ("compound", "amod"):
                continue
            text = _mention_text(ent)
            if not text:
                continue
            if ent.label_ == "PERSON":
                text = self.canonical_person(strip_honorific(text))
                for word in text.split():
                    self._people.setdefault(word.lower(), text)
                self._people[text.lower()] = text
            kind = _ENTITY_KINDS.get(ent.label_, "thing")
            if text.split()[0].lower() in PLACE_NAME_WORDS:
                kind = "place"  # "Lake Baikal" tagged as a person is still a place
            self._add(text, ent.root, kind, _heads(ent, aliases), named=True)
            seen.update(t.i for t in ent)
        for chunk in sentence.noun_chunks:
            root = chunk.root
            if root.i in seen or root.pos_ == "PRON" or root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if chunk[0].pos_ == "PRON" or chunk[0].lower_ in UNRESOLVABLE_PRONOUNS:
                continue  # "Its greatest depth" cannot stand in for a later "it"
            kind = "group" if root.tag_ in ("NNS", "NNPS") else "thing"
            named = any(t.pos_ == "PROPN" for t in chunk if not capitalised_by_position(t))
            text = chunk.text
            if capitalised_by_position(chunk[0]):
                text = text[:1].lower() + text[1:]  # "Hydrothermal vents" → "hydrothermal vents"
            self._add(text, root, kind, _heads(chunk, aliases), named=named)

    def _add(self, text: str, root: Token, kind: str, heads: frozenset[str], *, named: bool) -> None:
        is_subject = root.dep_ in ("nsubj", "nsubjpass")
        self._mentions.append(Mention(text, self._base + root.idx, kind, heads, is_subject, named))

    def canonical_person(self, name: str) -> str:
        """ "Lee" or "Mr Lee" → "Lee Shih-chiang" when that fuller name was seen before."""
        bare = strip_honorific(name)
        full = self._people.get(bare.lower())
        return full if full and len(full) >= len(bare) else bare

    def resolve_pronoun(self, token: Token, *, before: int | None = None) -> str | None:
        """The antecedent text for a third-person pronoun, or None when unsure.

        ``before`` (an article offset, such as the sentence's start) limits the antecedent to earlier text: an
        object "it" is never the subject of its own clause ("X makes antibodies against it").
        """
        lower = token.lower_
        position = self._base + token.idx if before is None else min(before, self._base + token.idx)
        if lower in PERSON_PRONOUNS:
            mention = self._latest(position, ("person",), prefer_subject=True)
        elif lower in THING_PRONOUNS:
            mention = self._latest(position, ("thing", "place", "org"), prefer_subject=True)
        elif lower in PLURAL_PRONOUNS:
            mention = self._latest(position, ("group",), prefer_subject=True)
        else:
            return None
        if mention is None:
            return None
        if lower not in POSSESSIVE_PRONOUNS:
            return mention.text
        return mention.text + ("'" if mention.kind == "group" and mention.text.endswith("s") else "'s")

    def resolve_vague(self, chunk: Span, *, by_head_only: bool = False) -> str | None:
        """ "the company" / "the missile" → the latest fitting named mention, or None.

        A person, organisation or place noun takes the latest mention of that kind; any other noun, or any
        noun when ``by_head_only`` (the confident case), needs an earlier mention with the same head word.
        """
        head = chunk.root.lemma_.lower()
        position = self._base + chunk.root.idx
        plural = chunk.root.tag_ == "NNS"
        if by_head_only:
            mention = self._by_head(chunk, position, named_only=True)
        elif plural and head in PERSON_NOUNS | ORG_NOUNS | PLACE_NOUNS:
            return None  # "the universities" is not the one university named last
        elif head in PERSON_NOUNS:
            mention = self._latest(position, ("person",))
        elif head in ORG_NOUNS:
            mention = self._latest(position, ("org",), prefer_subject=True)
        elif head in PLACE_NOUNS:
            mention = self._latest(position, ("place",), prefer_subject=True)
        else:
            mention = self._by_head(chunk, position)
        if mention is None:
            return None
        words = mention.text.split()
        if not mention.named:
            return _described(mention.text, plural=plural)  # "the batteries" → "lithium-ion batteries"
        if words[0].lower() in ARTICLES:
            return " ".join(["the", *words[1:]])  # "The Kestrel Bridge" inside a card
        possessive = "'s " in mention.text or "’s " in mention.text  # "Kilimanjaro's slopes" takes no "the"
        if chunk[0].lower_ == "the" and mention.text.split()[-1].lower() in (head, _plural(head)) and not possessive:
            return f"the {mention.text}"  # "the missile" → "the Joint Air-to-Surface Standoff Missile"
        return mention.text

    def _by_head(self, chunk: Span, position: int, *, named_only: bool = False) -> Mention | None:
        """The latest earlier mention with the chunk's head noun ("the missile" ← "JASSM (... Missile)")."""
        head = chunk.root.lemma_.lower()
        return next(
            (
                m
                for m in reversed(self._mentions)
                if m.position < position
                and head in m.heads
                and (m.named or not named_only)
                and (m.kind == "group" or chunk.root.tag_ != "NNS")  # "the universities" ≠ "University of X"
                and m.text.lower() != chunk.text.lower()
                and (not m.text.lower().startswith("the ") or len(m.text.split()) > 2)
            ),
            None,
        )

    def _latest(self, position: int, kinds: tuple[str, ...], *, prefer_subject: bool = False) -> Mention | None:
        found = [m for m in self._mentions if m.position < position and m.kind in kinds]
        if prefer_subject:
            subjects = [m for m in found[-4:] if m.is_subject]
            if subjects:
                return subjects[-1]
        return found[-1] if found else None


def _mention_text(ent: Span) -> str:
    """The name an entity can stand in for: no possessive, bracket or dash tail, ending on a noun."""
    tokens = list(ent)
    for position, token in enumerate(tokens):
        if token.text in ("(", "–", "—", ",") or (token.text == "-" and token.whitespace_):
            tokens = tokens[:position]
            break
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].pos_ not in ("PROPN", "NOUN", "NUM")):
        tokens.pop()
    return "".join(t.text_with_ws for t in tokens).strip()


def _heads(phrase: Span, aliases: dict[str, str] | None) -> frozenset[str]:
    """What a later "the <noun>" may call the mention: its head, any word of a name ("the bridge" for
    "the Kestrel Bridge"), and the head of an acronym's expansion ("the missile" for "JASSM")."""
    heads = {phrase.root.lemma_.lower()}
    heads.update(t.lemma_.lower() for t in phrase if t.pos_ == "PROPN" or (t.is_title and not t.is_sent_start))
    words = {t.lower_ for t in phrase}
    for short, expansion in (aliases or {}).items():
        if short.lower() in words:
            heads.add(_singular(expansion.split()[-1].lower()))
    return frozenset(heads)


def is_anaphoric(chunk: Span) -> bool:
    """ "the island", "the company", "the minister": a noun that points back to a named person, group or place."""
    return chunk.root.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS | PLACE_NOUNS


def is_vague_reference(chunk: Span, *, ignoring: int = -1) -> bool:
    """A bare definite description such as "the missile" or "the two judges" that means nothing on a card.

    ``ignoring`` is a modifier that does not count: the relative clause a card is made of ("the theory
    that describes ..." is vague once "that" is replaced by "the theory")."""
    first = chunk[0].lower_
    root = chunk.root
    if first not in ("the", "this", "these", "that", "those") or root.pos_ != "NOUN":
        return False
    has_name = any(t.pos_ == "PROPN" or t.ent_type_ not in ("", "CARDINAL", "ORDINAL") for t in chunk)
    has_modifier = any(
        child.dep_ == "appos" or (child.dep_ in ("prep", "relcl", "acl") and not _set_off(child))
        for child in root.children
        if child.i != ignoring
    )
    return not has_name and not has_modifier


def is_still_vague(text: str) -> bool:
    """ "it" → "The water": a resolution that is itself a bare description is still vague on a card."""
    words = text.split()
    return len(words) == 2 and words[0].lower() in ("the", "this", "these", "those") and words[1][:1].islower()


def _set_off(token: Token) -> bool:
    """ "the vessel, which entered service in 1978," — a comma clause adds detail but does not say which vessel."""
    before = token.left_edge.i - 1
    return before >= 0 and token.doc[before].text in (",", "(", "–", "—")


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _described(text: str, *, plural: bool) -> str:
    """A described (not named) antecedent such as "The lithium-ion battery" or "Printing presses", with the
    article and number the card needs."""
    words = text.split()
    if words[0].lower() not in ARTICLES:
        words = ["the", words[0] if words[0].isupper() else words[0].lower(), *words[1:]]  # "Printing presses"
    if not plural:
        return " ".join(["the", *words[1:-1], _singular(words[-1])])  # "The press" ← "the printing presses"
    return " ".join([*words[1:-1], _plural(_singular(words[-1].lower()))])
