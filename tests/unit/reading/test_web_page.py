"""Saved web pages: the article's own content with its structure, none of the page's clutter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from studyapp.domain.article import Article, BlockKind
from tests.unit.reading.conftest import block_text, texts

Read = Callable[[str, str], Article]

STORY = """
<h1>Harbour bridge reopens after two years of repairs</h1>
<p>The harbour bridge reopened to traffic on Tuesday after two years of repairs that cost the city forty million
pounds. Engineers replaced every one of its steel cables and resurfaced the whole of the deck.</p>
<h2>Traffic returns</h2>
<p>About sixty thousand vehicles are expected to cross the bridge each day, the city council said. Buses will
return to the bridge from next Monday, when the temporary ferry service ends for good.</p>
<ul><li>The toll stays at two pounds for cars.</li><li>Cyclists cross free of charge on the new lane.</li></ul>
<table><tr><th>Year</th><th>Vehicles per day</th></tr><tr><td>2019</td><td>55,000</td></tr>
<tr><td>2024</td><td>60,000</td></tr></table>
<p>The mayor called the reopening a turning point for the eastern districts, which lost much of their trade
while the bridge was closed to all traffic.</p>
"""
CLUTTER = {
    "cookie banner": '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>',
    "navigation": '<div id="nav"><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></div>',
    "byline": '<div class="byline">By Jane Smith, Transport correspondent</div>',
    "share bar": '<div class="share-bar">Share on Facebook Share on Twitter Email this story</div>',
    "advert": '<div class="advert">Advertisement: Buy the new phone today at half price</div>',
    "related stories": '<div class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Ferry service'
    ' to end next week</a></li><li><a href="/b">Council budget approved after long debate</a></li></ul></div>',
    "comments": '<div id="comments"><h3>Comments</h3><div class="comment"><p>This took far too long and cost far'
    " too much money, in my opinion as a taxpayer.</p></div></div>",
    "footer": "<footer>Copyright 2024 City News. All rights reserved. Contact us.</footer>",
}
CLUTTER_WORDS = (
    "cookies",
    "Weather",
    "Jane Smith",
    "Facebook",
    "half price",
    "Related",
    "Ferry service",
    "Comments",
    "taxpayer",
    "Copyright",
)


def page(wrapper: str) -> str:
    """The story among clutter, its content inside ``wrapper`` ("article", "main" or "div")."""
    opening = f'<{wrapper} class="content">'
    return (
        "<html><head><title>Harbour bridge reopens | City News</title>"
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        "<style>p { color: red }</style><script>var tracking = 'script body';</script></head><body>"
        f"{CLUTTER['cookie banner']}{CLUTTER['navigation']}{opening}{CLUTTER['byline']}{CLUTTER['share bar']}"
        f"{STORY}{CLUTTER['advert']}</{wrapper}>{CLUTTER['related stories']}{CLUTTER['comments']}"
        f"{CLUTTER['footer']}</body></html>"
    )


@pytest.mark.parametrize("wrapper", ["article", "main", "div"])
def test_only_the_article_is_read_with_or_without_article_or_main(read: Read, wrapper: str) -> None:
    article = read("story.html", page(wrapper))
    assert article.title == "Harbour bridge reopens after two years of repairs"
    for word in (*CLUTTER_WORDS, "tracking", "color"):
        assert word not in article.text
    assert "turning point for the eastern districts" in article.text


def test_headings_lists_and_tables_keep_their_structure(read: Read) -> None:
    article = read("story.html", page("article"))
    assert texts(article, BlockKind.HEADING) == ["Traffic returns"]
    assert texts(article, BlockKind.LIST_ITEM) == [
        "The toll stays at two pounds for cars.",
        "Cyclists cross free of charge on the new lane.",
    ]
    rows = [b for b in article.blocks if b.kind is BlockKind.TABLE_ROW]
    assert [(b.term, b.cells) for b in rows] == [
        ("2019", (("Vehicles per day", "55,000"),)),
        ("2024", (("Vehicles per day", "60,000"),)),
    ]
    assert block_text(article, rows[0]) == "Year: 2019 — Vehicles per day: 55,000"
    assert all(b.headings == ("Traffic returns",) for b in article.blocks[2:])


def test_the_published_date_comes_from_the_page_metadata(read: Read) -> None:
    assert read("story.html", page("main")).published == date(2024, 3, 5)


def test_a_page_with_no_article_text_is_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    from studyapp.domain.errors import UserInputError
    from studyapp.reading import read_article

    path = tmp_path_factory.mktemp("page") / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(UserInputError, match="to make cards from"):
        read_article(path)


def test_definition_lists_and_term_items_are_definitions(read: Read) -> None:
    article = read(
        "cells.html",
        "<html><body><article><h1>Cells</h1><p>Cells move water and other substances across their membranes in "
        "several ways.</p><dl><dt>Osmosis</dt><dd>The movement of water across a membrane.</dd></dl>"
        "<ul><li><b>Active transport</b> – movement that needs energy from the cell.</li></ul>"
        "<pre><code>print('code is not text')</code></pre></article></body></html>",
    )
    definitions = [(b.term, b.body) for b in article.blocks if b.kind is BlockKind.DEFINITION]
    assert definitions == [
        ("Osmosis", "The movement of water across a membrane."),
        ("Active transport", "movement that needs energy from the cell."),
    ]
    assert texts(article, BlockKind.DEFINITION)[0] == "Osmosis: The movement of water across a membrane."
    assert "code is not text" not in article.text


def test_a_heading_that_repeats_the_page_title_is_the_title_not_a_block(read: Read) -> None:
    article = read(
        "plans.html",
        "<html><head><title>Library plans agreed - Town News</title></head><body><article><h2>Library plans agreed"
        "</h2><p>The committee met in the old town hall on Tuesday and agreed that the new library would open in "
        "the spring.</p></article></body></html>",
    )
    assert article.title == "Library plans agreed"
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH]
