"""The rule-based generator, read as its stages: parse → candidates → verify → rank → select.

``parsing`` splits the article into parsed sentences, ``candidates`` runs the
pattern, question and cloze builders over each and checks every candidate
once, ``ranking`` scores what is left and ``selection`` keeps the best card
per fact within the budget.  The verify stage (faithful to the source,
self-contained, grammatical) sits between candidates and ranking.
"""

from __future__ import annotations

import logging

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import cloze_answer
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation.candidate import Candidate
from studyapp.generation.candidates import sentence_candidates
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import parse_sentences
from studyapp.generation.ranking import Ranked, SentenceStats, rank
from studyapp.generation.selection import budget, select

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
        ranked = rank_candidates(article, progress=progress, cancel=cancel)
        chosen = select(ranked, budget(article.word_count, max_cards))
        log.debug("%d ranked candidates, %d chosen", len(ranked), len(chosen))
        return [_draft(item) for item in chosen]


def rank_candidates(
    article: Article, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Ranked]:
    """Every candidate that passes its checks, scored; ``generate`` selects from these (the benchmark reads them)."""
    tracker = MentionTracker()
    stats = SentenceStats()
    candidates: list[Candidate] = []
    for sentence in parse_sentences(get_nlp(), article.text, progress=progress, cancel=cancel):
        stats.add(sentence)
        candidates.extend(sentence_candidates(sentence, tracker))
    if cancel is not None:
        cancel.raise_if_cancelled()
    # The verify stage takes ``candidates`` here and passes on only those faithful to their source.
    return rank(candidates, stats)


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
    )
