"""Spans a card hides because of how they are written: a coined term in quotation marks, a match score."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate
from studyapp.generation.cloze import make_cloze
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.pattern_registry import QUOTED_TERM, SCORE

if TYPE_CHECKING:
    from studyapp.generation.parsing import Sentence

_QUOTED = re.compile(r"[\"“](?P<term>[^\"“”]{2,40})[\"”]")


def quoted_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """A coined word or name in quotation marks ("an 'asymmetrical' deterrent"): the article's own term."""
    doc = sentence.span.doc
    base = sentence.span.start_char + (len(sentence.span.text) - len(sentence.span.text.lstrip()))
    for found in _QUOTED.finditer(sentence.text):
        term = found.group("term").strip()
        if not 1 <= len(term.split()) <= 4 or term[-1:] in ".,!?" or term[:1] in "'’":
            continue
        span = doc.char_span(base + found.start("term"), base + found.end("term"), alignment_mode="strict")
        if span is None or any(t.pos_ in ("VERB", "AUX", "PRON") for t in span):
            continue  # a quoted remark, not a term
        card = make_cloze(sentence, span, tracker, QUOTED_TERM)
        if card is not None:
            yield card


_SET = r"\d{1,2}[-–]\d{1,2}(?:\s*\(\d{1,2}(?:[-–]\d{1,2})?\))?"


_SCORE = re.compile(rf"(?<![\w.,-]){_SET}(?:,\s*{_SET})*(?![\w-])")


def scores(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "won the final 6-4, 3-6, 7-5", "drew 2-2": a score or a run of set scores, hidden as one answer."""
    doc = sentence.span.doc
    base = sentence.span.start_char + (len(sentence.span.text) - len(sentence.span.text.lstrip()))
    for found in _SCORE.finditer(sentence.text):
        span = doc.char_span(base + found.start(), base + found.end(), alignment_mode="strict")
        if span is None or any(t.ent_type_ == "DATE" for t in span):
            continue  # "1914-18" is a period, not a score
        card = make_cloze(sentence, span, tracker, SCORE)
        if card is not None:
            yield card
