"""Defects a blind rater found in rounds 2 and 3 that earlier rules let through, each with a kept look-alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.domain.article import Article, Block, BlockKind
from studyapp.generation.structure import structure_drafts
from studyapp.generation.verify import Problem, Verifier
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

GAME = "Naismith nailed two peach baskets to the balcony, which happened to be 10 feet (3.05 metres) above the floor."
BALCONY = article(GAME, title="How basketball began")


def test_a_blank_beside_its_own_conversion_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(GAME, GAME, "10 feet")
    assert Problem.TRIVIAL in verdict(nlp, draft, BALCONY).problems


def test_a_question_with_a_capital_in_mid_sentence_is_dropped(nlp: Language) -> None:
    source = "A run straight up means the food lies towards the sun."
    draft = basic_draft(source, "What does a run Straight up mean?", "the food lies towards the sun")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(source, title="Bees")).problems


def test_a_what_question_straight_into_a_participle_is_dropped(nlp: Language) -> None:
    source = "Norway has been a pioneer of electric shipping."
    draft = basic_draft(source, "What been Norway?", "a pioneer of electric shipping")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(source, title="Electric ferries")).problems


def test_an_amount_asked_with_what_and_a_trailing_by_is_dropped(nlp: Language) -> None:
    source = "Tidal friction is pushing the Moon away from the Earth by about 3.8 centimetres a year."
    draft = basic_draft(
        source, "What is tidal friction pushing the Moon away from the Earth by?", "about 3.8 centimetres a year"
    )
    assert Problem.WRONG_QUESTION_WORD in verdict(nlp, draft, article(source, title="Tides")).problems


def test_a_participle_clause_with_no_one_who_did_it_is_dropped(nlp: Language) -> None:
    source = "Merge sort was invented by John von Neumann in 1945."
    draft = cloze_draft(source, "Invented by John von Neumann in 1945.", "John von Neumann")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(source, title="Sorting")).problems


def test_the_same_sentence_with_its_subject_is_kept(nlp: Language) -> None:
    source = "Merge sort was invented by John von Neumann in 1945."
    draft = cloze_draft(source, source, "John von Neumann")
    assert verdict(nlp, draft, article(source, title="Sorting")).problems == ()


def _table(first_header: str) -> Article:
    text = f"{first_header}: Neon — Symbol: Ne; Atomic number: 10"
    row = Block(
        BlockKind.TABLE_ROW,
        0,
        len(text),
        ("Noble gases",),
        term="Neon",
        cells=(("Symbol", "Ne"), ("Atomic number", "10")),
    )
    return Article(title="Noble gases", text=text, blocks=(row,))


def test_a_table_row_is_asked_by_its_column_headers(nlp: Language) -> None:
    questions = [d.question for d in structure_drafts(_table("Element"), nlp)]
    assert questions == ["What is the symbol of neon?", "What is the atomic number of neon?"]


def test_a_comparison_table_keyed_by_a_feature_column_gives_no_cards(nlp: Language) -> None:
    assert structure_drafts(_table("Feature"), nlp) == []


def test_the_it_of_a_cleft_sentence_is_never_resolved() -> None:
    from studyapp.generation import default_generator
    from studyapp.reading import read_article_text

    text = (
        "Thomas Young worked out several sound values from the name of Ptolemy. "
        "But it was the French scholar Jean-François Champollion who saw the whole system."
    )
    questions = [card.question for card in default_generator().generate(read_article_text(text))]
    assert not any(q.startswith("Ptolemy was") for q in questions)


def test_an_unnamed_subject_with_only_a_nationality_is_dropped(nlp: Language) -> None:
    source = "A European space probe visited a comet in 2014."
    draft = cloze_draft(source, source, "2014")
    assert Problem.MISSING_CONTEXT in verdict(nlp, draft, article(source, title="Rosetta")).problems


def test_a_table_rows_card_is_not_held_to_one_clause_of_a_sentence(nlp: Language) -> None:
    table = _table("Element")
    drafts = structure_drafts(table, nlp)
    verdicts = Verifier(nlp, table).check(drafts)
    atomic = next(
        v for d, v in zip(drafts, verdicts, strict=True) if d.question == "What is the atomic number of neon?"
    )
    assert atomic.problems == ()
