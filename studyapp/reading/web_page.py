"""A web page to plain paragraphs: its title and main content, without navigation, scripts or footers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "form",
        "svg",
        "template",
        "button",
        "iframe",
        "select",
        "figure",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "figcaption",
        "hr",
    }
)
_MAIN_TAGS = frozenset({"article", "main"})
_VOID_TAGS = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
)


class _ArticleHTMLParser(HTMLParser):
    """Collects visible body text, remembering which of it sits inside <article>/<main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.heading = ""
        self._stack: list[str] = []
        self._skip_depth = 0
        self._main_depth = 0
        self._in_title = False
        self._in_h1 = False
        self.all_text: list[str] = []
        self.main_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self._break()
            return
        self._stack.append(tag)
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _MAIN_TAGS:
            self._main_depth += 1
        self._in_title = self._in_title or tag == "title"
        self._in_h1 = self._in_h1 or tag == "h1"
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in _SKIPPED_TAGS:
                self._skip_depth -= 1
            elif open_tag in _MAIN_TAGS:
                self._main_depth -= 1
            if open_tag == "title":
                self._in_title = False
            if open_tag == "h1":
                self._in_h1 = False
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip_depth:
            return
        if self._in_h1 and not self.heading:
            self.heading = data.strip()
            return
        self.all_text.append(data)
        if self._main_depth:
            self.main_text.append(data)

    def _break(self) -> None:
        self.all_text.append("\n\n")
        if self._main_depth:
            self.main_text.append("\n\n")


def html_to_text(html: str) -> tuple[str, str]:
    """Return (title, body text) of a web page: <title>/<h1>, and the main content only."""
    parser = _ArticleHTMLParser()
    parser.feed(html)
    parser.close()
    main = "".join(parser.main_text)
    body = main if main.strip() else "".join(parser.all_text)
    body = re.sub(r"[ \t]*\n[ \t]*(?!\n)", " ", body.replace("\n\n", "\x00")).replace("\x00", "\n\n")
    title = parser.heading or re.split(r"\s+[|–—-]\s+", parser.title.strip())[0]
    return " ".join(title.split()), body
