"""Anki cloze syntax (``{{c1::answer::hint}}``), rendered as plain text."""

from __future__ import annotations

import re

CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)

Span = tuple[int, int, str]
"""A deletion in the sentence: start, end, hint."""


def cloze_question(text: str, ordinal: int = 1) -> str:
    """The question side: the active deletion becomes ``[...]`` (or ``[hint]``)."""

    def repl(m: re.Match[str]) -> str:
        if int(m.group(1)) == ordinal:
            return f"[{m.group(3)}]" if m.group(3) else "[...]"
        return m.group(2)

    return CLOZE_RE.sub(repl, text)


def cloze_answer(text: str, ordinal: int = 1) -> str:
    """The text of the active deletion(s), joined with ", "."""
    return ", ".join(m.group(2) for m in CLOZE_RE.finditer(text) if int(m.group(1)) == ordinal)


def cloze_full(text: str) -> str:
    """The sentence with every deletion filled in."""
    return "".join(part for part, _active in cloze_parts(text))


def cloze_parts(text: str, ordinal: int = 1) -> list[tuple[str, bool]]:
    """The filled-in sentence in pieces, True on the active deletion's: the answer side highlights those."""
    parts: list[tuple[str, bool]] = []
    last = 0
    for m in CLOZE_RE.finditer(text):
        parts.append((text[last : m.start()], False))
        parts.append((m.group(2), int(m.group(1)) == ordinal))
        last = m.end()
    parts.append((text[last:], False))
    return [(part, active) for part, active in parts if part]


def cloze_ordinals(text: str) -> list[int]:
    return sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})


def make_cloze(sentence: str, start: int, end: int, ordinal: int = 1) -> str:
    """Wrap ``sentence[start:end]`` in a deletion; braces in the text stay literal."""
    return f"{sentence[:start]}{{{{c{ordinal}::{sentence[start:end]}}}}}{sentence[end:]}"


def single_deletion(text: str, ordinal: int) -> str:
    """The card of one deletion number: that deletion becomes ``c1``, the others plain text."""

    def keep(match: re.Match[str]) -> str:
        if int(match.group(1)) != ordinal:
            return match.group(2)
        hint = f"::{match.group(3)}" if match.group(3) else ""
        return f"{{{{c1::{match.group(2)}{hint}}}}}"

    return CLOZE_RE.sub(keep, text)


def split_cloze(text: str) -> tuple[str, list[Span]]:
    """The sentence without markup, and the spans of the deletions the card tests (its lowest ordinal)."""
    matches = list(CLOZE_RE.finditer(text))
    if not matches:
        return text, []
    tested = min(int(m.group(1)) for m in matches)
    plain: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in matches:
        plain.append(text[last : match.start()])
        length += match.start() - last
        answer = match.group(2)
        if int(match.group(1)) == tested:
            spans.append((length, length + len(answer), match.group(3) or ""))
        plain.append(answer)
        length += len(answer)
        last = match.end()
    plain.append(text[last:])
    return "".join(plain), spans


def join_cloze(sentence: str, deletions: list[tuple[Span, int]]) -> str:
    """The inverse of ``split_cloze`` for a whole note: each span becomes a deletion with its ordinal."""
    out: list[str] = []
    last = 0
    for (start, end, hint), ordinal in sorted(deletions):
        out.append(sentence[last:start])
        out.append(f"{{{{c{ordinal}::{sentence[start:end]}{'::' + hint if hint else ''}}}}}")
        last = end
    out.append(sentence[last:])
    return "".join(out)
