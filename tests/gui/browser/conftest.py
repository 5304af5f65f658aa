"""Collections for the browser: a few varied cards, and many generated ones for lazy loading."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.browser.browser_view import BrowserView

ARTICLE = Article(
    title="Taiwan buys missiles",
    text="Taiwan is buying new weapons. Taiwan wants the AGM-158 JASSM missile. The deal was approved in 2020.",
)


AddMany = Callable[[int], None]


@pytest.fixture
def add_many(services: Services) -> AddMany:
    return lambda count: _add_many(services, count)


def _add_many(services: Services, count: int, deck: str = "Bulk") -> None:
    """``count`` cards in one transaction (one article, one draft per card)."""
    article = Article(title=f"Bulk {count}", text="A sentence about facts. " * 4)
    drafts = [
        CardDraft(CardKind.BASIC, f"Question {i:05d}?", f"Answer {i}", "A sentence about facts.", 0, 23)
        for i in range(count)
    ]
    services.imports.add_drafts(article, drafts, deck)


@pytest.fixture
def small_collection(services: Services) -> dict[str, CardId]:
    """Named cards: one from an article in "World History", three written by hand in "Lang" and below."""
    start = ARTICLE.text.index("Taiwan wants")
    services.imports.add_drafts(
        ARTICLE,
        [
            CardDraft(
                CardKind.BASIC,
                "Which missile does Taiwan want?",
                "The AGM-158 JASSM",
                "Taiwan wants the AGM-158 JASSM missile.",
                start,
                start + 39,
            ),
        ],
        "World History",
    )
    ids = {"missile": services.browse.search("")[0]}
    ids["hola"] = services.cards.add("Lang::Spanish", CardKind.BASIC, "Hola?", "Hello", ("greeting",))
    ids["cloze"] = services.cards.add("Lang", CardKind.CLOZE, "Taipei is the capital of {{c1::Taiwan}}.", "", ())
    ids["html"] = services.cards.add("Lang", CardKind.BASIC, "<b>bold?</b>", "<i>x</i>", ("markup",))
    return ids


@pytest.fixture
def browser(qtbot: QtBot, services: Services, small_collection: dict[str, CardId]) -> BrowserView:
    view = BrowserView(services)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view
