"""An article's title: a title line, or its first words, or the file's name."""

from __future__ import annotations

import re

from studyapp.reading.credits import is_byline
from studyapp.reading.datelines import split_dateline


def split_title_line(text: str) -> tuple[str, str]:
    """A short first line without final punctuation is a title; return (title, rest)."""
    first, _, rest = text.partition("\n")
    candidate = first.strip().strip("#").strip()
    is_dateline = split_dateline(first + "\n")[1] is not None
    short = len(candidate.split()) <= 14 and not re.search(r"[.!?;:,]$", candidate)
    if rest.strip() and candidate and short and not is_dateline and not is_byline(candidate):
        return candidate, rest.lstrip()
    return "", text


def title_from_words(text: str, fallback: str) -> str:
    """The first sentence's first words, or ``fallback`` when there is no real sentence."""
    first_sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = first_sentence.split()
    if len(words) < 3:
        return fallback
    title = " ".join(words[:8]).rstrip(".,;:!?")
    return title + ("…" if len(words) > 8 else "")


def prettify_stem(stem: str) -> str:
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"
