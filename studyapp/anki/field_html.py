"""Card text ↔ Anki field HTML.

Our cards are plain text; Anki fields are HTML.  Export escapes everything
(cloze braces are not HTML, so ``{{c1::...}}`` survives); import reduces HTML
to plain text, keeping images as ``[image: NAME]`` lines that the window
renders, and counting what it cannot keep (audio).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

IMAGE_MARKER = "[image: {name}]"
IMAGE_MARKER_RE = re.compile(r"\[image: ([^\]\n]+)\]")
SOUND_RE = re.compile(r"\[sound:[^\]]*\]")
BLOCK_TAGS = frozenset({"div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol"})
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template", "object", "iframe"})
SPACES_RE = re.compile(r"[ \t\r\f\v]+")
BLANK_LINES_RE = re.compile(r"\n{3,}")
ESCAPE_NEEDED_RE = re.compile(r"[&<>\"'\r\n]")


def to_field_html(text: str) -> str:
    """Plain text as an Anki field: shown literally, nothing executes."""
    if ESCAPE_NEEDED_RE.search(text) is None:  # most fields: nothing to do (export calls this per field)
        return text
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


@dataclass
class PlainField:
    """A field reduced to plain text, with what was found along the way."""

    text: str
    images: list[str] = field(default_factory=list)
    sounds: int = 0


class _Reducer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "br" or tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "img":
            source = dict(attrs).get("src") or ""
            if source:
                self.images.append(source)
                before = "\n" if self.parts and not self.parts[-1].endswith("\n") else ""
                self.parts.append(before + IMAGE_MARKER.format(name=source) + "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HIDDEN_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def from_field_html(value: str) -> PlainField:
    """Anki field HTML as safe plain text; cloze syntax is text and survives."""
    sounds = len(SOUND_RE.findall(value))
    if sounds:
        value = SOUND_RE.sub("", value)
    if "<" not in value and "&" not in value:
        return PlainField(value.strip(), [], sounds)
    reducer = _Reducer()
    reducer.feed(value)
    reducer.close()
    lines = (SPACES_RE.sub(" ", line).strip() for line in "".join(reducer.parts).replace("\xa0", " ").split("\n"))
    text = BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
    return PlainField(text, reducer.images, sounds)


def rename_images(text: str, renamed: dict[str, str]) -> str:
    """Point image markers at the names the files were stored under."""
    if not renamed:
        return text
    return IMAGE_MARKER_RE.sub(lambda m: IMAGE_MARKER.format(name=renamed.get(m.group(1), m.group(1))), text)
