"""Markdown to plain paragraphs: syntax removed, the first heading taken as the title."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_SETEXT = re.compile(r"^(.+)\n(?:=+|-+)\s*$", re.MULTILINE)
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"<[^>\n]+>"), ""),  # inline html
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # list markers
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$", re.MULTILINE), ""),  # table rules
    (re.compile(r"\s*\|\s*"), " "),  # table cells
)


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Return (first heading, plain text): markdown syntax removed, headings kept as paragraphs."""
    text = _FENCE.sub("", _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n")))
    first = _HEADING.search(text) or _SETEXT.search(text)
    title = first.group(1).strip() if first else ""
    if first:
        text = text[: first.start()] + text[first.end() :]
    text = _SETEXT.sub(r"\1\n", _HEADING.sub(r"\n\1\n", text))
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _MD_INLINE[6:8]:
        title = pattern.sub(replacement, title)
    return title, text
