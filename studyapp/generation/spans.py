"""Small helpers for reading spaCy parses: rendering token sets, entity kinds, answer words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from studyapp.generation.lexicon import FUNCTION_WORDS, HONORIFICS, MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NUMERIC_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC"})
_RELATIVE_DATE = re.compile(
    r"^(?:yesterday|today|tomorrow|tonight|now|recently|(?:last|next|this|that|the same)\b.*|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day.*|.*\b(?:ago|earlier|later)\b.*)$",
    re.IGNORECASE,
)


def render(tokens: Iterable[Token], replace: Mapping[int, str] | None = None) -> str:
    """Text of ``tokens`` in document order with original spacing; ``replace`` maps a token index to new text."""
    replace = replace or {}
    ordered = sorted(tokens, key=lambda t: t.i)
    parts: list[str] = []
    for position, token in enumerate(ordered):
        text = replace.get(token.i, token.text)
        is_last = position == len(ordered) - 1
        gap_follows = not is_last and ordered[position + 1].i != token.i + 1
        space = token.whitespace_ if not gap_follows else " "
        parts.append(text + ("" if is_last else space))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def render_ids(doc: Doc, ids: Iterable[int], replace: Mapping[int, str] | None = None) -> str:
    """``render`` for token indices, as produced by the clause helpers."""
    return render((doc[i] for i in ids), replace)


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
