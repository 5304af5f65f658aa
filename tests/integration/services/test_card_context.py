"""A card's context line and rewrite evidence: stored on import, edited, searched, sorted, shown in review."""

from __future__ import annotations

import sqlite3

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, Rewrite
from studyapp.domain.ids import CardId
from studyapp.domain.search import SortColumn
from studyapp.services.app import Services


def _import(services: Services, article: Article, drafts: list[CardDraft]) -> list[CardId]:
    services.imports.add_drafts(article, drafts, "Space")
    return services.browse.search("deck:Space", SortColumn.CREATED)


def test_imported_cards_keep_their_context_and_rewrites(
    services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    ids = _import(services, webb_article, webb_drafts)
    cards = [services.cards.get(card_id) for card_id in ids]
    assert [c.context for c in cards] == [  # stored in article order
        "",
        "Astronomy › Space telescopes",
        "James Webb Space Telescope, as of 2023",
    ]
    by_context = {c.context: c for c in cards}
    orbit = by_context["Astronomy › Space telescopes"]
    assert orbit.rewrites == (
        Rewrite("It", "the James Webb Space Telescope", "The James Webb Space Telescope launched in December 2021."),
    )
    assert by_context[""].rewrites == ()
    with sqlite3.connect(services.context.store.path) as db:
        stored = dict(db.execute("SELECT context, rewrites FROM cards"))
    db.close()
    assert stored[""] == ""  # a card that changed nothing stores no JSON
    assert '"original": "It"' in stored["Astronomy › Space telescopes"]


def test_the_context_line_can_be_edited_and_cleared(
    services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    card_id = _import(services, webb_article, webb_drafts[:1])[0]
    assert services.cards.edit(card_id, context="  Webb, 2024 ").context == "Webb, 2024"
    assert services.cards.get(card_id).context == "Webb, 2024"
    assert services.cards.edit(card_id, context="").context == ""
    assert services.cards.get(card_id).rewrites == webb_drafts[0].rewrites  # editing keeps the evidence


def test_search_finds_words_of_the_context_line_and_rows_carry_it(
    services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    _import(services, webb_article, webb_drafts)
    found = services.browse.search("astronomy")
    assert len(found) == 1
    assert services.browse.rows(found)[found[0]].context == "Astronomy › Space telescopes"


def test_browser_sorts_by_context(services: Services, webb_article: Article, webb_drafts: list[CardDraft]) -> None:
    _import(services, webb_article, webb_drafts)
    ids = services.browse.search("", SortColumn.CONTEXT)
    rows = services.browse.rows(ids)
    assert [rows[i].context for i in ids] == [
        "",
        "Astronomy › Space telescopes",
        "James Webb Space Telescope, as of 2023",
    ]


def test_the_review_shows_the_card_with_its_context(
    services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    _import(services, webb_article, webb_drafts[:1])
    session = services.reviews.start(services.decks.id_of("Space"))
    card = session.next_card()
    assert card is not None
    assert card.card.context == "Astronomy › Space telescopes"
    assert card.card.rewrites == webb_drafts[0].rewrites
