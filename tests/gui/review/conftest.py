"""A small deck to study: cards from an article (with source sentences) and one written by hand."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.ids import CardId, DeckId
from studyapp.services.app import Services
from studyapp.ui.review.review_view import ReviewView

ARTICLE = Article(
    title="Taiwan buys missiles",
    text=(
        "Taiwan is buying new weapons. Taiwan wants the AGM-158 JASSM missile from Lockheed Martin. "
        "The deal was approved in 2020. Officials declined to comment."
    ),
)


def _draft(question: str, answer: str, sentence: str) -> CardDraft:
    start = ARTICLE.text.index(sentence)
    return CardDraft(CardKind.BASIC, question, answer, sentence, start, start + len(sentence))


@pytest.fixture
def study_deck(services: Services) -> tuple[DeckId, list[CardId]]:
    """Three new cards in 'Study': two from the article, then one whose text looks like HTML."""
    services.imports.add_drafts(
        ARTICLE,
        [
            _draft(
                "Which missile does Taiwan want?",
                "The AGM-158 JASSM",
                "Taiwan wants the AGM-158 JASSM missile from Lockheed Martin.",
            ),
            _draft("When was the deal approved?", "In 2020", "The deal was approved in 2020."),
        ],
        "Study",
    )
    services.cards.add("Study", CardKind.BASIC, "<b>x</b> & <i>y</i>", "<script>alert(1)</script>")
    deck_id = services.decks.id_of("Study")
    return deck_id, services.browse.search("deck:Study", descending=False)


def show_active(qtbot: QtBot, view: ReviewView, size: tuple[int, int] = (900, 640)) -> ReviewView:
    """Shown in the active window, as in the app: the review's keys are shortcuts of the focused window."""
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


@pytest.fixture
def review_view(qtbot: QtBot, services: Services, study_deck: tuple[DeckId, list[CardId]]) -> ReviewView:
    view = show_active(qtbot, ReviewView(services))
    view.start(study_deck[0])
    return view
