"""Markdown notes read with markdown-it-py: headings, paragraphs, list items, definitions and table rows.

CommonMark plus pipe tables, definition lists and front matter (mdit-py-plugins).
Code blocks, front matter and HTML blocks give no text (an HTML block's visible
words are kept, never a ``<script>`` or ``<style>`` body); the first heading is
the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.domain.article import BlockKind
from studyapp.domain.errors import UserInputError
from studyapp.reading.structure import (
    Piece,
    Reading,
    definition,
    definition_or_item,
    heading_name,
    notes_or_paragraph,
    table_rows,
)

if TYPE_CHECKING:
    from markdown_it.token import Token

MAX_LINES = 500_000
_HIDDEN_HTML = re.compile(r"<(script|style|template|noscript)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$", re.M)


def read_markdown(markdown: str, name: str) -> Reading:
    """The note's pieces in order; its first heading (or front-matter title) is the title, not a piece.

    markdown-it spends about 25 µs on every line, so the line count is capped before parsing.
    """
    lines = markdown.count("\n") + 1
    if lines > MAX_LINES:
        raise UserInputError(
            f"{name} has {lines:,} lines; Markdown notes longer than {MAX_LINES:,} lines are not supported."
        )
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").enable("table").use(deflist_plugin).use(front_matter_plugin)
    tokens = parser.parse(markdown.replace("\ufeff", ""))
    reading = Reading(list(_pieces(tokens)))
    front = next((t for t in tokens if t.type == "front_matter"), None)
    titled = _FRONT_MATTER_TITLE.search(front.content) if front else None
    if titled:
        reading.title = titled.group(1).strip()
    elif reading.pieces and reading.pieces[0].kind is BlockKind.HEADING:
        reading.title = heading_name(reading.pieces.pop(0).text)
    return reading


def _pieces(tokens: Sequence[Token]) -> list[Piece]:
    pieces: list[Piece] = []
    containers: list[str] = []  # open blocks around the current token: "li", "dt", "dd", "blockquote", ...
    term = ""  # the <dt> of the definition list being read
    table: list[list[str]] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            containers.append(token.tag)
        elif token.nesting == -1:
            containers.pop()
            if token.type == "table_close":
                pieces.extend(table_rows(table[0], table[1:]) if table else [])
                table = []
        if token.type == "tr_open":
            table.append([])
        elif token.type == "inline" and "table" in containers:
            table[-1].append(_inline_text(token))
        elif token.type == "inline":
            opener = tokens[index - 1]
            pieces.extend(_block(opener, token, containers, term))
            if containers[-1] == "dt":
                term = _inline_text(token)
        elif token.type == "html_block":
            pieces.append(Piece(BlockKind.PARAGRAPH, _TAG.sub(" ", _HIDDEN_HTML.sub(" ", token.content))))
        elif token.type == "dl_close":
            term = ""
    return pieces


def _block(opener: Token, inline: Token, containers: list[str], term: str) -> list[Piece]:
    text = _inline_text(inline)
    if opener.type == "heading_open":
        return [Piece(BlockKind.HEADING, text, level=int(opener.tag[1:]))]
    if "dt" in containers:
        return []  # the term is read with its <dd>
    if "dd" in containers and term:
        return [definition(term, text)]
    if "li" in containers:
        return [definition_or_item(text, term=_strong_lead(inline))]
    return notes_or_paragraph(text)


def _strong_lead(inline: Token) -> str:
    """ "**Term** – definition": the bold words that open a list item, as its term."""
    children = [child for child in inline.children or [] if child.type != "text" or child.content]
    if len(children) >= 3 and children[0].type == "strong_open" and children[2].type == "strong_close":
        return children[1].content.strip()
    return ""


def _inline_text(inline: Token) -> str:
    """What a reader sees: link text, code text, line breaks as new lines; no images or inline HTML."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
