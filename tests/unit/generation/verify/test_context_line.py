"""The context line: the topic a card's own words do not name, and the date a changing fact needs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from studyapp.domain.article import Article, Block, BlockKind
from studyapp.domain.cards import CardDraft, Rewrite
from studyapp.generation.context import context_line, has_title
from studyapp.generation.verify import Problem, VerifiedDrafts, Verifier, headings_at
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

ADULTS = "Most adults are 0.5 mm long."
SIZE = cloze_draft(ADULTS, ADULTS, "0.5 mm")
APRIL_2021 = date(2021, 4, 12)


def test_a_card_that_does_not_name_its_topic_is_shown_under_the_title() -> None:
    assert context_line(SIZE, article(ADULTS, title="Tardigrades"), (), changing=False) == "Tardigrades"


def test_a_card_from_a_section_is_shown_under_the_title_and_heading_path() -> None:
    line = context_line(SIZE, article(ADULTS, title="Tardigrades"), ("Anatomy", "Size"), changing=False)
    assert line == "Tardigrades › Anatomy › Size"


def test_a_card_that_names_its_topic_needs_no_context_line() -> None:
    source = "Tardigrades are 0.5 mm long."
    draft = cloze_draft(source, source, "0.5 mm")
    assert context_line(draft, article(source, title="Tardigrades"), (), changing=False) == ""


def test_a_title_that_holds_the_answer_is_left_out() -> None:
    source = "Tardigrades are 0.5 mm long."
    draft = cloze_draft(source, source, "Tardigrades")
    assert (
        context_line(draft, article(source, title="Tardigrades"), ("Size",), changing=False) == ""
    )  # "Size" alone says nothing


def test_a_title_made_from_the_first_words_is_no_context() -> None:
    text = "Most adults are 0.5 mm long and live in moss for years."
    made_up = Article(title="Most adults are 0.5 mm long…", text=text, title_made_up=True)
    assert not has_title(made_up)
    assert context_line(SIZE, made_up, (), changing=False) == ""


def test_a_real_title_counts_and_an_empty_one_does_not() -> None:
    assert has_title(article(ADULTS, title="Tardigrades"))
    assert not has_title(article(ADULTS))


def test_a_changing_fact_is_dated_after_its_title() -> None:
    source = "Emmanuel Macron is the president of France."
    draft = basic_draft(source, "Who is the president of France?", "Emmanuel Macron")
    dated = article(source, title="French politics", published=APRIL_2021)
    assert context_line(draft, dated, (), changing=True) == "French politics (as of April 2021)"


def test_a_changing_fact_with_nothing_else_to_say_is_dated_alone() -> None:
    source = "Emmanuel Macron is the president of France."
    draft = basic_draft(source, "Who is the president of France?", "Emmanuel Macron")
    assert context_line(draft, article(source, published=APRIL_2021), (), changing=True) == "As of April 2021"


def test_a_fact_that_does_not_change_carries_no_date() -> None:
    assert context_line(SIZE, article(ADULTS, title="Tardigrades", published=APRIL_2021), (), changing=False) == (
        "Tardigrades"
    )


def test_a_verified_office_holder_is_shown_as_of_the_articles_date(nlp: Language) -> None:
    source = "Emmanuel Macron is the president of France."
    dated = article(source, title="French politics", published=APRIL_2021)
    draft = basic_draft(source, "Who is the president of France?", "Emmanuel Macron")
    drafts: VerifiedDrafts[CardDraft] = VerifiedDrafts(Verifier(nlp, dated), dated, lambda d: d)
    assert drafts.accept(draft)
    assert drafts.finished(draft).context == "French politics (as of April 2021)"


NOTES_TEXT = "Chambers\nIt has four chambers."
HAS = "It has four chambers."
NOTES = Article(
    title="Cardiology notes",
    text=NOTES_TEXT,
    blocks=(
        Block(BlockKind.HEADING, 0, 8),
        Block(BlockKind.PARAGRAPH, 9, len(NOTES_TEXT), headings=("Human heart", "Chambers")),
    ),
)


def test_a_verified_card_from_a_section_is_shown_under_its_heading_path(nlp: Language) -> None:
    rewrite = (Rewrite("It", "The human heart"),)
    draft = cloze_draft(HAS, "The human heart has four chambers.", "four", text=NOTES_TEXT, rewrites=rewrite)
    assert headings_at(NOTES, draft.start) == ("Human heart", "Chambers")
    drafts: VerifiedDrafts[CardDraft] = VerifiedDrafts(Verifier(nlp, NOTES), NOTES, lambda d: d)
    assert drafts.accept(draft)
    assert drafts.finished(draft).context == "Cardiology notes › Human heart › Chambers"


def test_a_question_may_name_its_topic_from_the_heading_above_its_source(nlp: Language) -> None:
    draft = basic_draft(HAS, "How many chambers does the human heart have?", "four", text=NOTES_TEXT)
    assert verdict(nlp, draft, NOTES).problems == ()


def test_a_question_may_not_name_a_topic_no_heading_gives(nlp: Language) -> None:
    draft = basic_draft(HAS, "How many chambers does the human heart have?", "four", text=NOTES_TEXT)
    unstructured = Article(title="Cardiology notes", text=NOTES_TEXT)
    assert verdict(nlp, draft, unstructured).problems == (Problem.UNSUPPORTED_WORD,)
