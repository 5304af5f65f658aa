"""Plain text and pasted text: paragraphs become blocks; datelines, bylines and sign-offs are never paragraph text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from studyapp.domain.article import Article, BlockKind
from studyapp.reading import read_article_text
from tests.unit.reading.conftest import checked, texts

Read = Callable[[str, str], Article]

FIRST = "The Bank of England raised its main interest rate to 5.25 percent on Thursday, the highest in 15 years."
SECOND = "Most economists had expected the rise, which was the fourteenth in a row since December 2021."


def test_paragraphs_are_paragraph_blocks(read: Read) -> None:
    article = read("rates.txt", f"Rates Rise Again\n\n{FIRST}\n\n{SECOND}\n")
    assert article.title == "Rates Rise Again"
    assert texts(article, BlockKind.PARAGRAPH) == [FIRST, SECOND]


def test_a_title_line_the_first_sentence_begins_with_is_still_the_articles_own(read: Read) -> None:
    article = read("volcano.txt", "Mount Kenya\n\nMount Kenya is an extinct volcano in central Kenya.\n")
    assert (article.title, article.title_made_up) == ("Mount Kenya", False)


def test_without_a_title_line_the_title_made_from_the_first_words_says_so(read: Read) -> None:
    article = read("rates.txt", f"{FIRST}\n\n{SECOND}\n")
    assert article.title == "The Bank of England raised its main interest…"
    assert article.title_made_up


def test_byline_and_dateline_lines_are_not_part_of_a_paragraph(read: Read) -> None:
    article = read(
        "rates.txt",
        f"Rates Rise Again\nBy Jane Smith and John Doe\nLONDON, August 3, 2023 (Reuters) - {FIRST}\n\n{SECOND}\n\n"
        "Reporting by Jane Smith; Editing by John Doe\n",
    )
    assert article.published == date(2023, 8, 3)
    assert texts(article, BlockKind.PARAGRAPH) == [FIRST, SECOND]


def test_a_date_line_above_the_story_is_its_published_date() -> None:
    article = checked(read_article_text(f"Published 3 August 2023\n{FIRST}\n\n{SECOND}"))
    assert article.published == date(2023, 8, 3)
    assert texts(article, BlockKind.PARAGRAPH) == [FIRST, SECOND]


def test_a_sentence_opening_with_by_is_kept() -> None:
    article = checked(read_article_text(f"By 1900 the city had grown to more than a million people.\n\n{FIRST}"))
    assert article.text.startswith("By 1900 the city had grown")
