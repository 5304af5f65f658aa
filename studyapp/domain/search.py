"""The browser's search as a small tree, shared by the parser (services) and the SQL (storage).

One definition for both sides: the parser builds it from the search box's
text, the browse repository turns it into a WHERE clause.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CardIs(enum.StrEnum):
    NEW = "new"
    LEARN = "learn"
    REVIEW = "review"
    DUE = "due"
    SUSPENDED = "suspended"
    BURIED = "buried"


@dataclass(frozen=True, slots=True)
class TextTerm:
    """Question, answer or context line contains ``text`` (``*`` is a wildcard)."""

    text: str


@dataclass(frozen=True, slots=True)
class DeckTerm:
    """The deck, or any of its subdecks, is named ``name`` (``*`` is a wildcard)."""

    name: str


@dataclass(frozen=True, slots=True)
class TagTerm:
    """A tag matches ``tag``; ``none`` means cards without tags."""

    tag: str


@dataclass(frozen=True, slots=True)
class IsTerm:
    what: CardIs


@dataclass(frozen=True, slots=True)
class Not:
    inner: Query


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Query, ...]


Query = TextTerm | DeckTerm | TagTerm | IsTerm | Not | And | Or


class SortColumn(enum.StrEnum):
    """Columns the browser can sort by (in the database, so sorting 100k cards is one query)."""

    QUESTION = "question"
    ANSWER = "answer"
    CONTEXT = "context"
    DECK = "deck"
    TAGS = "tags"
    DUE = "due"
    INTERVAL = "interval"
    STATE = "state"
    REPS = "reps"
    LAPSES = "lapses"
    CREATED = "created"
    MODIFIED = "modified"
