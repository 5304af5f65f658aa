"""Every card pattern, declared once: its name, card kind, confidence, answer kind and value, direction.

Builders make candidates from these declarations and ranking reads them as
attributes, so nothing downstream parses a pattern's name.  ``confidence`` is
the pattern's precision (how often its cards are right); ``answer_value`` is
how worth learning its answer is, or None when ranking judges it from the
answer's form (a number, a name).  The name is what the preview, the JSON and
the benchmark show.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from studyapp.domain.cards import CardKind
from studyapp.generation.spans import NUMERIC_ENTS


class AnswerKind(enum.Enum):
    """What a pattern's answer is, where ranking values it differently."""

    NAME = "name"  # a name or a term's expansion: worth learning
    DATE = "date"  # valued by what it dates (``ranking.date_value``)
    COUNT = "count"  # a counted amount: a spelled-out count is a lesser detail
    OTHER = "other"


class Direction(enum.Enum):
    """A reverse card asks a forward card's answer back ("What does X stand for?" / "What is the abbreviation
    for ...?"); the two are never near-duplicates of each other."""

    FORWARD = "forward"
    REVERSE = "reverse"


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    kind: CardKind
    confidence: float
    answer: AnswerKind = AnswerKind.OTHER
    answer_value: float | None = None
    direction: Direction = Direction.FORWARD


_BASIC, _CLOZE = CardKind.BASIC, CardKind.CLOZE
_NAME, _REVERSE = AnswerKind.NAME, Direction.REVERSE

# Acronyms, roles and names.
ACRONYM = Pattern("acronym", _BASIC, 0.95, _NAME)
ACRONYM_REVERSE = Pattern("acronym-reverse", _BASIC, 0.8, _NAME, direction=_REVERSE)
APPOSITIVE = Pattern("appositive", _BASIC, 0.85, _NAME)
APPOSITIVE_ROLE = Pattern("appositive-role", _BASIC, 0.8, answer_value=0.6)
TITLE = Pattern("title", _BASIC, 0.85, _NAME)
TITLE_ROLE = Pattern("title-role", _BASIC, 0.75, answer_value=0.5)
BARE_TITLE_ROLE = Pattern("title-role", _BASIC, 0.5, answer_value=0.5)
"""A title with no owner ("President Tsai"): the role is less sure to be the one that matters."""
KNOWN_AS_CLOZE = Pattern("known-as", _CLOZE, 0.85, _NAME)
KNOWN_AS = Pattern("known-as", _BASIC, 0.8, _NAME)

# Definitions, descriptions and terms.
DEFINITION = Pattern("definition", _BASIC, 0.75)
DEFINITION_REVERSE = Pattern("definition-reverse", _BASIC, 0.75, direction=_REVERSE)
DEFINED_TERM = Pattern("defined-term", _CLOZE, 0.85)
DEFINED_TERM_REVERSE = Pattern("defined-term-reverse", _BASIC, 0.85 - 0.05, direction=_REVERSE)
APPOSITIVE_TERM = Pattern("appositive-term", _CLOZE, 0.8)
APPOSITIVE_TERM_REVERSE = Pattern("appositive-term-reverse", _BASIC, 0.8 - 0.05, direction=_REVERSE)
DESCRIBED_AS = Pattern("described-as", _BASIC, 0.85)
SUBJECT_TERM = Pattern("subject-term", _CLOZE, 0.55, _NAME)
"""A term that is the subject of a textbook sentence, hidden in it ("The [...] receives blood from the body")."""
LISTED_TERM = Pattern("listed-term", _BASIC, 0.9, direction=_REVERSE)
"""A term from a definition list or a "Term: definition" line, asked from its definition."""
TABLE_CELL = Pattern("table-cell", _BASIC, 0.85)
"""A table cell asked by its row and column: "What is the hardness of talc?"."""
REGARDS_AS = Pattern("regards-as", _BASIC, 0.8)
RELATIVE_CLAUSE = Pattern("relative-clause", _BASIC, 0.75, _NAME)
QUOTED_TERM = Pattern("quoted-term", _CLOZE, 0.85)
SCORE = Pattern("cloze-score", _CLOZE, 0.75)

# Wh-questions.
WH_SUBJECT = Pattern("wh-subject", _BASIC, 0.6)
WH_HOW_MANY = Pattern("wh-how-many", _BASIC, 0.7)
WH_OBJECT = Pattern("wh-object", _BASIC, 0.55)
WH_QUANTITY = Pattern("wh-quantity", _BASIC, 0.55)
WH_WHEN = Pattern("wh-when", _BASIC, 0.55, AnswerKind.DATE)
WH_WHERE = Pattern("wh-where", _BASIC, 0.55)
WH_OBJECT_NOUN = Pattern("wh-object-noun", _BASIC, 0.35, answer_value=0.5)
WH_WHERE_NOUN = Pattern("wh-where-noun", _BASIC, 0.35, answer_value=0.5)

# Cloze deletions of entities: confidence from how worth learning the label is, numbers first.
_LABEL_VALUE = {
    "DATE": 0.95,
    "TIME": 0.9,
    "CARDINAL": 0.9,
    "QUANTITY": 1.0,
    "MONEY": 1.0,
    "PERCENT": 1.0,
    "PERSON": 0.9,
    "ORG": 0.8,
    "PRODUCT": 0.85,
    "EVENT": 0.85,
    "WORK_OF_ART": 0.8,
    "LAW": 0.8,
    "FAC": 0.7,
    "GPE": 0.65,
    "LOC": 0.6,
    "NORP": 0.45,
    "PROPN": 0.75,
    "DURATION": 0.8,
}
_CLOZE_ANSWERS = {
    "QUANTITY": (AnswerKind.OTHER, 1.0),
    "MONEY": (AnswerKind.OTHER, 1.0),
    "PERCENT": (AnswerKind.OTHER, 1.0),
    "DATE": (AnswerKind.DATE, None),
    "CARDINAL": (AnswerKind.COUNT, 0.9),
    "PERSON": (AnswerKind.OTHER, 1.0),
    "GPE": (AnswerKind.OTHER, 0.55),
    "NORP": (AnswerKind.OTHER, 0.4),
    "TIME": (AnswerKind.OTHER, 0.75),
    "DURATION": (AnswerKind.OTHER, 0.7),
}


def _entity_cloze(label: str) -> Pattern:
    answer, value = _CLOZE_ANSWERS.get(label, (AnswerKind.OTHER, None))
    confidence = _LABEL_VALUE[label] * (0.75 if label in NUMERIC_ENTS else 0.7)
    return Pattern(f"cloze-{label.lower()}", _CLOZE, confidence, answer, value)


ENTITY_CLOZES = {label: _entity_cloze(label) for label in _LABEL_VALUE}
"""The cloze pattern for each entity label worth deleting (and "PROPN" for untagged names, "DURATION")."""
