"""Marking the words a generated card rewrote, so the user sees what the card changed and why.

A rewrite's replacement ("the James Webb Space Telescope" for the source's
"It") is found in the card text and wrapped in a highlighted link
``rewrite:N`` (N indexes the card's rewrites), so a label can tell which
phrase the pointer is over; everything else is escaped, since card text
comes from the article and is data, never markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from studyapp.domain.cards import Rewrite

LINK_PREFIX = "rewrite:"
LIGHT_MARK = "background-color: #dce8fc; color: #0f2f66; text-decoration: underline;"
DARK_MARK = "background-color: #22395e; color: #dce8fc; text-decoration: underline;"
"""Blue, not the article view's yellow: a rewritten phrase is not the card's source sentence."""


def marked_spans(text: str, rewrites: Sequence[Rewrite]) -> list[tuple[int, int, int]]:
    """(start, end, index of the rewrite) where each replacement first occurs in ``text``.

    Case-insensitive, without overlaps, in text order.
    """
    caseless = len(text.casefold()) == len(text)  # offsets stay valid (not so for "ß" -> "ss")
    folded = text.casefold() if caseless else text
    spans: list[tuple[int, int, int]] = []
    for number, rewrite in enumerate(rewrites):
        needle = rewrite.replacement.casefold() if caseless else rewrite.replacement
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0 and any(start < end and begin < start + len(needle) for begin, end, _ in spans):
            start = folded.find(needle, start + 1)
        if start >= 0:
            spans.append((start, start + len(needle), number))
    return sorted(spans, key=lambda span: span[0])


def marked_html(text: str, rewrites: Sequence[Rewrite], *, dark: bool = False) -> str:
    """``text`` as escaped rich text with each rewritten phrase highlighted."""
    style = DARK_MARK if dark else LIGHT_MARK
    out: list[str] = []
    last = 0
    for start, end, number in marked_spans(text, rewrites):
        out.append(html.escape(text[last:start]))
        out.append(f'<a href="{LINK_PREFIX}{number}" style="{style}">{html.escape(text[start:end])}</a>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def hovered_rewrite(link: str, rewrites: Sequence[Rewrite]) -> Rewrite | None:
    """The rewrite a ``rewrite:N`` link stands for (None off a mark)."""
    number = link.removeprefix(LINK_PREFIX)
    if not link.startswith(LINK_PREFIX) or not number.isdigit() or int(number) >= len(rewrites):
        return None
    return rewrites[int(number)]
