"""Cloze deletions on the most informative spans: numbers, dates, names, key terms.

The context is the sentence itself (leading pronoun resolved, leading
connective dropped) or, for a long sentence, the clause around the deletion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate, span_of
from studyapp.generation.clauses import core_tokens, render, rewrites_of, subject_of
from studyapp.generation.coreference import MentionTracker, is_still_vague, is_vague_reference
from studyapp.generation.hygiene import tidy_spacing
from studyapp.generation.lexicon import (
    CONNECTIVES,
    HONORIFICS,
    THING_OBJECT_PRONOUNS,
    THIRD_PERSON_PRONOUNS,
    UNRESOLVABLE_PRONOUNS,
)
from studyapp.generation.pattern_registry import ENTITY_CLOZES, Pattern
from studyapp.generation.spans import answer_bounds, is_useful_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from studyapp.generation.parsing import Sentence

MAX_CONTEXT_WORDS = 25
MAX_LONG_CONTEXT_WORDS = 32
_DURATION = re.compile(
    r"^(?:about |around |almost |nearly |more than |over |roughly |some )?"
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a hundred|hundreds of|several|a few)(?:[ -](?:and a half|million|thousand|hundred))?"
    r"[ -](?:years?|months?|weeks?|days?|hours?|decades?|centuries|century)(?: old)?$",
    re.IGNORECASE,
)


def _deletion_spans(sentence: Sentence) -> Iterator[tuple[Span, str]]:
    """Entity spans worth deleting, plus proper-noun terms the tagger did not call entities."""
    span = sentence.span
    covered: set[int] = set()
    for ent in sentence.ents:
        covered.update(range(ent.start, ent.end))
        label = ent.label_
        if label == "DATE" and not is_useful_date(ent.text):
            if not _DURATION.match(ent.text):
                continue
            label = "DURATION"  # "after six years of construction"
        if label not in ENTITY_CLOZES:
            continue
        if ent.root.dep_ in ("compound", "amod") and ent.root.head.pos_ == "NOUN" and not _names_a_thing(ent):
            continue  # "a [...] defence official": the name only modifies a common noun
        if label == "CARDINAL" and ent.root.pos_ == "NUM" and ent.root.dep_ in ("nsubj", "nsubjpass"):
            continue  # "The [...] began a friendship", "[...] of them survive": the number stands for a noun
        yield ent.doc[ent.start : ent.end], label
    doc = span.doc
    i = span.start
    while i < span.end:
        token = doc[i]
        if token.pos_ == "PROPN" and i not in covered and token.i != span.start and token.lower_ not in HONORIFICS:
            j = i
            while j + 1 < span.end and doc[j + 1].pos_ == "PROPN" and j + 1 not in covered:
                j += 1
            term = doc[i : j + 1]
            if len(term) > 1 or any(c.isdigit() for c in term.text) or term.text.isupper():
                yield term, "PROPN"
            i = j + 1
        else:
            i += 1


def _names_a_thing(ent: Span) -> bool:
    """ "the Varne estuary", "the Danish firm Holm & Vester": a name inside a definite description is the fact."""
    head = ent.root.head
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
    return ent.label_ not in ("NORP", "CARDINAL", "DATE") and determiner == "the" and ent.root.dep_ == "compound"


def _words(doc: Doc, tokens: set[int]) -> int:
    return sum(1 for i in tokens if not doc[i].is_punct and not doc[i].is_space)


def _contexts(sentence: Sentence, deletion: Span) -> Iterator[tuple[set[int], dict[int, str]]]:
    """Contexts to try, shortest readable first: the sentence when short, then the deletion's clause, then
    a longer sentence.  Each comes with replacements (a relative pronoun opening a clause → its antecedent)."""
    span = sentence.span
    whole = {t.i for t in span if not t.is_space}
    words = _words(span.doc, whole)
    if words <= MAX_CONTEXT_WORDS:
        yield whole, {}
    clause = _clause_context(deletion)
    if clause is not None and clause[0] != whole:
        yield clause
    if MAX_CONTEXT_WORDS < words <= MAX_LONG_CONTEXT_WORDS:
        yield whole, {}


def _clause_subject(verb: Token) -> Token | None:
    """The verb's subject, or a clausal one ("The water escaping from a vent can reach ...")."""
    return subject_of(verb) or next((c for c in verb.children if c.dep_ == "csubj"), None)


def _clause_context(deletion: Span) -> tuple[set[int], dict[int, str]] | None:
    """The clause (verb, subject, arguments) that governs the deletion, plus the path down to it."""
    doc = deletion.doc
    path: list[Token] = []
    verb: Token | None = deletion.root
    while verb is not None and not (verb.pos_ in ("VERB", "AUX") and _clause_subject(verb) is not None):
        path.append(verb)
        verb = verb.head if verb.head.i != verb.i else None
    if verb is None:
        return None
    subject = _clause_subject(verb)
    sources = frozenset(c.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "according")
    clause = core_tokens(verb, skip=sources)  # "According to BloombergNEF, ..." is not the fact
    for token in path:
        clause |= core_tokens(token)
        before = token.left_edge.i - 1
        if token.dep_ == "appos" and before >= 0 and doc[before].text == ",":
            clause.add(before)  # "hydrogen sulphide, a process known as ..."
    replace: dict[int, str] = {}
    if subject is not None:
        clause |= {t.i for t in subject.subtree} if subject.dep_ == "csubj" else core_tokens(subject) | {subject.i}
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            antecedent = verb.head
            ids = core_tokens(antecedent, skip=frozenset({verb.i}))
            if is_vague_reference(doc[min(ids) : max(ids) + 1], ignoring=verb.i):
                return None  # "the vessel, which entered service in 1978": which vessel?
            replace[subject.i] = render(doc[i] for i in sorted(ids))
    if not set(range(deletion.start, deletion.end)) <= clause or _words(doc, clause) > MAX_CONTEXT_WORDS + 4:
        return None
    if _words(doc, clause) < 5:
        return None
    return clause, replace


def _governs(verb: Token, token: Token) -> bool:
    """True when ``token`` sits in ``verb``'s clause (``verb`` is among its heads)."""
    while True:
        if token.i == verb.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head


def _resolutions(
    tokens: set[int],
    sentence: Sentence,
    tracker: MentionTracker,
    deletion: Span | None = None,
    given: dict[int, str] | None = None,
) -> dict[int, str] | None:
    """Replacements for a leading pronoun or vague subject; None when one cannot be resolved."""
    doc = sentence.span.doc
    ordered = sorted(tokens)
    replace: dict[int, str] = dict(given or {})
    first = doc[ordered[0]]
    if first.i in replace:
        return _later_pronouns(ordered, replace, tracker, doc, sentence.start)
    if first.lower_ in CONNECTIVES and len(ordered) > 1:
        replace[first.i] = ""
        first = doc[ordered[1]]
    if first.pos_ == "PRON":
        resolved = tracker.resolve_pronoun(first)
        if resolved is None or is_still_vague(resolved):
            return None
        replace[first.i] = resolved
    for chunk in sentence.noun_chunks:
        if chunk.start in replace or not is_vague_reference(chunk):
            continue
        if deletion is not None and deletion.start <= chunk.root.i < deletion.end:
            continue  # the hidden term itself: "The [...] receives blood" names nothing to resolve
        leading = chunk.start == first.i
        if not leading and chunk.root.i not in tokens:
            continue
        subject = chunk.root.dep_ in ("nsubj", "nsubjpass")
        needed = leading or (subject and (deletion is None or _governs(chunk.root.head, deletion.root)))
        # "[...] says the missile is designed to ...": a vague noun the deletion does not hang on is named
        # when an earlier mention shares its head noun, and left alone otherwise.
        resolved = tracker.resolve_vague(chunk, by_head_only=not needed)
        if resolved is None and needed:
            return None
        if resolved is not None:
            replace[chunk.start] = resolved
            replace.update({i: "" for i in range(chunk.start + 1, chunk.end)})
    return _later_pronouns(ordered, replace, tracker, doc, sentence.start)


def _later_pronouns(
    ordered: list[int], replace: dict[int, str], tracker: MentionTracker, doc: Doc, sentence_start: int
) -> dict[int, str] | None:
    """ "In 1835 she married ...": a pronoun with no name before it in the card is resolved, or the card dropped."""
    named_before = False
    for i in ordered:
        token = doc[i]
        if i in replace:
            named_before = named_before or bool(replace[i])
            continue
        if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE"):
            named_before = True
            continue
        if token.pos_ != "PRON" or token.lower_ not in THIRD_PERSON_PRONOUNS or named_before:
            continue
        is_object = token.lower_ in THING_OBJECT_PRONOUNS and token.dep_ in ("dobj", "pobj", "dative")
        if token.dep_ not in ("nsubj", "nsubjpass", "poss") and not is_object:
            return None
        before = sentence_start if is_object else None
        resolved = tracker.resolve_pronoun(token, before=before)  # "a piece of it" → "a piece of the virus"
        if resolved is None or is_still_vague(resolved):
            return None
        first, _, rest = resolved.partition(" ")
        if is_object and first in ("The", "A", "An") and rest:
            resolved = f"{first.lower()} {rest}"  # mid-sentence: "a piece of the Zika virus"
        replace[i] = resolved
        named_before = True
    return replace


def cloze_candidates(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """One candidate per informative span; ranking later keeps the best per fact."""
    for deletion, label in _deletion_spans(sentence):
        card = make_cloze(sentence, deletion, tracker, ENTITY_CLOZES[label])
        if card is not None:
            yield card


def make_cloze(sentence: Sentence, deletion: Span, tracker: MentionTracker, pattern: Pattern) -> Candidate | None:
    """A cloze hiding ``deletion`` (cut to a whole unit) in enough context to answer it, or None when no such
    context exists."""
    bounded = answer_bounds(deletion, sentence.span)
    if bounded is None:
        return None
    deletion = bounded
    text = deletion.text
    if sentence.text.count(text) > 1 or len(text) < 2:
        return None
    if "," in text and not any(c.isdigit() for c in text):
        return None  # "Whittingham, Goodenough": a list, not one answer
    doc = sentence.span.doc
    for tokens, clause_replace in _contexts(sentence, deletion):
        if any(_unresolvable(doc[i]) for i in tokens):
            continue
        resolved = _resolutions(tokens, sentence, tracker, deletion, clause_replace)
        if resolved is not None and deletion.start not in resolved:
            return _marked(sentence, deletion, tokens, resolved, pattern)
    return None


def _unresolvable(token: Token) -> bool:
    """ "we", "this": a pronoun no card can explain; a relative "that" ("bacteria that obtain ...") is fine."""
    return token.lower_ in UNRESOLVABLE_PRONOUNS and token.pos_ == "PRON" and token.tag_ not in ("WDT", "WP")


def _marked(
    sentence: Sentence,
    deletion: Span,
    tokens: set[int],
    replace: dict[int, str],
    pattern: Pattern,
) -> Candidate:
    """The cloze, built once: the Anki text and the question shown are cut from one rendering of the context."""
    doc = sentence.span.doc
    text = deletion.text
    opening, closing = _markers([sentence.text, *replace.values()])
    rewrites = rewrites_of(doc, replace)
    replace[deletion.start] = f"{opening}{text}{closing}"
    replace.update({i: "" for i in range(deletion.start + 1, deletion.end)})
    marked = tidy_spacing(render((doc[i] for i in sorted(tokens)), replace))
    marked = re.sub(f"{closing} (?=[,.;:!?'\"”)])", closing, marked)
    if not marked.endswith((".", "!", "?", '"', "”")):
        marked += "."
    marked = marked[:1].upper() + marked[1:]
    cloze = marked.replace(opening, "{{c1::").replace(closing, "}}")
    question = marked.split(opening)[0] + "[...]" + marked.split(closing)[1]
    return Candidate(pattern, question, text, sentence, span_of(sentence, deletion), rewrites, cloze=cloze)


def _markers(texts: list[str]) -> tuple[str, str]:
    """Two characters that occur in none of ``texts``, to mark the deletion while the context is rendered
    (any fixed pair, even a control character, can occur in a pasted article)."""
    used = set("".join(texts))
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in used)
    return next(free), next(free)
