"""Agency credits and sign-offs at the end of news copy ("REUTERS", "Reporting by ..."), which are not the article."""

from __future__ import annotations

import re

_SIGN_OFF = re.compile(
    r"^\s*\(?\s*(?:REUTERS|Reuters|AP|AFP|Bloomberg|PA|"
    r"(?:Additional\s+)?[Rr]eporting\s+by\b.*|[Ee]diting\s+by\b.*|[Ww]riting\s+by\b.*|"
    r"[Cc]ompiled\s+by\b.*)\s*\)?\s*\.?\s*$"
)


def strip_sign_offs(text: str) -> str:
    """Drop trailing agency credits such as ``REUTERS`` or ``Reporting by ...``."""
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or _SIGN_OFF.match(lines[-1])):
        lines.pop()
    body = "\n".join(lines)
    return re.sub(r"\s*\((?:Reporting|Writing|Editing) by [^()]*\)\s*$", "", body).rstrip()


# "By Jane Smith", "By JANE SMITH, Transport correspondent", "Words by A and B · 5 min read"
_BYLINE = re.compile(r"^\s*(?:(?:Written|Words|Story|Text)\s+)?[Bb][Yy]:?\s+[A-Z][\w.'’-]*(?:[\s,·|&-]+\S+){0,11}\s*$")


def is_byline(line: str) -> bool:
    """A short "By Name" line (no sentence ending): the author's credit, not the article."""
    return bool(_BYLINE.match(line)) and not re.search(r"[.!?]\s*$", line)
