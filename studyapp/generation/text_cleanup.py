"""Turning raw article text into the clean body that cards quote.

Readers of every format end here, so datelines, sign-offs, titles and the
English check behave the same for a .txt file, a web page and pasted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from studyapp.domain.errors import UserInputError

_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\s*,?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})\s*,?\s+(?P<y>\d{{4}})", re.IGNORECASE),
)
# "date 2021-04-20 TAIPEI •", "LONDON, April 20 (Reuters) -", "WASHINGTON (AP) —".
_DATELINE_PLACE = r"[A-Z][A-Z .'-]{1,40}?"
_DATELINE_LABEL = re.compile(r"^\s*(?:date[d:]?|published:?)\s+", re.IGNORECASE)
_DATELINE_PLACE_FIRST = re.compile(rf"^\s*{_DATELINE_PLACE},\s*(?=\d|{_MONTH})")
_DATELINE_TAIL = re.compile(rf"^\s*(?:{_DATELINE_PLACE})?\s*,?\s*(?:\((?:Reuters|AP|AFP|Bloomberg)\))?\s*[•·—–:|-]\s*")
_SIGN_OFF = re.compile(
    r"^\s*\(?\s*(?:REUTERS|Reuters|AP|AFP|Bloomberg|PA|"
    r"(?:Additional\s+)?[Rr]eporting\s+by\b.*|[Ee]diting\s+by\b.*|[Ww]riting\s+by\b.*|"
    r"[Cc]ompiled\s+by\b.*)\s*\)?\s*\.?\s*$"
)
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


@dataclass(frozen=True, slots=True)
class CleanText:
    """The body with what was recognised around it."""

    text: str
    title: str
    published: date | None


def normalise_whitespace(raw: str) -> str:
    """One space between words, one blank line between paragraphs, no BOM."""
    text = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = re.split(r"\n\s*\n", text)
    cleaned = (re.sub(r"[ \t\f\v]+", " ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _parse_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"].lower()[:3], 0)
    try:
        return date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def split_dateline(text: str) -> tuple[str, date | None]:
    """Remove a leading dateline and return the date it carried, if any."""
    rest = _DATELINE_LABEL.sub("", text, count=1)
    place = _DATELINE_PLACE_FIRST.match(rest)
    if place:
        rest = rest[place.end() :]
    published: date | None = None
    for pattern in _DATE_PATTERNS:
        found = pattern.match(rest)
        if found:
            published = _parse_date(found)
            rest = rest[found.end() :]
            break
    tail = _DATELINE_TAIL.match(rest)
    if tail and (published is not None or re.search(r"[•·—–]|\(", tail.group())):
        return rest[tail.end() :].lstrip(), published
    if published is not None and re.match(r"\s*\n", rest):
        return rest.lstrip(), published
    return text, None


def strip_sign_offs(text: str) -> str:
    """Drop trailing agency credits such as ``REUTERS`` or ``Reporting by ...``."""
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or _SIGN_OFF.match(lines[-1])):
        lines.pop()
    body = "\n".join(lines)
    return re.sub(r"\s*\((?:Reporting|Writing|Editing) by [^()]*\)\s*$", "", body).rstrip()


def split_title_line(text: str) -> tuple[str, str]:
    """A short first line without final punctuation is a title; return (title, rest)."""
    first, _, rest = text.partition("\n")
    candidate = first.strip().strip("#").strip()
    is_dateline = split_dateline(first + "\n")[1] is not None
    short = len(candidate.split()) <= 14 and not re.search(r"[.!?;:,]$", candidate)
    if rest.strip() and candidate and short and not is_dateline:
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


def require_english(text: str, origin: str) -> None:
    """Refuse text whose share of common English words is far too low to be English."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE_CHECK:
        return
    share = sum(w in _STOPWORDS for w in words) / len(words)
    if share < _MIN_STOPWORD_SHARE:
        raise UserInputError(f"{origin} does not look like English text; only English articles are supported.")


def clean_article_text(raw: str, *, origin: str, title: str = "", detect_title: bool = True) -> CleanText:
    """Normalise, take off title line, dateline and sign-offs, then check the result is usable."""
    text = normalise_whitespace(raw)
    if detect_title and not title:
        title, text = split_title_line(text)
    text, published = split_dateline(text)
    text = strip_sign_offs(text)
    if not _WORD.search(text):
        raise UserInputError(f"{origin} contains no text to make cards from.")
    require_english(text, origin)
    return CleanText(text=text, title=title, published=published)
