"""The benchmark's independent defect checker flags the defects a reviewer would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.generation.nlp import get_nlp

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from benchmarks.card_quality.defects import DefectChecker


@pytest.fixture(scope="module")
def checker() -> DefectChecker:
    return DefectChecker(get_nlp())


def _basic(question: str, answer: str, source: str = "") -> CardDraft:
    return CardDraft(CardKind.BASIC, question, answer, source or f"{question} {answer}", 0, 1)


@pytest.mark.parametrize(
    ("question", "answer", "defect"),
    [
        ("Where has Taiwan also looked to?", "the United States", "stranded"),
        ("Is the bridge long?", "yes", "yes/no question"),
        ("What did the company sell in 2010?", "cars", "vague reference"),
        ("Who spans 1,850 metres across the estuary?", "The Kestrel Bridge", "Who for a thing"),
        ("When did he visit Rome?", "in spring", "dangling pronoun"),
        ("How many lines did Each page have?", "42", "capitalised"),
        ("What is the capital of France", "Paris", "no question mark"),
    ],
)
def test_defects_are_named(checker: DefectChecker, question: str, answer: str, defect: str) -> None:
    assert any(found.startswith(defect) for found in checker.defects(_basic(question, answer)))


def test_a_good_card_has_no_defect(checker: DefectChecker) -> None:
    card = _basic(
        "Who is Taiwan's President?", "Tsai Ing-wen", "But Taiwan's President Tsai Ing-wen has stressed the deterrent."
    )
    assert checker.defects(card) == []


def test_a_relative_that_is_not_a_demonstrative(checker: DefectChecker) -> None:
    card = _basic("What is a tax that raises prices called?", "tariff", "A tariff is a tax that raises prices.")
    assert checker.defects(card) == []


def test_same_answer_from_the_same_sentence_is_a_duplicate(checker: DefectChecker) -> None:
    source = "Sony released the first lithium-ion battery in 1991."
    first = CardDraft(CardKind.CLOZE, "Sony released the first lithium-ion battery in [...].", "1991", source, 0, 1)
    second = _basic("When did Sony release the first lithium-ion battery?", "1991", source)
    assert "duplicate" in checker.defects(second, [first])


def test_a_bare_noun_the_article_named_before_is_a_vague_reference(checker: DefectChecker) -> None:
    article = (
        "The AGM-158 JASSM - which stands for Joint Air-to-Surface Standoff Missile - has a long range. "
        "Lockheed Martin says the missile is designed to destroy fixed targets."
    )
    source = "Lockheed Martin says the missile is designed to destroy fixed targets."
    start = article.index(source)
    card = CardDraft(
        CardKind.CLOZE,
        "[...] says the missile is designed to destroy fixed targets.",
        "Lockheed Martin",
        source,
        start,
        start + len(source),
    )
    assert "vague reference 'the missile' (named earlier)" in checker.defects(card, article=article)
    assert not any(d.startswith("vague") for d in checker.defects(card, article=source))
