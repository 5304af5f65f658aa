"""The context line: what a card is about when its own words do not say, so it stands alone months later.

A card from an article about tardigrades that says "Most adults are [...] long" is shown under
"Tardigrades"; a card from a section of notes under the note's title and its heading path; a fact that
changes (who holds an office, a record) under the article's date ("as of April 2021").
"""

from __future__ import annotations

import re

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.generation.lexicon import FUNCTION_WORDS

SEPARATOR = " › "


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.lower()) if w not in FUNCTION_WORDS}


def has_title(article: Article) -> bool:
    """Whether the article has a title of its own, not one made from its first words (which names nothing).
    An encyclopedia entry's first sentence often begins with its title ("Mount Kilimanjaro is …"): only
    the reader knows which it was."""
    return bool(article.title.strip()) and not article.title_made_up


def names_answer(article: Article, draft: CardDraft) -> bool:
    """Whether the article's title holds the card's answer (so the title cannot be its context)."""
    return bool(_content(article.title) & _content(draft.answer))


def context_line(draft: CardDraft, article: Article, headings: tuple[str, ...], *, changing: bool) -> str:
    """The title and heading path the card needs, and the date when its fact changes; empty when the card
    already names its topic and needs no date.  A title or heading that holds the answer is left out, and
    without its title a heading alone ("What it was") names nothing."""
    line = ""
    if has_title(article) and not names_answer(article, draft):
        title = article.title.strip().rstrip(".")
        answer = _content(draft.answer)
        path = [h for h in dict.fromkeys(headings) if h != title and not _content(h) & answer]
        if path or not _content(title) <= _content(draft.question):  # else the card already names its topic
            line = SEPARATOR.join([title, *path])
    if changing and article.published is not None:
        line = f"{line} (as of {article.published:%B %Y})" if line else f"As of {article.published:%B %Y}"
    return line
