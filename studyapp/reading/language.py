"""The English check: text whose share of common English words is far too low cannot make cards."""

from __future__ import annotations

import re

from studyapp.domain.errors import UserInputError

_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "over",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_WORDS_FOR_LANGUAGE_CHECK = 20
_MIN_STOPWORD_SHARE = 0.15


def has_words(text: str) -> bool:
    return _WORD.search(text) is not None


def require_english(text: str, origin: str) -> None:
    """Refuse text whose share of common English words is far too low to be English."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE_CHECK:
        return
    share = sum(w in _STOPWORDS for w in words) / len(words)
    if share < _MIN_STOPWORD_SHARE:
        raise UserInputError(f"{origin} does not look like English text; only English articles are supported.")
