"""A saved web page read with trafilatura: the article's own content, with its headings, lists and tables.

trafilatura finds the main content with or without ``<article>``/``<main>`` and
drops navigation, comments, share bars, related stories, cookie banners, ads,
bylines and footers (``favor_precision``); its XML output keeps the structure,
which is turned into pieces here.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING

from studyapp.domain.article import BlockKind
from studyapp.reading.structure import Piece, Reading, definition, definition_or_item, heading_name, table_rows

if TYPE_CHECKING:
    from configparser import ConfigParser

    from lxml.etree import _Element

_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_NOT_TEXT = frozenset({"code", "graphic", "comments", "fw"})


def read_web_page(html: str) -> Reading:
    """The page's main content as pieces; its opening <h1> (else its <title>) is the title, not a piece."""
    import trafilatura
    from lxml import etree

    # trafilatura logs every flaw of the page it reads; the user gets one sentence from us instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    if not _WHOLE_PAGE.search(html):
        html = f"<html><body>{html}</body></html>"  # a fragment (or bare text) saved as .html
    extracted = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_precision=True,
        deduplicate=False,
        config=_config(),
    )
    if not extracted:
        return Reading()
    doc = etree.fromstring(extracted.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = doc.find("main")
    pieces = _pieces(main) if main is not None else []
    title = " ".join((doc.get("title") or "").split())
    opening = pieces[0] if pieces and pieces[0].kind is BlockKind.HEADING else None
    if opening is not None and (opening.level == 1 or heading_name(opening.text) == title):
        title = heading_name(pieces.pop(0).text)
    return Reading(pieces, title, _published(doc.get("date")))


def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")  # a short page is still an article
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # a date from the page's metadata only, never guessed
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals work only on the main thread; size is capped instead
    return config


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _pieces(parent: _Element) -> list[Piece]:
    pieces = _loose_text(parent.text)
    for element in parent:
        tag = element.tag
        if tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1:]) if rend[1:].isdigit() else 2
            pieces.append(Piece(BlockKind.HEADING, _text(element), level=level))
        elif tag == "list":
            pieces.extend(_list_items(element))
        elif tag == "table":
            pieces.extend(_table(element))
        elif tag in ("quote", "div"):
            pieces.extend(_pieces(element))
        elif tag not in _NOT_TEXT:
            pieces.append(Piece(BlockKind.PARAGRAPH, _text(element)))
        pieces.extend(_loose_text(element.tail))
    return pieces


def _loose_text(text: str | None) -> list[Piece]:
    """Words between blocks (a page that is bare text, or text beside a list) are a paragraph of their own."""
    return [Piece(BlockKind.PARAGRAPH, text)] if text and text.strip() else []


def _list_items(element: _Element) -> list[Piece]:
    """List items (a "Term: definition" item is a definition); a <dl>'s terms paired with their definitions."""
    if element.get("rend") == "dl":
        return _definition_list(element)
    return [definition_or_item(_text(item, skip="list")) for item in element.iter("item")]


def _definition_list(element: _Element) -> list[Piece]:
    pieces = []
    term = ""
    for item in element.iter("item"):
        rend = item.get("rend") or ""
        if rend.startswith("dt"):
            term = _text(item)
        elif term:
            pieces.append(definition(term, _text(item)))
        else:
            pieces.append(Piece(BlockKind.PARAGRAPH, _text(item)))
    return pieces


def _table(element: _Element) -> list[Piece]:
    rows = [[_text(cell) for cell in row.iter("cell")] for row in element.iter("row")]
    first = element.find("row")
    has_header = first is not None and any(cell.get("role") == "head" for cell in first.iter("cell"))
    return table_rows(rows[0], rows[1:]) if has_header and rows else table_rows([], rows)


def _text(element: _Element, *, skip: str = "") -> str:
    """The element's words, line breaks kept; a nested ``skip`` element (an item's sub-list) is left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != skip:
            parts.append(_text(child, skip=skip))
        parts.append(child.tail or "")
    return "".join(parts)
