"""How someone or something is regarded or described: "China regards Taiwan as ...", "Lovelace, who is
often described as the first computer programmer".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate, span_of
from studyapp.generation.clauses import DO_FORMS, core_tokens, phrase_text, render, render_ids
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.lexicon import DESCRIBING_VERBS, REGARDING_VERBS
from studyapp.generation.pattern_registry import DESCRIBED_AS, REGARDS_AS

if TYPE_CHECKING:
    from studyapp.generation.parsing import Sentence


def regards_as(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "X regards/considers/sees Y as Z" → "How does X regard Y?" (answer Z)."""
    for verb in sentence.span:
        if verb.lemma_ not in REGARDING_VERBS or verb.tag_ not in ("VBZ", "VBD", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        target = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep else None
        if subject is None or obj is None or target is None:
            continue
        who = phrase_text(subject, tracker)
        what = phrase_text(obj, tracker)
        if who is None or what is None:
            continue
        doc = verb.doc
        clauses_after = frozenset(c.i for c in target.children if c.dep_ in ("relcl", "acl"))
        answer_tokens = core_tokens(target, skip=clauses_after)
        answer = render_ids(doc, sorted(answer_tokens))
        question = f"How {DO_FORMS[verb.tag_]} {who.text} {verb.lemma_} {what.text}?"
        rewrites = who.rewrites + what.rewrites
        yield Candidate(REGARDS_AS, question, answer, sentence, span_of(sentence, answer_tokens), rewrites)


def described_as(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Lovelace, who is often described as the first computer programmer" → "How is Ada Lovelace often
    described?"; the description ("the first ...") is what a reader remembers the person or thing by."""
    for verb in sentence.span:
        if verb.lemma_ not in DESCRIBING_VERBS or verb.tag_ != "VBN":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        target = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep else None
        aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
        if subject is None or target is None or aux is None or target.pos_ != "NOUN":
            continue
        if subject.tag_ in ("WP", "WDT") and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
            owner = next((c for c in verb.head.head.children if c.dep_ == "nsubj"), None)
            subject = owner if owner is not None else subject  # "Ada Lovelace was a ... who is described as"
        resolved = phrase_text(subject, tracker)
        if resolved is None:
            continue
        doc = verb.doc
        answer_tokens = core_tokens(target, skip=frozenset(c.i for c in target.children if c.dep_ in ("relcl", "acl")))
        answer = render_ids(doc, sorted(answer_tokens))
        if not 2 <= len(answer.split()) <= 6:
            continue
        adverbs = render(c for c in verb.children if c.dep_ == "advmod" and c.i < verb.i)
        middle = f" {adverbs}" if adverbs else ""
        who = resolved.text
        aux_text = aux.text.lower() if aux.lower_ not in ("'s",) else "is"
        question = f"How {aux_text} {who}{middle} {verb.text}?"
        answer_span = span_of(sentence, answer_tokens)
        fact = f"description:{who}"
        yield Candidate(DESCRIBED_AS, question, answer, sentence, answer_span, resolved.rewrites, fact=fact)
