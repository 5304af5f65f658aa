"""The rule-based generator, read as its stages: parse → candidates → verify → rank → select.

``parsing`` splits the article into parsed sentences, ``candidates`` runs the
pattern, question and cloze builders over each and checks every candidate
once, ``ranking`` scores what is left and ``selection`` keeps the best card
per fact within the budget.  The ``verify`` stage (faithful to the source,
self-contained, grammatical) checks each card selection is about to take,
best first, and gives it the context line it needs; a card it refuses is
replaced by the fact's next card or the next fact.  ``sections`` runs these
stages over a book one chapter-sized section at a time, so memory stays
bounded; an article over ``MAX_ARTICLE_MB`` is refused before any of them.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import cloze_answer
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation.nlp import get_nlp
from studyapp.generation.ranking import Ranked
from studyapp.generation.sections import ranked_sections
from studyapp.generation.selection import budget, select
from studyapp.generation.structure import structure_drafts
from studyapp.generation.verify import PREFETCH, VerifiedDrafts, Verifier

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


class SpacyCardGenerator:
    """Cards from spaCy parses and hand-written patterns; no network, no GPU, deterministic."""

    name = "rules"

    def generate(
        self,
        article: Article,
        *,
        max_cards: int | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[CardDraft]:
        if not article.text.strip():
            raise UserInputError("The article has no text to make cards from.")
        refuse_too_long(article)
        nlp = get_nlp()
        limit = budget(article.word_count, max_cards)
        verifier = Verifier(nlp, article)
        structured = VerifiedDrafts(verifier, article, lambda draft: draft)
        shaped = structure_drafts(article, nlp)
        structured.prefetch(shaped)
        kept = [structured.finished(d) for d in shaped if structured.accept(d)]
        first = kept[: math.ceil(limit * STRUCTURE_SHARE)]
        prose_limit = limit - len(first)
        prose: list[CardDraft] = []
        cancel = cancel or CancelToken()
        for section in ranked_sections(article, nlp, progress=progress, cancel=cancel):
            wanted = max(0, round(prose_limit * section.read_share) - len(prose))
            prose.extend(_section_cards(nlp, article, section.ranked, wanted, cancel))
        log.debug("%d structured cards, %d prose cards", len(kept), len(prose))
        drafts = [*first, *prose]
        return drafts + kept[len(first) : len(first) + limit - len(drafts)]


STRUCTURE_SHARE = 0.6
"""At most this share of the budget goes first to definitions and table cells; prose fills the rest, and
structured cards again whatever prose leaves."""

MAX_ARTICLE_MB = 2.0
"""Articles with more text are refused before any parsing.  Real prose costs about 160 CPU seconds a MB
(``benchmarks/long_articles.py``, two busy cores), so the cap is about five minutes of work; a longer book
is better imported chapter by chapter anyway, one deck each."""


def refuse_too_long(article: Article) -> None:
    """Say at once that an article is too long, rather than after minutes of parsing (its size rounded up, so
    it never reads as the cap itself)."""
    megabytes = len(article.text.encode("utf-8")) / (1024 * 1024)
    if megabytes > MAX_ARTICLE_MB:
        shown = math.ceil(megabytes * 10) / 10
        raise UserInputError(
            f"The article has {shown:.1f} MB of text; cards can be made from at most {MAX_ARTICLE_MB:g} MB "
            "at a time. Split it into parts (chapters, for example) and import each."
        )


def _section_cards(
    nlp: Language, article: Article, ranked: list[Ranked], wanted: int, cancel: CancelToken
) -> list[CardDraft]:
    """The best ``wanted`` verified cards of one section; its parses are reused by the verifier, which goes
    with the section, so nothing of a section's parses outlives it.  Cancel is checked between batches and
    before each card, so a book's thousands of checks stop at once too."""
    verifier = Verifier(nlp, article)
    for item in ranked:
        verifier.know(item.candidate.sentence.text, item.candidate.sentence.span)
    verified = VerifiedDrafts(verifier, article, _draft)
    best = sorted(ranked, key=lambda item: -item.score)[: math.ceil(wanted * PREFETCH)]
    for at in range(0, len(best), PREFETCH_BATCH):
        cancel.raise_if_cancelled()
        verified.prefetch(best[at : at + PREFETCH_BATCH])

    def accept(item: Ranked) -> bool:
        cancel.raise_if_cancelled()
        return verified.accept(item)

    return [verified.finished(item) for item in select(ranked, wanted, accept=accept)]


PREFETCH_BATCH = 256
"""Candidates verified in one batch (an ordinary article's prefetch is a single batch)."""


def rank_candidates(
    article: Article, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Ranked]:
    """Every candidate that passes its checks, scored within its section (the tests and benchmarks read these)."""
    sections = ranked_sections(article, get_nlp(), progress=progress, cancel=cancel)
    return [item for section in sections for item in section.ranked]


def _draft(item: Ranked) -> CardDraft:
    candidate = item.candidate
    sentence = candidate.sentence
    # A cloze card's answer is its deletion as the card shows it; hygiene compared and ranked it tidied.
    is_cloze = candidate.kind is CardKind.CLOZE
    return CardDraft(
        kind=candidate.kind,
        question=candidate.question,
        answer=cloze_answer(candidate.cloze) if is_cloze else candidate.answer,
        source=sentence.text,
        start=sentence.start,
        end=sentence.end,
        score=round(item.score, 4),
        cloze=candidate.cloze,
        pattern=candidate.pattern.name,
        fact=item.fact,
        warnings=candidate.warnings,
        rewrites=candidate.rewrites,
    )
