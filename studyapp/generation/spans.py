"""Small helpers for reading spaCy parses: entity kinds, useful dates, names and answer words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.generation.lexicon import FUNCTION_WORDS, HONORIFICS, MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Token

NUMERIC_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC"})
_RELATIVE_DATE = re.compile(
    r"^(?:yesterday|today|tomorrow|tonight|now|recently|(?:last|next|this|that|the same)\b.*|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day.*|.*\b(?:ago|earlier|later)\b.*)$",
    re.IGNORECASE,
)


def is_useful_date(text: str) -> bool:
    """Dates worth learning carry a year, a day or a month, not "yesterday" or "the age of 17"."""
    months = "|".join(MONTHS)
    return (
        not _RELATIVE_DATE.match(text.strip())
        and not re.search(r"\bage\b", text, re.IGNORECASE)
        and bool(re.search(rf"\d|{months}", text, re.IGNORECASE))
    )


def strip_honorific(text: str) -> str:
    words = text.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def capitalised_by_position(token: Token) -> bool:
    """A sentence's first word written upper-case only because it comes first: a common noun or adjective, or
    a word the tagger called a name that the text also writes in lower case ("Hydrothermal" ~ "hydrothermal")."""
    if not token.is_sent_start or not token.text[:1].isupper() or token.text.isupper() or token.ent_type_:
        return False
    if token.pos_ in ("NOUN", "ADJ"):
        return True
    lower = token.lower_
    return token.pos_ == "PROPN" and any(t.text == lower for t in token.doc)


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning; used to test answer/question overlap and duplicates."""
    return {w for w in re.findall(r"[\w'-]+", text.lower()) if w not in FUNCTION_WORDS and len(w) > 1}
