"""The rule-based generator, read as its stages: parse → candidates → verify → rank → select.

``parsing`` splits the article into parsed sentences, ``candidates`` runs the
pattern, question and cloze builders over each and checks every candidate
once, ``ranking`` scores what is left and ``selection`` keeps the best card
per fact within the budget.  The ``verify`` stage (faithful to the source,
self-contained, grammatical) checks each card selection is about to take,
best first, and gives it the context line it needs; a card it refuses is
replaced by the fact's next card or the next fact.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import cloze_answer
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation.candidate import Candidate
from studyapp.generation.candidates import sentence_candidates
from studyapp.generation.context import has_title
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import parse_sentences
from studyapp.generation.ranking import Ranked, SentenceStats, rank
from studyapp.generation.selection import budget, select
from studyapp.generation.structure import prose_text, structure_drafts
from studyapp.generation.verify import PREFETCH, VerifiedDrafts, Verifier

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
        nlp = get_nlp()
        limit = budget(article.word_count, max_cards)
        verifier = Verifier(nlp, article)
        structured = VerifiedDrafts(verifier, article, lambda draft: draft)
        shaped = structure_drafts(article, nlp)
        structured.prefetch(shaped)
        kept = [structured.finished(d) for d in shaped if structured.accept(d)]
        first = kept[: math.ceil(limit * STRUCTURE_SHARE)]
        ranked = rank_candidates(article, progress=progress, cancel=cancel)
        for item in ranked:
            verifier.know(item.candidate.sentence.text, item.candidate.sentence.span)
        verified = VerifiedDrafts(verifier, article, _draft)
        verified.prefetch(sorted(ranked, key=lambda item: -item.score)[: math.ceil((limit - len(first)) * PREFETCH)])
        chosen = select(ranked, limit - len(first), accept=verified.accept)
        log.debug("%d structured cards, %d ranked candidates, %d chosen", len(kept), len(ranked), len(chosen))
        drafts = [*first, *(verified.finished(item) for item in chosen)]
        return drafts + kept[len(first) : len(first) + limit - len(drafts)]


STRUCTURE_SHARE = 0.6
"""At most this share of the budget goes first to definitions and table cells; prose fills the rest, and
structured cards again whatever prose leaves."""


def rank_candidates(
    article: Article, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Ranked]:
    """Every candidate that passes its checks, scored; ``generate`` selects from these (the benchmark reads them)."""
    tracker = MentionTracker(article.title if has_title(article) else "")
    stats = SentenceStats()
    candidates: list[Candidate] = []
    nlp = get_nlp()
    text = prose_text(article, nlp)
    structured = bool(article.blocks)
    for sentence in parse_sentences(nlp, text, progress=progress, cancel=cancel, lines_end_sentences=structured):
        stats.add(sentence)
        candidates.extend(_with_evidence(c, tracker) for c in sentence_candidates(sentence, tracker))
    if cancel is not None:
        cancel.raise_if_cancelled()
    return rank(candidates, stats)


def _with_evidence(candidate: Candidate, tracker: MentionTracker) -> Candidate:
    if not candidate.rewrites:
        return candidate
    return replace(candidate, rewrites=tuple(tracker.with_evidence(r) for r in candidate.rewrites))


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
