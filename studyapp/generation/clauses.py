"""The clause toolkit: a verb's subject, objects and predicate tokens, rendered back into text.

Question and cloze builders share it.  A clause is rebuilt as subject +
predicate with comma-set-off asides removed; ``invert`` turns it into a
question body (subject-auxiliary inversion, do-support and the verb's lemma
when there is no auxiliary).  Pronouns and vague subjects are resolved through
the ``MentionTracker`` or the clause is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from studyapp.domain.cards import Rewrite
from studyapp.generation.coreference import MentionTracker, is_anaphoric, is_still_vague, is_vague_reference
from studyapp.generation.lexicon import REPORTING_VERBS, UNRESOLVABLE_PRONOUNS
from studyapp.generation.spans import capitalised_by_position, strip_honorific

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from studyapp.generation.parsing import Sentence

_DROPPED_DEPS = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "mark", "dep", "preconj", "meta", "intj"})
_ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
_VERB_ASIDE_DEPS = frozenset({"prep", "npadvmod"})
DO_FORMS = {"VBD": "did", "VBZ": "does", "VBP": "do"}


def render(tokens: Iterable[Token], replace: Mapping[int, str] | None = None) -> str:
    """Text of ``tokens`` in document order with original spacing; ``replace`` maps a token index to new text."""
    replace = replace or {}
    ordered = sorted(tokens, key=lambda t: t.i)
    parts: list[str] = []
    for position, token in enumerate(ordered):
        text = replace.get(token.i, token.text)
        is_last = position == len(ordered) - 1
        gap_follows = not is_last and ordered[position + 1].i != token.i + 1
        space = token.whitespace_ if not gap_follows else " "
        parts.append(text + ("" if is_last else space))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def render_ids(doc: Doc, ids: Iterable[int], replace: Mapping[int, str] | None = None) -> str:
    """``render`` for token indices, as produced by the clause helpers."""
    return render((doc[i] for i in ids), replace)


@dataclass(frozen=True, slots=True)
class Clause:
    """A verb with its (resolved) subject and the predicate tokens a question may reuse."""

    verb: Token
    subject: Token
    subject_text: str
    subject_resolved: bool
    predicate: frozenset[int]
    replace: Mapping[int, str] = field(default_factory=dict)
    subject_rewrites: tuple[Rewrite, ...] = ()

    @property
    def predicate_rewrites(self) -> tuple[Rewrite, ...]:
        return rewrites_of(self.verb.doc, self.replace)

    @property
    def rewrites(self) -> tuple[Rewrite, ...]:
        """Every substitution a card made of the whole clause carries: its subject's and its predicate's."""
        return self.subject_rewrites + self.predicate_rewrites


class Phrase(NamedTuple):
    """A noun phrase as a card may write it: ``text`` after resolution, ``original`` as the source wrote it."""

    text: str
    resolved: bool
    original: str

    @property
    def rewrites(self) -> tuple[Rewrite, ...]:
        """The substitution the phrase makes, if any ("Mr Lee" → "Lee Shih-chiang", "it" → "the missile")."""
        return (Rewrite(self.original, self.text),) if self.text != self.original else ()


def rewrites_of(doc: Doc, replace: Mapping[int, str]) -> tuple[Rewrite, ...]:
    """What a ``render`` replacement map substitutes: each replaced token with the blanked tokens after it
    ("the island" → "Taiwan"), or a dropped word ("But" → "")."""
    rewrites: list[Rewrite] = []
    ordered = sorted(replace)
    position = 0
    while position < len(ordered):
        start = end = ordered[position]
        position += 1
        while position < len(ordered) and ordered[position] == end + 1 and not replace[ordered[position]]:
            end = ordered[position]
            position += 1
        rewrites.append(Rewrite(doc[start : end + 1].text, replace[start]))
    return tuple(rewrites)


def _is_aside(token: Token) -> bool:
    """A phrase set off by a comma or dash is background, not part of the core clause."""
    is_verb_adjunct = (
        token.dep_ in _VERB_ASIDE_DEPS and token.head.pos_ in ("VERB", "AUX") and token.head.dep_ != "amod"
    )
    if token.dep_ not in _ASIDE_DEPS and not is_verb_adjunct:
        return False
    before = token.left_edge.i - 1
    doc = token.doc
    return (before >= 0 and doc[before].text in (",", "–", "—", "(")) or (
        before >= 0 and doc[before].text == "-" and doc[before].whitespace_ != ""
    )


def core_tokens(root: Token, *, skip: frozenset[int] = frozenset()) -> set[int]:
    """``root``'s subtree without conjuncts, adverbial clauses and comma-separated asides.

    Punctuation is kept only inside the phrase ("long-range, air-launched"), never at its edges.
    """
    kept: set[int] = set()
    punct: list[Token] = []
    stack = [root]
    while stack:
        token = stack.pop()
        kept.add(token.i)
        for child in token.children:
            if child.dep_ == "punct":
                punct.append(child)
                continue
            inner_that = child.dep_ == "mark" and child.lower_ in ("that", "whether") and token.i != root.i
            if child.i in skip or (child.dep_ in _DROPPED_DEPS and not inner_that) or _is_aside(child):
                continue  # "The chance that the signal was ...": an inner clause keeps its "that"
            if child.dep_ in ("nsubj", "nsubjpass") and token.i == root.i:
                continue
            stack.append(child)
    for mark in punct:
        if mark.text in ",-–/" and mark.i - 1 in kept and mark.i + 1 in kept:
            kept.add(mark.i)
    return kept


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return None


def phrase_text(head: Token, tracker: MentionTracker) -> Phrase | None:
    """Readable text of a noun phrase, resolving pronouns and vague references; None if it cannot."""
    lower = head.lower_
    if head.pos_ == "PRON":
        if lower in ("which", "who", "that") and head.head.dep_ == "relcl":
            antecedent = head.head.head
            ids = core_tokens(antecedent, skip=frozenset({head.head.i}))
            span = head.doc[min(ids) : max(ids) + 1]
            if is_vague_reference(span):
                resolved = tracker.resolve_vague(span)
                return Phrase(resolved, True, head.text) if resolved else None  # "the vessel, which ..."
            return Phrase(render_ids(head.doc, ids), True, head.text)
        if lower in UNRESOLVABLE_PRONOUNS:
            return None
        resolved = tracker.resolve_pronoun(head)
        return Phrase(resolved, True, head.text) if resolved and not is_still_vague(resolved) else None
    tokens = core_tokens(head)
    original = render_ids(head.doc, tokens)
    span = head.doc[min(tokens) : max(tokens) + 1]
    if is_vague_reference(span):
        resolved = tracker.resolve_vague(span)
        return Phrase(resolved, True, original) if resolved else None
    if head.ent_type_ == "PERSON":
        return Phrase(tracker.canonical_person(strip_honorific(original)), False, original)
    for token in span:
        if token.pos_ == "PRON" and token.dep_ == "poss":
            owner = tracker.resolve_pronoun(token)
            if owner is None:
                return None
            return Phrase(render_ids(head.doc, tokens, {token.i: owner}), True, original)
    return Phrase(original, False, original)


def clauses(sentence: Sentence, tracker: MentionTracker) -> Iterator[Clause]:
    """Clauses with a usable subject; reporting verbs ("said") are skipped, their content kept."""
    for verb in sentence.span:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in REPORTING_VERBS:
            continue
        if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass"):
            continue
        subject = subject_of(verb)
        if subject is None:
            continue
        resolved = phrase_text(subject, tracker)
        if resolved is None:
            continue
        predicate = core_tokens(verb)
        predicate = {
            i
            for i in predicate
            if (i >= verb.i or verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"))
            and (
                verb.doc[i].tag_ not in ("WRB", "WDT", "WP")
                or verb.doc[i].dep_ == "dobj"
                or verb.doc[i].head.i != verb.i
            )
            and not (verb.doc[i].dep_ == "mark" and verb.doc[i].lower_ == "that")  # "estimate (that) had been"
        }
        replace = _predicate_references(sentence, predicate, tracker)
        if replace is None:
            continue
        yield Clause(verb, subject, resolved.text, resolved.resolved, frozenset(predicate), replace, resolved.rewrites)


def _predicate_references(sentence: Sentence, predicate: set[int], tracker: MentionTracker) -> dict[int, str] | None:
    """ "defending the island" → "defending Taiwan"; None when such a pointer back cannot be resolved."""
    replace: dict[int, str] = {}
    for chunk in sentence.noun_chunks:
        if chunk.root.i not in predicate or not is_vague_reference(chunk):
            continue
        needed = is_anaphoric(chunk)  # "the island" must be named; "the missile" is named when it can be
        resolved = tracker.resolve_vague(chunk, by_head_only=not needed)
        if resolved is None:
            if not needed:
                continue
            return None
        replace[chunk.start] = resolved
        replace.update({i: "" for i in range(chunk.start + 1, chunk.end)})
    return replace


def argument_heads(clause: Clause) -> Iterator[Token]:
    """The heads of the clause's objects and prepositional objects, the phrases a question may ask for."""
    doc = clause.verb.doc
    for i in sorted(clause.predicate):
        token = doc[i]
        if token.dep_ in ("dobj", "attr", "oprd", "pobj", "dative") and token.pos_ in ("NOUN", "PROPN", "NUM"):
            yield token


def _lower_article(text: str) -> str:
    """ "The AGM-158" inside a question becomes "the AGM-158"."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else text


def invert(clause: Clause, removed: set[int]) -> str | None:
    """Subject-auxiliary inversion of the clause without ``removed`` tokens: "did Lee name ..."."""
    verb = clause.verb
    doc = verb.doc
    subject = clause.subject_text
    opener = clause.subject.left_edge
    if not clause.subject_resolved and opener.is_stop and opener.pos_ != "PROPN" and subject.startswith(opener.text):
        subject = opener.text.lower() + subject[len(opener.text) :]  # "do most advanced economies"
    subject = _lower_article(subject)
    if not clause.subject_resolved and capitalised_by_position(opener) and subject.startswith(opener.text):
        subject = opener.lower_ + subject[len(opener.text) :]  # "were hydrothermal vents first observed"
    rest = sorted(i for i in clause.predicate if i not in removed)
    auxes = [i for i in rest if i < verb.i and doc[i].dep_ in ("aux", "auxpass")]
    if verb.lemma_ == "be" and not auxes:
        head_word, tail = verb.text, [i for i in rest if i != verb.i]
        return f"{head_word} {subject} {render((doc[i] for i in tail), clause.replace)}"
    if auxes:
        first = auxes[0]
        tail = [i for i in rest if i != first]
        return f"{doc[first].text} {subject} {render((doc[i] for i in tail), clause.replace)}"
    do_form = DO_FORMS.get(verb.tag_)
    if do_form is None:
        return None
    tail = [i for i in rest if i != verb.i]
    tail_text = render((doc[i] for i in tail if i > verb.i), clause.replace)
    before = render((doc[i] for i in tail if i < verb.i), clause.replace)
    return f"{do_form} {subject} {before} {verb.lemma_} {tail_text}"


def ends_clause(clause: Clause, head: Token) -> bool:
    """True when nothing but punctuation follows the phrase in the clause, so a stranded preposition ends it."""
    doc = head.doc
    return all(doc[i].is_punct for i in clause.predicate if i > head.right_edge.i)
