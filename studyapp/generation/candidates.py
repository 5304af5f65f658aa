"""The candidates stage: every builder run over each parsed sentence, each candidate checked once.

High-precision patterns come first, then wh-questions and cloze deletions
(overgenerate, then rank).  Questions on common-noun objects and places are
asked only of a sentence whose other candidates were all dropped: next to a
name or a number such an object is usually the lesser fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from studyapp.generation import cloze, questions
from studyapp.generation.candidate import Candidate
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.hygiene import check
from studyapp.generation.parsing import Sentence
from studyapp.generation.patterns import acronyms, definitions, descriptions, names, quotes_and_scores

MIN_SENTENCE_TOKENS = 5
MAX_SENTENCE_TOKENS = 90

Builder = Callable[[Sentence, MentionTracker], Iterator[Candidate]]
BUILDERS: tuple[Builder, ...] = (
    lambda sentence, _: acronyms.acronyms(sentence),
    names.appositives,
    names.known_as,
    definitions.definitions,
    definitions.bare_definitions,
    definitions.defined_terms,
    descriptions.described_as,
    quotes_and_scores.quoted_terms,
    quotes_and_scores.scores,
    definitions.appositive_terms,
    definitions.subject_terms,
    descriptions.regards_as,
    names.relative_objects,
    questions.wh_questions,
    cloze.cloze_candidates,
)
"""The builders in the order their candidates are made (ranking breaks ties by this order)."""


def sentence_candidates(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """Every candidate the sentence allows that passes the hygiene check."""
    for _, checked in proposals(sentence, tracker):
        if checked is not None:
            yield checked


def proposals(sentence: Sentence, tracker: MentionTracker) -> Iterator[tuple[Candidate, Candidate | None]]:
    """Each candidate as its builder made it, with its checked form (None when the check dropped it).

    The tracker observes every sentence, even one too short or too long to make cards from.
    """
    tracker.observe(sentence, acronyms.acronym_aliases(sentence))
    words = [t for t in sentence.span if not t.is_space and not t.is_punct]
    if not MIN_SENTENCE_TOKENS <= len(words) <= MAX_SENTENCE_TOKENS or sentence.text.endswith("?"):
        return
    found = False
    for build in BUILDERS:
        for candidate in build(sentence, tracker):
            checked = check(candidate)
            found = found or checked is not None
            yield candidate, checked
    if not found:
        for candidate in questions.common_object_questions(sentence, tracker):
            yield candidate, check(candidate)
