"""Markdown and HTML to plain paragraphs, keeping only the article's own words."""

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
