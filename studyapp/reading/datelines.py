"""Datelines that open news copy ("LONDON, April 20 (Reuters) -"): removed, their date kept as the published date."""

from __future__ import annotations

import re
from datetime import date

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


def date_line(line: str) -> date | None:
    """The date of a line that is nothing but a dateline ("Published 5 March 2024", "2021-04-20 TAIPEI")."""
    rest, published = split_dateline(line.strip() + "\n")
    return published if published is not None and not rest.strip() else None
