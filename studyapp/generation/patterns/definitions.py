"""Definitions: "X is a/the Y" (what X is, and which thing is the Y), general terms defined by the copula or
by an appositive ("the golomyanka, a translucent fish ..."), hidden in their definition and asked by it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate, span_of
from studyapp.generation.clauses import core_tokens, phrase_text, render, render_ids, rewrites_of
from studyapp.generation.cloze import make_cloze
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.lexicon import ARTICLES, GENERIC_HEADS, LIGHT_VERBS, NAMING_PARTICIPLES, VAGUE_MODIFIERS
from studyapp.generation.pattern_registry import (
    APPOSITIVE_TERM,
    APPOSITIVE_TERM_REVERSE,
    DEFINED_TERM,
    DEFINED_TERM_REVERSE,
    DEFINITION,
    DEFINITION_REVERSE,
    SUBJECT_TERM,
    Pattern,
)
from studyapp.generation.spans import capitalised_by_position, wh_word

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from studyapp.generation.parsing import Sentence


def definitions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "X is a/the Y": what X is, and (for "the Y") which thing is the Y."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN":
            continue
        determiner = next((c.lower_ for c in attr.children if c.dep_ == "det"), "")
        if determiner not in ARTICLES:
            continue
        resolved = phrase_text(subject, tracker)
        if resolved is None or not (subject.pos_ == "PROPN" or subject.ent_type_ or resolved.resolved):
            continue
        doc = verb.doc
        term = resolved.text
        definition_tokens = core_tokens(attr)
        definition = render(doc[i] for i in sorted(definition_tokens))
        fact = definition_fact(term)
        tense = verb.text.lower()
        question = f"What {tense} {term}?"
        definition_span = span_of(sentence, definition_tokens)
        yield Candidate(DEFINITION, question, definition, sentence, definition_span, resolved.rewrites, fact=fact)
        if determiner == "the" and len(definition.split()) >= 3:
            wh = (wh_word(subject.ent_type_, subject, role="identity") or "what").capitalize()
            term_span = span_of(sentence, core_tokens(subject))
            question = f"{wh} {tense} {definition}?"
            yield Candidate(DEFINITION_REVERSE, question, term, sentence, term_span, resolved.rewrites, fact=fact)


def appositive_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "the golomyanka, a translucent fish that ...", "the policy rate, the interest rate at which ...": the
    term, hidden, with its description as the clue, and asked by its description ("What is ... called?")."""
    span = sentence.span
    doc = span.doc
    for comma in span:
        if comma.text not in (",", "(") or not span.start < comma.i < span.end - 2:
            continue
        token = doc[comma.i - 1]
        described = _description_after(comma)
        if (
            described is None
            or token.ent_type_ in ("PERSON", "DATE", "CARDINAL")
            or token.pos_ not in ("NOUN", "PROPN")
            or _names_something(described)
        ):
            continue
        term = _term_span(sentence, token)
        if term is not None:
            yield from _term_cards(sentence, term, described, tracker, APPOSITIVE_TERM, APPOSITIVE_TERM_REVERSE)


def _description_after(comma: Token) -> Token | None:
    """The noun of "X, a Y ...", "X, the Y of ...", "X, tiny Ys that ..." when it describes X: a noun that
    hangs on X or on what X hangs on (the small model attaches it either way), never a new clause's subject."""
    doc = comma.doc
    term, first = doc[comma.i - 1], doc[comma.i + 1]
    described = first.head if first.dep_ in ("det", "amod") else first
    if described.pos_ != "NOUN" or described.i <= comma.i or described.left_edge.i != first.i:
        return None
    if described.dep_ not in ("appos", "dobj", "pobj", "conj", "attr") or described.head.i > term.i:
        return None
    if described.dep_ == "conj" and any(c.dep_ == "cc" for c in described.head.children):
        return None  # "apples, the pears and the plums": a list
    determiner = first.lower_ if first.dep_ == "det" else ""
    if determiner in ("a", "an"):
        return described if len(list(described.subtree)) >= 3 else None
    if determiner == "the":
        return described if _restricted(described) else None  # "the interest rate at which ...", not "the lake"
    bare_plural = not determiner and first.dep_ != "det" and described.tag_ == "NNS" and described.dep_ == "appos"
    return described if bare_plural and _restricted(described) else None


def defined_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Judicial review is the power of courts to ...", "A tariff is a tax on imported goods": a general term
    defined by the copula, hidden in its definition and asked by it ("What is a tax on imported goods called?")."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN" or subject.pos_ != "NOUN" or subject.ent_type_:
            continue
        if any(
            c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in subject.children
        ):
            continue  # "the device is ...", "its depth is ...": a description, not a term
        determiners = [c.lower_ for c in attr.children if c.dep_ in ("det", "poss")]
        defining = determiners in (["a"], ["an"]) or (determiners == ["the"] and _restricted(attr))
        if not (defining or (not determiners and attr.tag_ == "NNS")):
            continue
        term = _term_span(sentence, subject)
        if term is None:
            continue
        yield from _term_cards(sentence, term, attr, tracker, DEFINED_TERM, DEFINED_TERM_REVERSE)


def subject_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "The right atrium receives deoxygenated blood from the body": a textbook sentence about a named part or
    kind (a noun with the modifiers that make it a term), the term hidden ("The [...] receives ...")."""
    for verb in sentence.span:
        if verb.dep_ != "ROOT" or verb.pos_ != "VERB" or verb.lemma_ in LIGHT_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ != "NOUN" or subject.ent_type_ or subject.lemma_ in GENERIC_HEADS:
            continue
        if verb.i == subject.i + 1 and verb.tag_ in ("VBD", "VBN"):
            continue  # "The left ventricle pumps oxygenated blood" misread with "oxygenated" as its verb
        term = _term_span(sentence, subject)
        modifiers = [] if term is None else [t for t in term if t.i != subject.i]
        if term is None or not modifiers or any(t.lower_ in VAGUE_MODIFIERS or t.like_num for t in modifiers):
            continue
        card = make_cloze(sentence, term, tracker, SUBJECT_TERM)
        if card is not None:
            yield card


def _names_something(described: Token) -> bool:
    """ "reserves, a practice known as fractional banking": the appositive names the practice, not the reserves."""
    return any(c.dep_ == "acl" and c.lower_ in NAMING_PARTICIPLES for c in described.children)


def _restricted(noun: Token) -> bool:
    """ "the process by which ...", "the power of courts to ...": a definite noun made specific by what follows."""
    return any(c.dep_ in ("prep", "relcl", "acl") and c.i > noun.i for c in noun.children)


def _term_span(sentence: Sentence, head: Token) -> Span | None:
    """The term a definition is about: the noun with its compound and adjective modifiers, no determiner;
    None for a name, a pronoun or a phrase too long to be a term."""
    doc = head.doc
    start = head.i
    while (
        start > sentence.span.start
        and doc[start - 1].dep_ in ("compound", "amod")
        and doc[start - 1].head.i
        in (
            head.i,
            start,
        )
    ):
        start -= 1
    term = doc[start : head.i + 1]
    if len(term) > 3 or term.text.lower() in ("it", "this") or head.ent_type_ or any(t.pos_ == "PRON" for t in term):
        return None
    return term


def definition_fact(term: str) -> str:
    """One fact per defined term, however a card asks it ("What is a tariff?", "A [...] is a tax ...")."""
    return "definition:" + re.sub(r"^(?:the|a|an)\s+", "", term.lower())


def _term_cards(
    sentence: Sentence, term: Span, definition: Token, tracker: MentionTracker, pattern: Pattern, reverse: Pattern
) -> Iterator[Candidate]:
    """The term hidden in its definition, and "What is the interest rate at which ... called?" → the term."""
    answer = term.text[:1].lower() + term.text[1:] if capitalised_by_position(term[0]) else term.text
    fact = definition_fact(answer)
    card = make_cloze(sentence, term, tracker, pattern)
    if card is not None:
        yield dataclasses.replace(card, fact=fact)
    doc = definition.doc
    ids = sorted(core_tokens(definition))
    if doc[definition.left_edge.i - 1].text == "(":  # "trilateration (a method that ...) to find ...": stop at ")"
        closing = next((t.i for t in doc[definition.i :] if t.text == ")"), len(doc))
        ids = [i for i in ids if i < closing]
    relatives = {i: "that" for i in ids if _relative_subject(doc[i])}
    if len(ids) < 3 or any(doc[i].tag_ in ("WDT", "WP", "WRB") for i in ids if i not in relatives):
        return  # "the process by which ...": a second wh-word mid-question
    described = render_ids(doc, ids, relatives)
    if capitalised_by_position(doc[ids[0]]):
        described = described[:1].lower() + described[1:]
    copula = "are" if term.root.tag_ in ("NNS", "NNPS") else "is"
    question = f"What {copula} {described} called?"
    yield Candidate(
        reverse, question, answer, sentence, span_of(sentence, term), rewrites_of(doc, relatives), fact=fact
    )


def _relative_subject(token: Token) -> bool:
    """ "organelles which/that produce ...": a relative pronoun that reads as "that" inside a question."""
    return (
        token.tag_ in ("WDT", "WP")
        and token.lower_ in ("which", "that", "who")
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.dep_ == "relcl"
    )


def bare_definitions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Inflation targeting is a monetary policy framework ...", "Hydrothermal vents are openings ...":
    a general term without a determiner, defined by the copula."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN" or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        if subject.ent_type_ or any(
            c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in subject.children
        ):
            continue  # "A tariff is a tax ..." is a definition; "The tariff is ..." is not
        subject_ids = {t.i for t in subject.subtree}
        if len(subject_ids) > 4 or any(verb.doc[i].pos_ == "PRON" for i in subject_ids):
            continue
        determiners = [c.lower_ for c in attr.children if c.dep_ in ("det", "poss")]
        if not (determiners in (["a"], ["an"]) or (not determiners and attr.tag_ == "NNS")):
            continue  # "a monetary policy framework", "openings in the sea floor"
        doc = verb.doc
        term = render_ids(doc, sorted(subject_ids))
        term = term[:1].lower() + term[1:] if len(term.split()[0]) == 1 or not term.split()[0].isupper() else term
        skip = frozenset(c.i for c in attr.children if c.dep_ in ("relcl", "acl"))
        definition_tokens = core_tokens(attr, skip=skip)
        definition = render_ids(doc, sorted(definition_tokens))
        if not 2 <= len(definition.split()) <= 8:
            continue
        question = f"What {verb.text.lower()} {term}?"
        answer_span = span_of(sentence, definition_tokens)
        yield Candidate(DEFINITION, question, definition, sentence, answer_span, fact=definition_fact(term))
