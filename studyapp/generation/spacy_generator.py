"""The rule-based generator: parse, overgenerate candidates, clean them, rank, keep the best."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation import cloze, patterns, questions
from studyapp.generation.candidates import Candidate
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.hygiene import check
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import Sentence, parse_sentences
from studyapp.generation.ranking import Ranked, SentenceStats, budget, fact_key, score, select

log = logging.getLogger(__name__)

MIN_SENTENCE_TOKENS = 5
MAX_SENTENCE_TOKENS = 90


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
    """Every candidate that passes hygiene, scored; ``generate`` selects from these (the benchmark reads them)."""
    nlp = get_nlp()
    tracker = MentionTracker()
    stats = SentenceStats()
    candidates: list[Candidate] = []
    for sentence in parse_sentences(nlp, article.text, progress=progress, cancel=cancel):
        stats.add(sentence)
        candidates.extend(sentence_candidates(sentence, tracker))
    if cancel is not None:
        cancel.raise_if_cancelled()
    features = stats.features()
    return [
        Ranked(
            c,
            score(c, features[c.sentence.index], stats.topicality(c.answer), stats.mentions(c.answer)),
            fact_key(c),
        )
        for c in candidates
    ]


def sentence_candidates(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """Every candidate the sentence allows that passes the hygiene check, high-precision patterns first."""
    for _, checked in proposals(sentence, tracker):
        if checked is not None:
            yield checked


def proposals(sentence: Sentence, tracker: MentionTracker) -> Iterator[tuple[Candidate, Candidate | None]]:
    """Each candidate as a builder made it, with its checked form (None when the check dropped it).

    Questions on common-noun objects are asked only of a sentence whose other candidates were all dropped.
    """
    tracker.observe(sentence, patterns.acronym_aliases(sentence))
    words = [t for t in sentence.span if not t.is_space and not t.is_punct]
    if not MIN_SENTENCE_TOKENS <= len(words) <= MAX_SENTENCE_TOKENS or sentence.text.endswith("?"):
        return
    found = False
    for candidate in _patterned(sentence, tracker):
        checked = check(candidate)
        found = found or checked is not None
        yield candidate, checked
    if not found:
        for candidate in questions.common_object_questions(sentence, tracker):
            yield candidate, check(candidate)


def _patterned(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    yield from patterns.acronyms(sentence)
    yield from patterns.appositives(sentence, tracker)
    yield from patterns.known_as(sentence, tracker)
    yield from patterns.definitions(sentence, tracker)
    yield from patterns.bare_definitions(sentence, tracker)
    yield from patterns.defined_terms(sentence, tracker)
    yield from patterns.described_as(sentence, tracker)
    yield from patterns.quoted_terms(sentence, tracker)
    yield from patterns.scores(sentence, tracker)
    yield from patterns.appositive_terms(sentence, tracker)
    yield from patterns.regards_as(sentence, tracker)
    yield from patterns.relative_objects(sentence, tracker)
    yield from questions.wh_questions(sentence, tracker)
    yield from cloze.cloze_candidates(sentence, tracker)


def _draft(item: Ranked) -> CardDraft:
    candidate = item.candidate
    sentence = candidate.sentence
    return CardDraft(
        kind=candidate.kind,
        question=candidate.question,
        answer=candidate.answer,
        source=sentence.text,
        start=sentence.start,
        end=sentence.end,
        score=round(item.score, 4),
        cloze=candidate.cloze,
        pattern=candidate.pattern.name,
        fact=item.fact,
        warnings=candidate.warnings,
    )
