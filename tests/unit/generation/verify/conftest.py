"""Fixtures for the verify stage's tests: one parser per session (loading the model takes seconds), and drafts
built the way the generators build them, with the verifier's verdict on one of them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind, Rewrite
from studyapp.domain.cloze import cloze_question, make_cloze
from studyapp.generation.nlp import get_nlp
from studyapp.generation.verify import Verdict, Verifier

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    return get_nlp()


def article(text: str, title: str = "", published: date | None = None) -> Article:
    return Article(title=title, text=text, published=published)


def cloze_draft(
    source: str, card: str, answer: str, *, text: str = "", rewrites: tuple[Rewrite, ...] = ()
) -> CardDraft:
    """A cloze whose sentence is ``card`` (the source, or a shortening of it) with ``answer`` deleted."""
    at = card.index(answer)
    cloze = make_cloze(card, at, at + len(answer))
    start = (text or source).index(source)
    return CardDraft(
        kind=CardKind.CLOZE,
        question=cloze_question(cloze),
        answer=answer,
        cloze=cloze,
        source=source,
        start=start,
        end=start + len(source),
        rewrites=rewrites,
    )


def basic_draft(
    source: str, question: str, answer: str, *, text: str = "", rewrites: tuple[Rewrite, ...] = ()
) -> CardDraft:
    start = (text or source).index(source)
    return CardDraft(
        kind=CardKind.BASIC,
        question=question,
        answer=answer,
        source=source,
        start=start,
        end=start + len(source),
        rewrites=rewrites,
    )


def verdict(nlp: Language, draft: CardDraft, source_article: Article | None = None) -> Verdict:
    """The verifier's verdict on one draft of an article (by default, the source sentence alone, untitled)."""
    return Verifier(nlp, source_article or article(draft.source)).check([draft])[0]
