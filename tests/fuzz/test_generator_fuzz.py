"""The card generator on arbitrary Unicode: never crashes, and every draft keeps its invariants.

Among them: no question gives its answer away, not even when a sentence is
glued to the previous one without a space ("...Sydney.0NOn 3 March...").
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from studyapp.domain.article import Article
from studyapp.domain.cards import CardKind
from studyapp.domain.errors import UserInputError
from studyapp.generation import default_generator
from studyapp.generation.base import CardGenerator

SENTENCES = [
    "The Danube flows through ten countries.",
    "In 1921, Marie Curie visited the United States.",
    "Mount Everest is 8,849 metres high.",
    "The company, founded by Ada Lovelace, employs 300 people in Paris.",
    "Photosynthesis converts light into chemical energy.",
    "On 3 March 2021 the bridge was opened by the mayor of Sydney.",
    "He said it was the largest port in Africa.",
]
FRAGMENTS = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs", "Po", "Mn", "So", "Cc"]), max_size=40),
    st.sampled_from(["\n\n", " ", "\u200b", "\u0301", "🦀", "\ufeff", "ﬁ", "İ", "\r\n", "—", "»"]),
)
TEXTS = st.lists(FRAGMENTS, max_size=25).map("".join)


@pytest.fixture(scope="module")
def generator() -> CardGenerator:
    return default_generator()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=30), text=TEXTS, max_cards=st.integers(1, 12))
def test_generator_never_crashes_and_keeps_its_invariants(
    generator: CardGenerator, title: str, text: str, max_cards: int
) -> None:
    article = Article(title, text)
    try:
        drafts = generator.generate(article, max_cards=max_cards)
    except UserInputError as error:
        assert error.message.strip()
        event("refused as unusable text")
        return
    event("produced drafts" if drafts else "produced no drafts")
    assert len(drafts) <= max_cards
    for draft in drafts:
        assert 0 <= draft.start <= draft.end <= len(text)
        assert text[draft.start : draft.end] == draft.source, "the span points at the source sentence"
        assert draft.answer.strip(), "an answer is never empty"
        assert draft.answer.lower() not in draft.question.lower(), "the question never gives its answer away"
        if draft.kind is CardKind.CLOZE:
            assert "{{c1::" in draft.cloze


def test_glued_sentences_never_give_the_answer_away(generator: CardGenerator) -> None:
    sentence = "On 3 March 2021 the bridge was opened by the mayor of Sydney."
    text = f"N{sentence}0N{sentence}"
    drafts = generator.generate(Article("", text), max_cards=1)
    assert all(d.answer.lower() not in d.question.lower() for d in drafts), [(d.question, d.answer) for d in drafts]


@pytest.mark.parametrize("control", ["\x01", "\x02", "\ue000"])
def test_control_characters_in_the_text_never_break_a_cloze(generator: CardGenerator, control: str) -> None:
    text = f"0⣪{control}0⣪A. {control}The Danube flows through ten countries."
    for draft in generator.generate(Article("", text), max_cards=3):
        assert draft.answer.strip()
        assert draft.answer.lower() not in draft.question.lower()
        if draft.kind is CardKind.CLOZE:
            assert draft.cloze.count("{{c1::") == 1
