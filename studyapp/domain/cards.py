"""Cards as the rest of the program sees them, independent of storage."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.ids import CardId, DeckId, SourceId


class CardKind(enum.StrEnum):
    BASIC = "basic"
    CLOZE = "cloze"


class Warning_(enum.StrEnum):
    """Checks a generated card can fail; shown as badges in the preview."""

    ANSWER_IN_QUESTION = "answer in question"
    DANGLING_PRONOUN = "dangling pronoun"
    COMPOUND_QUESTION = "compound question"
    LONG_ANSWER = "long answer"


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A word or phrase of the source the card replaced, so the card can say what it changed and why.

    ``original`` is the source's text ("It", "the company"), ``replacement`` the card's
    ("The James Webb Space Telescope"), ``evidence`` the sentence the replacement came from.
    """

    original: str
    replacement: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class CardDraft:
    """A proposed card, before the user accepts it.

    For cloze cards ``question`` shows the deletion as ``[...]``, ``answer``
    is the deleted text and ``cloze`` holds Anki syntax (``{{c1::...}}``).
    ``start``/``end`` are the source sentence's offsets in the article text.
    ``fact`` groups drafts that test the same fact (siblings).
    ``context`` names what the card is about when its text does not (the
    article's topic, a heading path, the date for facts that change); it is shown
    above the question and exported as a field of its own.  ``rewrites`` lists
    what the card changed from its source sentence.
    """

    kind: CardKind
    question: str
    answer: str
    source: str
    start: int
    end: int
    score: float = 0.0
    cloze: str = ""
    pattern: str = ""
    fact: str = ""
    warnings: tuple[Warning_, ...] = ()
    context: str = ""
    rewrites: tuple[Rewrite, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The public JSON shape of ``studyapp generate --json``."""
        return {
            "type": self.kind.value,
            "question": self.question,
            "answer": self.answer,
            "cloze": self.cloze if self.kind is CardKind.CLOZE else None,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "pattern": self.pattern,
            "warnings": [w.value for w in self.warnings],
            "context": self.context,
            "rewrites": [{"original": r.original, "replacement": r.replacement} for r in self.rewrites],
        }


class CardState(enum.IntEnum):
    """Where a card is in its life; values match Anki's card types."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True, slots=True)
class Card:
    """A stored card: content, provenance and a summary of its schedule.

    Basic cards keep question/answer in ``front``/``back``; cloze cards keep
    the Anki-syntax text in ``front`` and optional extra text in ``back``.
    ``context`` (shown above the question) and ``rewrites`` (the evidence for
    words the generator changed) come from the draft the card was made from.
    """

    id: CardId
    deck_id: DeckId
    kind: CardKind
    front: str
    back: str
    source_sentence: str = ""
    source_start: int | None = None
    source_end: int | None = None
    source_id: SourceId | None = None
    tags: tuple[str, ...] = ()
    guid: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    fact: str = ""
    suspended: bool = False
    state: CardState = CardState.NEW
    due: datetime | None = None
    position: int = 0
    lapses: int = 0
    reps: int = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    deck_name: str = ""
    context: str = ""
    rewrites: tuple[Rewrite, ...] = ()
