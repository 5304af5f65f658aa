"""Acronyms and their expansions ("JASSM (Joint Air-to-Surface Standoff Missile)"), asked both ways.

They fire rarely but are almost always right, so their cards get the highest confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate, text_span
from studyapp.generation.pattern_registry import ACRONYM, ACRONYM_REVERSE

if TYPE_CHECKING:
    from studyapp.generation.parsing import Sentence

_NAME = r"[A-Z][\w&'’.-]*"


_LONG_FORM = rf"{_NAME}(?:\s+(?:of|and|for|the|on|in|to|de|&|{_NAME})){{1,9}}"


_ACRONYM = r"[A-Z][A-Za-z0-9-]*[A-Z0-9]s?"


_ACRONYM_PATTERNS = (
    re.compile(
        rf"\b(?P<short>{_ACRONYM})\s*[-–—(,]?\s*(?:which\s+|that\s+)?(?:stands|stood)\s+for\s+"
        rf"(?:the\s+)?(?P<long>{_LONG_FORM})"
    ),
    re.compile(
        rf"\b(?P<short>{_ACRONYM})\s*(?:\(|,|[-–—])?\s*(?:is\s+)?short\s+for\s+(?:the\s+)?(?P<long>{_LONG_FORM})"
    ),
    re.compile(rf"(?P<long>{_LONG_FORM})\s+\((?P<short>{_ACRONYM})\)"),
)


def _initials_match(short: str, long: str) -> bool:
    """ "JASSM" ↔ "Joint Air-to-Surface Standoff Missile": letters appear in order as word initials."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", long) if w and w[0].isupper())
    letters = [c for c in short.upper() if c.isalpha()]
    position = 0
    for letter in initials:
        if position < len(letters) and letter == letters[position]:
            position += 1
    return position == len(letters) and len(letters) >= 2


def acronyms(sentence: Sentence) -> Iterator[Candidate]:
    """ "X - which stands for ...", "X (ABC)", "short for": asked both ways."""
    for pattern in _ACRONYM_PATTERNS:
        for found in pattern.finditer(sentence.text):
            short = found.group("short")
            long = _trim_to_initials(short, re.sub(r"^[Tt]he\s+", "", found.group("long").rstrip(".,")))
            if long is None:
                continue
            offset = found.start("long") + max(found.group("long").find(long), 0)
            long_span = text_span(sentence, offset, offset + len(long))
            short_span = text_span(sentence, *found.span("short"))
            yield Candidate(ACRONYM, f"What does {short} stand for?", long, sentence, long_span)
            yield Candidate(ACRONYM_REVERSE, f"What is the abbreviation for {long}?", short, sentence, short_span)


def _trim_to_initials(short: str, long: str) -> str | None:
    """Drop an owner or stray words from the front of the long form ("NASA's Jet Propulsion Laboratory" for
    JPL), then words from its end, until its initials match the acronym."""
    words = long.split()
    while words and (words[0].endswith(("'s", "’s")) or words[0][:1].upper() != short[:1].upper()):
        words.pop(0)
    while words:
        candidate = " ".join(words)
        if _initials_match(short, candidate):
            return candidate
        words.pop()
    return None


def acronym_aliases(sentence: Sentence) -> dict[str, str]:
    """Acronym → expansion, so "the missile" can find "JASSM (... Missile)"."""
    aliases: dict[str, str] = {}
    for pattern in _ACRONYM_PATTERNS:
        for found in pattern.finditer(sentence.text):
            long = _trim_to_initials(found.group("short"), found.group("long"))
            if long:
                aliases[found.group("short")] = long
    return aliases
