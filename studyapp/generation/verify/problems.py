"""What the verifier can find wrong with a card: a card with any of these is dropped, never shown as fact."""

from __future__ import annotations

import enum


class Problem(enum.StrEnum):
    """One reason to drop a card, named as the rater's defect classes name them."""

    UNSUPPORTED_WORD = "says something its source does not"
    ALTERED_QUOTATION = "alters a quotation"
    LOSSY_REWRITE = "replaces a description with something that says less"
    LOST_NEGATION = "drops a negation"
    LOST_COORDINATION = "drops an 'and' that joined two things"
    LOST_ATTRIBUTION = "states someone's view as fact"
    WRONG_SUBJECT = "pins the fact on the wrong subject"
    PARTIAL_NAME = "shortens a name to part of it"
    MERGED_CLAUSES = "glues two clauses together"
    FRAGMENT = "is not a whole sentence"
    DOUBLED_WORD = "repeats a word"
    AGREEMENT = "has a verb that does not agree with its subject"
    STRAY_PUNCTUATION = "has stray punctuation"
    SECTION_NUMBER = "carries a section number"
    GARBLED_QUESTION = "is not its source's clause asked as a question"
    WRONG_QUESTION_WORD = "asks with a question word that does not fit its answer"
    AMBIGUOUS_QUESTION = "has more than one right answer"
    DANGLING_REFERENCE = "refers to something it does not name"
    MISSING_CONTEXT = "leaves out when, where or of what"
    TRIVIAL = "gives its answer away"
    CLUMSY_REWRITE = "repeats a name where its source had a pronoun"
    UNDATED_CHANGING_FACT = "states a fact that changes, with no date to pin it"
