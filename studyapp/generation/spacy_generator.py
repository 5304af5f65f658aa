"""The rule-based generator: parse, overgenerate candidates, clean them, rank, keep the best."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import cloze_answer, cloze_question
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation import cloze, patterns, questions
from studyapp.generation.candidates import Candidate
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.hygiene import (
    MAX_ANSWER_WORDS,
    answer_in_question,
    cloze_gives_answer_away,
    has_dangling_pronoun,
    has_inner_wh_word,
    is_yes_no,
    tidy,
    tidy_answer,
    tidy_question,
    warnings_for,
)
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import Sentence, parse_sentences
from studyapp.generation.ranking import Ranked, SentenceStats, budget, fact_key, score, select
from studyapp.generation.spans import content_words

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
        candidates.extend(_clean(c) for c in sentence_candidates(sentence, tracker))
    if cancel is not None:
        cancel.raise_if_cancelled()
    features = stats.features()
    kept = [c for c in candidates if c.question]
    return [
        Ranked(
            c,
            score(c, features[c.sentence.index], stats.topicality(c.answer), stats.mentions(c.answer)),
            fact_key(c),
        )
        for c in kept
    ]


def sentence_candidates(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """Every candidate the sentence allows, high-precision patterns first."""
    tracker.observe(sentence, patterns.acronym_aliases(sentence))
    words = [t for t in sentence.span if not t.is_space and not t.is_punct]
    if not MIN_SENTENCE_TOKENS <= len(words) <= MAX_SENTENCE_TOKENS or sentence.text.endswith("?"):
        return
    found = False
    for candidate in _patterned(sentence, tracker):
        found = found or bool(_clean(candidate).question)
        yield candidate
    if not found:
        yield from questions.common_object_questions(sentence, tracker)


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


def _clean(candidate: Candidate) -> Candidate:
    """Tidy the text and blank out candidates that fail a hygiene rule (blank = dropped)."""
    answer = tidy_answer(candidate.answer)
    if candidate.kind is CardKind.CLOZE:
        question = tidy(candidate.question)
        acceptable = not has_dangling_pronoun(question, leading_only=True) and not cloze_gives_answer_away(
            question, answer
        )
    else:
        question = tidy_question(candidate.question)
        acceptable = not (
            is_yes_no(question)
            or has_inner_wh_word(question)
            or answer_in_question(question, answer)
            or has_dangling_pronoun(question, leading_only=False)
            or len(question.split()) > questions.MAX_QUESTION_WORDS
        )
    acceptable = acceptable and not has_dangling_pronoun(answer, leading_only=False)
    meaningful = bool(content_words(answer)) or (answer.isupper() and len(answer) > 1)
    acceptable = acceptable and meaningful and len(answer.split()) <= MAX_ANSWER_WORDS
    if not acceptable:
        return dataclasses.replace(candidate, question="", answer="")
    return dataclasses.replace(candidate, question=question, answer=answer)


def _draft(item: Ranked) -> CardDraft:
    candidate = item.candidate
    sentence = candidate.sentence
    is_cloze = candidate.kind is CardKind.CLOZE
    question = cloze_question(candidate.cloze) if is_cloze else candidate.question
    answer = cloze_answer(candidate.cloze) if is_cloze else candidate.answer
    return CardDraft(
        kind=candidate.kind,
        question=question,
        answer=answer,
        source=sentence.text,
        start=sentence.start,
        end=sentence.end,
        score=round(item.score, 4),
        cloze=candidate.cloze,
        pattern=candidate.pattern.name,
        fact=item.fact,
        warnings=warnings_for(question, answer, is_cloze=is_cloze),
    )
