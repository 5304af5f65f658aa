"""Articles that cannot make cards are refused with the real reason; a table-heavy note is read as its rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.domain.article import Article, BlockKind
from studyapp.domain.errors import UserInputError
from studyapp.reading import read_article


def test_a_markdown_note_with_a_ten_thousand_row_table_is_read_as_its_rows(read: Callable[[str, str], Article]) -> None:
    rows = "".join(f"| item-{n} | {n * 7} | {n % 13} |\n" for n in range(10_000))
    article = read("stock.md", f"# Stock\n\n| Part | Weight | Bin |\n|---|---|---|\n{rows}")
    table = [b for b in article.blocks if b.kind is BlockKind.TABLE_ROW]
    assert len(table) == 10_000
    assert table[42].term == "item-42" and table[42].cells == (("Weight", "294"), ("Bin", "3"))


@pytest.mark.parametrize("separator", ["\n", "\n\n", " "])
def test_one_word_repeated_says_so_instead_of_not_english(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "word.md"
    path.write_text(separator.join(["banana"] * 200_000))
    with pytest.raises(UserInputError, match=r"^word\.md is 'banana' repeated over and over; there are no sentences"):
        read_article(path)


def test_a_list_of_single_words_says_there_are_no_sentences(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("\n".join(f"word{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(5_000)))
    with pytest.raises(UserInputError, match=r"no sentences to make cards from: its 4,999 lines are single words"):
        read_article(path)


def test_a_markdown_file_over_the_line_cap_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text("".join(f"line {n} of a very long list\n" for n in range(600_000)))
    with pytest.raises(UserInputError, match="600,001 lines; Markdown notes longer than 500,000 lines"):
        read_article(path)


def test_a_web_page_over_its_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    with pytest.raises(UserInputError, match="6 MB; web pages larger than 5 MB are not supported"):
        read_article(path)


def test_non_english_prose_is_still_refused_as_not_english(tmp_path: Path) -> None:
    path = tmp_path / "fr.md"
    path.write_text(
        "# Conseil\n\nLe conseil municipal s'est réuni mardi dans l'ancienne mairie. Il a décidé que la nouvelle "
        "bibliothèque ouvrirait au printemps et que le café du rez-de-chaussée serait géré par une association."
    )
    with pytest.raises(UserInputError, match="does not look like English"):
        read_article(path)


def test_terse_english_lecture_notes_are_read_as_english(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Plate tectonics\n\n## The plates\n"
        "- Lithosphere = crust + uppermost mantle, rigid, broken into plates\n"
        "- Plates ride on the **asthenosphere** (hot, weak, slowly flowing mantle layer)\n"
        "- About 7 major plates (e.g. Pacific = largest) + many minor\n"
        "- Speed: a few cm per year (≈ rate fingernails grow)\n"
        "- Divergent – plates move apart; e.g. Mid-Atlantic Ridge, Iceland sits on it\n"
    )
    assert "Lithosphere" in read_article(path).text


def test_non_english_notes_are_still_refused_as_not_english(tmp_path: Path) -> None:
    path = tmp_path / "de.md"
    path.write_text(
        "# Plattentektonik\n\n## Die Platten\n"
        "- Lithosphäre = Kruste + oberster Mantel, starr, in Platten zerbrochen\n"
        "- Platten gleiten auf der Asthenosphäre (heiße, weiche, langsam fließende Mantelschicht)\n"
        "- Etwa sieben große Platten (z. B. Pazifik = größte) + viele kleine\n"
        "- Geschwindigkeit: wenige Zentimeter pro Jahr, ungefähr wie Fingernägel wachsen\n"
    )
    with pytest.raises(UserInputError, match="does not look like English"):
        read_article(path)
