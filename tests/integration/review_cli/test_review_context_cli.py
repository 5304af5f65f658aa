"""``studyapp review`` at a terminal prints a card's context line above its question."""

from __future__ import annotations

import io

from studyapp.cli.commands.review import Terminal
from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.services.app import Services


def test_the_terminal_review_prints_the_context_above_the_question(
    services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    services.imports.add_drafts(webb_article, webb_drafts[:1], "Space")
    session = services.reviews.start(services.decks.id_of("Space"))
    out = io.StringIO()
    assert Terminal(session, services.reviews, io.StringIO("\nq\n"), out).run() == 0
    lines = out.getvalue().splitlines()
    question = lines.index("Q: How far from Earth does the James Webb Space Telescope orbit the Sun?")
    assert lines[question - 1] == "Context: Astronomy › Space telescopes"
