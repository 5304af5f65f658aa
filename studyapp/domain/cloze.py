"""Anki cloze syntax (``{{c1::answer::hint}}``), rendered as plain text."""

from __future__ import annotations

import re

CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


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
