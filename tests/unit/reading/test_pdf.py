"""PDFs: running headers, footers and page numbers removed; wrapped lines joined into paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.domain.article import BlockKind
from studyapp.domain.errors import UserInputError
from studyapp.reading import read_article
from tests.unit.reading.conftest import checked, texts, write_pdf

HEADER = "GEOL 110 - Introduction to Volcanology, Autumn Term"
PAGE_ONE = [
    HEADER,
    "Volcano Types and Eruption Styles",
    "A volcano is an opening in the crust of the Earth through which molten rock,",
    "gases and fragments of rock escape to the surface. Molten rock below the",
    "ground is called magma; once it reaches the surface it is called lava.",
    "Why some volcanoes explode",
    "The style of an eruption depends mostly on the viscosity of the magma and on",
    "how much gas it holds. Viscosity rises with the silica content of the magma, so",
    "silica-rich magma traps its gas until the pressure is released in an explo-",
    "sion that shatters the rock",
    "Department of Earth Sciences - Page 1 of 2",
]
PAGE_TWO = [
    HEADER,
    "into ash and pumice, while runny basalt flows out quietly.",
    "Shield volcanoes are built from countless flows of fluid basaltic lava, which",
    "spread far before cooling into broad and gentle slopes.",
    "Department of Earth Sciences - Page 2 of 2",
]


@pytest.fixture
def course_reader(tmp_path: Path) -> Path:
    path = tmp_path / "reader.pdf"
    write_pdf(path, [PAGE_ONE, PAGE_TWO])
    return path


def test_running_header_footer_and_page_numbers_are_removed(course_reader: Path) -> None:
    article = checked(read_article(course_reader))
    for furniture in ("GEOL 110", "Department of Earth Sciences", "Page 1", "Page 2"):
        assert furniture not in article.text


def test_wrapped_and_hyphenated_lines_become_paragraphs_across_pages(course_reader: Path) -> None:
    article = checked(read_article(course_reader))
    paragraphs = texts(article, BlockKind.PARAGRAPH)
    assert paragraphs[0] == (
        "A volcano is an opening in the crust of the Earth through which molten rock, gases and fragments of rock "
        "escape to the surface. Molten rock below the ground is called magma; once it reaches the surface it is "
        "called lava."
    )
    assert "in an explosion that shatters the rock into ash and pumice, while" in paragraphs[1]
    assert paragraphs[2].startswith("Shield volcanoes are built")


def test_the_opening_heading_is_the_title_and_later_ones_are_headings(course_reader: Path) -> None:
    article = checked(read_article(course_reader))
    assert article.title == "Volcano Types and Eruption Styles"
    assert texts(article, BlockKind.HEADING) == ["Why some volcanoes explode"]
    assert article.blocks[-1].headings == ("Why some volcanoes explode",)


def test_bare_page_numbers_at_page_edges_are_removed(tmp_path: Path) -> None:
    body = "The metre was first defined in 1791 as one ten-millionth of the distance from the pole to the equator."
    path = tmp_path / "journal.pdf"
    write_pdf(path, [[body, "41"], ["- 42 -", "It was redefined in 1983 by the speed of light in a vacuum, exactly."]])
    article = checked(read_article(path))
    assert "41" not in article.text and "42" not in article.text
    assert "1791" in article.text and "1983" in article.text


def test_a_password_protected_pdf_asks_for_an_unprotected_copy(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    write_pdf(path, [["The library opens in the spring of next year, the council said."]], password="secret")
    with pytest.raises(
        UserInputError, match="This PDF is password-protected; save an unprotected copy and import that"
    ):
        read_article(path)
