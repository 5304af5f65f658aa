"""Just enough coreference to make a card readable out of context.

A card cannot say "He" or "the company": the reader has no article around
it.  ``MentionTracker`` remembers recent people, things and groups and
offers a compatible one only when it is sure: the antecedent agrees in
person and number, a subject pronoun or possessive takes the subject it
continues, and a rival candidate in view ("the telescope" after two
telescopes) means silence.  When none is certain, the caller drops the
candidate instead of guessing.  The tracker remembers, for the current
sentence, which earlier sentence each resolution came from, so a card's
``Rewrite`` can show its evidence.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.lexicon import (
    ARTICLES,
    FUNCTION_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_NAME_WORDS,
    PLACE_NOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    THING_PRONOUNS,
    UNRESOLVABLE_PRONOUNS,
)
from studyapp.generation.people import names_used_apart
from studyapp.generation.spans import NAME_ENTS, capitalised_by_position, strip_honorific

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from studyapp.generation.parsing import Sentence

_MEMORY = 40
_UNKNOWN = "?"
"""The text of a subject pronoun the tracker could not place: it stands in the chain and resolves to nothing."""
_PRONOUN_KINDS = {
    **dict.fromkeys(("he", "she"), ("person",)),
    "it": ("thing", "place", "org"),
    "they": ("group",),
}
_NEAR_SENTENCES = 1
"""A pronoun's antecedent is looked for in its own and the previous sentence first ..."""
_FAR_SENTENCES = 3
"""... and further back only when a single candidate is in view that far."""
_ENTITY_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org"}


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    position: int
    kind: str  # "person", "place", "org", "thing" or "group"
    heads: frozenset[str]  # lemmas a description may name it by: "missile" for "JASSM", "lake" for "Lake Baikal"
    is_subject: bool
    named: bool
    sentence: int = 0
    evidence: str = ""


class MentionTracker:
    """Recent mentions in reading order; lookups are bounded, so a book stays linear."""

    def __init__(self, topic: str = "") -> None:
        """``topic`` is the article's title: "the canal" in an article titled "The Building of the Panama
        Canal" is the topic, which the card's context line names, so it may stay as written."""
        self._topic = frozenset(w.lower() for w in re.findall(r"[^\W\d_]+", topic))
        self._topic_words = self._topic - FUNCTION_WORDS
        self._mentions: deque[Mention] = deque(maxlen=_MEMORY)
        self._people: dict[str, tuple[str, str]] = {}
        self._base = 0
        self._sentence = 0
        self._sentence_text = ""
        self._evidence: dict[tuple[str, str], str] = {}
        self._doc: Doc | None = None
        self._used_apart: frozenset[str] = frozenset()

    def observe(self, sentence: Sentence, aliases: dict[str, str] | None = None) -> None:
        """Remember the sentence's entities and subjects (call before resolving inside it)."""
        span = sentence.span
        self._base = sentence.start - span.start_char
        self._sentence = sentence.index
        self._sentence_text = sentence.text
        self._evidence.clear()
        if span.doc is not self._doc:
            self._doc, self._used_apart = span.doc, names_used_apart(span.doc)
        if not any(t.pos_ in ("VERB", "AUX") for t in span):
            return  # a heading or a caption names no one a later "she" could be
        seen: set[int] = set()
        for ent in sentence.ents:
            if ent.label_ not in NAME_ENTS or ent.label_ == "NORP" or ent.root.dep_ in ("compound", "amod"):
                continue
            text = mention_text(ent)
            if not text or _cut_by_the_tagger(ent) or (len(ent) == 1 and capitalised_by_position(ent[0])):
                continue  # "the Beinecke Rare Book" of "... Book and Manuscript Library"; a heading word
            if ent.label_ == "PERSON":
                text = self._full_name(strip_honorific(text))[0]
                for word in text.split():
                    if word.lower() not in self._used_apart:  # "Angkor" alone is not "Angkor Wat"
                        self._people.setdefault(word.lower(), (text, sentence.text))
                self._people[text.lower()] = (text, sentence.text)
            kind = _ENTITY_KINDS.get(ent.label_, "thing")
            if text.split()[0].lower() in PLACE_NAME_WORDS:
                kind = "place"  # "Lake Baikal" tagged as a person is still a place
            self._add(text, ent.root, kind, _heads(ent, aliases), named=True)
            seen.update(t.i for t in ent)
        for chunk in sentence.noun_chunks:
            root = chunk.root
            if root.i in seen or root.pos_ == "PRON" or root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if chunk[0].pos_ == "PRON" or chunk[0].lower_ in UNRESOLVABLE_PRONOUNS | {"no", "none", "neither"}:
                continue  # "Its greatest depth" or "No one" cannot stand in for a later "it"
            kind = "group" if root.tag_ in ("NNS", "NNPS") else "thing"
            named = any(t.pos_ == "PROPN" for t in chunk if not capitalised_by_position(t))
            text = chunk.text
            if capitalised_by_position(chunk[0]):
                text = text[:1].lower() + text[1:]  # "Hydrothermal vents" → "hydrothermal vents"
            self._add(text, root, kind, _heads(chunk, aliases), named=named)
        for token in span:
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in SUBJECT_PRONOUNS and not _is_cleft_it(token):
                self._continue_chain(token)

    def _continue_chain(self, pronoun: Token) -> None:
        """A subject "it" stands where its antecedent stood, so the next sentence's "it" finds the same one;
        an "it" the tracker cannot place blocks the chain instead, so a later "it" stays unresolved."""
        kinds = _PRONOUN_KINDS[pronoun.lower_]
        position = self._base + pronoun.idx
        found = self._thing(position) if pronoun.lower_ == "it" else self._latest(position, kinds, prefer_subject=True)
        if found is None:
            self._mentions.append(
                Mention(
                    _UNKNOWN,
                    self._base + pronoun.idx,
                    kinds[0],
                    frozenset(),
                    True,
                    False,
                    self._sentence,
                    self._sentence_text,
                )
            )
        else:
            self._mentions.append(
                replace(found, position=self._base + pronoun.idx, is_subject=True, sentence=self._sentence)
            )

    def _add(self, text: str, root: Token, kind: str, heads: frozenset[str], *, named: bool) -> None:
        is_subject = root.dep_ in ("nsubj", "nsubjpass")
        mention = Mention(
            text, self._base + root.idx, kind, heads, is_subject, named, self._sentence, self._sentence_text
        )
        self._mentions.append(mention)

    def with_evidence(self, rewrite: Rewrite) -> Rewrite:
        """The rewrite with the sentence its replacement came from, when this sentence's resolutions made it."""
        evidence = self._evidence.get((rewrite.original.lower(), rewrite.replacement.lower()), "")
        return Rewrite(rewrite.original, rewrite.replacement, evidence) if evidence else rewrite

    def _record(self, original: str, replacement: str, evidence: str) -> str:
        if evidence:
            self._evidence[(original.lower(), replacement.lower())] = evidence
        return replacement

    def _full_name(self, bare: str) -> tuple[str, str]:
        full = self._people.get(bare.lower())
        return full if full and len(full[0]) >= len(bare) else (bare, "")

    def canonical_person(self, name: str) -> str:
        """ "Lee" or "Mr Lee" → "Lee Shih-chiang" when that fuller name was seen before."""
        bare = strip_honorific(name)
        full, evidence = self._full_name(bare)
        return self._record(bare, full, evidence) if evidence else full

    def resolve_pronoun(self, token: Token, *, before: int | None = None) -> str | None:
        """The antecedent text for a third-person pronoun, or None when unsure.

        ``before`` (an article offset, such as the sentence's start) limits the antecedent to earlier text: an
        object "it" is never the subject of its own clause ("X makes antibodies against it").
        """
        lower = token.lower_
        if _is_cleft_it(token):
            return None  # "it was Champollion who saw ...": this "it" stands for nothing
        position = self._base + token.idx if before is None else min(before, self._base + token.idx)
        if lower in PERSON_PRONOUNS:
            mention = self._latest(position, ("person",), prefer_subject=True)
        elif lower in THING_PRONOUNS:
            mention = self._thing(position)
        elif lower in PLURAL_PRONOUNS:
            mention = self._latest(position, ("group",), prefer_subject=True)
        else:
            return None
        if mention is None:
            return None
        if lower not in POSSESSIVE_PRONOUNS:
            return self._record(token.text, mention.text, mention.evidence)
        ending = "'" if mention.kind == "group" and mention.text.endswith("s") else "'s"
        return self._record(token.text, mention.text + ending, mention.evidence)

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
            mention = self._latest(position, ("org",), prefer_subject=True, require_subject=True)
        elif head in PLACE_NOUNS:
            mention = self._latest(position, ("place",), prefer_subject=True, require_subject=True)
        else:
            mention = self._by_head(chunk, position)
        if mention is None:
            return chunk.text if self._is_topic(chunk) else None
        return self._record(chunk.text, _as_description(chunk, mention, head, plural=plural), mention.evidence)

    def _thing(self, position: int) -> Mention | None:
        """What "it" or "its" stands for.  In an article with a title, its topic is always a rival in view:
        "it" continuing the topic as subject is the topic (even a name the tagger took for a person: "Angkor
        Wat is … It is …"), and any other pick while the topic is in view, or any non-subject, is a guess, so
        silence.  (Seen:
        "Its walls" after a sentence naming a relief became the relief's walls; "It is the best-known
        monument" became Cambodia's.)"""
        topic = bool(self._topic_words)  # the topic may be meant, so only a subject "it" continues is certain
        found = self._latest(position, ("thing", "place", "org"), prefer_subject=True, require_subject=topic)
        if not topic:
            return found
        earlier = [m for m in self._mentions if m.position < position]
        if not any(self._names_topic(m) for m in earlier if m.sentence >= self._sentence - _FAR_SENTENCES):
            return found
        subjects = [m for m in earlier if m.is_subject and m.sentence >= self._sentence - _NEAR_SENTENCES]
        if subjects and self._names_topic(subjects[-1]):
            return subjects[-1]
        return found if found is not None and self._names_topic(found) else None

    def _names_topic(self, mention: Mention) -> bool:
        """The mention names the article's topic: its content words are half or more of the title's."""
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", mention.text)} - FUNCTION_WORDS
        return bool(words) and words <= self._topic_words and 2 * len(words) >= len(self._topic_words)

    def _is_topic(self, chunk: Span) -> bool:
        """ "the canal" under the title "The Building of the Panama Canal": the article's own subject."""
        root = chunk.root
        return (
            chunk[0].lower_ == "the"
            and root.tag_ == "NN"
            and (root.lower_ in self._topic or root.lemma_ in self._topic)
        )

    def _by_head(self, chunk: Span, position: int, *, named_only: bool = False) -> Mention | None:
        """The earlier mention with the chunk's head noun ("the missile" ← "JASSM (... Missile)"), when it is
        the only one in memory: after two telescopes, "the telescope" names neither."""
        head = chunk.root.lemma_.lower()
        found = [
            m
            for m in self._mentions
            if m.position < position
            and head in m.heads
            and (m.named or not named_only)
            and (m.kind == "group" or chunk.root.tag_ != "NNS")  # "the universities" ≠ "University of X"
            and m.text.lower() != chunk.text.lower()
            and (not m.text.lower().startswith("the ") or len(m.text.split()) > 2)
        ]
        return _only(found)

    def _latest(
        self, position: int, kinds: tuple[str, ...], *, prefer_subject: bool = False, require_subject: bool = False
    ) -> Mention | None:
        """The antecedent of a pronoun or a noun such as "the company", or None when it is not certain.

        In the current and previous sentence: the one candidate, or (``prefer_subject``) the latest subject
        when no other subject rivals it (``require_subject``: only then, for "the country" or "the company",
        which name the topic being talked about).  Further back (to ``_FAR_SENTENCES``): only a single candidate.
        """
        found = [m for m in self._mentions if m.position < position and m.kind in kinds]
        near = [m for m in found if m.sentence >= self._sentence - _NEAR_SENTENCES]
        if near:
            if prefer_subject:
                subjects = [m for m in near if m.is_subject]
                if subjects and _only(subjects) is not None:
                    return subjects[-1]
                if require_subject:
                    return None
            return _only(near)
        return _only([m for m in found if m.sentence >= self._sentence - _FAR_SENTENCES])


def _only(mentions: list[Mention]) -> Mention | None:
    """The latest mention when all of them name the same thing ("Gutenberg" is "Johannes Gutenberg"), else
    None: a rival in view means the reference is not certain."""
    if not mentions or any(m.text == _UNKNOWN for m in mentions):
        return None
    latest = mentions[-1]
    fullest = max(mentions, key=lambda m: len(m.text))
    names = fullest.text.lower()
    if all(m.text.lower() in names for m in mentions):
        return latest if len(latest.text) >= len(fullest.text) else fullest
    return None


def _as_description(chunk: Span, mention: Mention, head: str, *, plural: bool) -> str:
    """The mention as it should read where ``chunk`` stood ("the missile" → "the Joint ... Missile")."""
    words = mention.text.split()
    if not mention.named:
        return _described(mention.text, plural=plural)  # "the batteries" → "lithium-ion batteries"
    if words[0].lower() in ARTICLES:
        return " ".join(["the", *words[1:]])  # "The Kestrel Bridge" inside a card
    possessive = "'s " in mention.text or "’s " in mention.text  # "Kilimanjaro's slopes" takes no "the"
    if chunk[0].lower_ == "the" and mention.text.split()[-1].lower() in (head, _plural(head)) and not possessive:
        return f"the {mention.text}"  # "the missile" → "the Joint Air-to-Surface Standoff Missile"
    return mention.text


def _is_cleft_it(token: Token) -> bool:
    """The "it" of "it was X who/that ..." or "it is clear that ...": a placeholder, not a pronoun."""
    if token.lower_ != "it" or token.head.lemma_ != "be":
        return False
    return (
        token.dep_ == "expl"
        or any(
            c.dep_ in ("attr", "acomp") and any(g.dep_ in ("relcl", "ccomp") for g in c.children)
            for c in token.head.children
        )
        or any(c.dep_ == "ccomp" for c in token.head.children)
    )


def _cut_by_the_tagger(ent: Span) -> bool:
    """A name the tagger cut short: it runs on with "and"/"of"/"&" and a capitalised word."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("and", "of", "&") and doc[ent.end + 1].is_title


def mention_text(ent: Span) -> str:
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
