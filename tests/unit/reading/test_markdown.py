"""Markdown notes read with markdown-it-py: headings, list items, definitions and table rows become blocks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studyapp.domain.article import Article, BlockKind
from tests.unit.reading.conftest import block_text, texts

Read = Callable[[str, str], Article]

HEART = """\
# 7 The Heart

The heart is a muscular pump about the size of a clenched fist, and it sits in the chest.

## 7.2 Chambers

The human heart has four chambers: two atria above and two ventricles below.

### 7.2.2 Ventricles

The left ventricle has the thickest wall of the four chambers in the heart.
"""


def test_headings_are_heading_blocks_and_the_heading_path_without_section_numbers(read: Read) -> None:
    article = read("heart.md", HEART)
    assert article.title == "The Heart"
    assert texts(article, BlockKind.HEADING) == ["7.2 Chambers", "7.2.2 Ventricles"]
    last = article.blocks[-1]
    assert last.kind is BlockKind.PARAGRAPH
    assert last.headings == ("Chambers", "Ventricles")
    assert block_text(article, last).startswith("The left ventricle")
    assert article.blocks[0].headings == ()


def test_a_sibling_heading_replaces_the_one_before_it_in_the_path(read: Read) -> None:
    note = (
        "# Notes\n\n## Atria\n\nThe atria are the two upper chambers of the heart.\n\n"
        "## Valves\n\nFour valves keep blood moving.\n"
    )
    article = read("notes.md", note)
    valves = article.blocks[-1]
    assert valves.headings == ("Valves",)
    heading = next(b for b in article.blocks if block_text(article, b) == "Valves")
    assert heading.kind is BlockKind.HEADING and heading.headings == ()


def test_bullets_and_numbered_items_are_list_items(read: Read) -> None:
    article = read(
        "list.md",
        "# Steps\n\nThe procedure has three steps that must be done in order.\n\n"
        "- The sample is weighed on a balance.\n- It is then dried in an oven.\n\n1. Finally it is weighed again.\n",
    )
    assert texts(article, BlockKind.LIST_ITEM) == [
        "The sample is weighed on a balance.",
        "It is then dried in an oven.",
        "Finally it is weighed again.",
    ]


@pytest.mark.parametrize(
    ("line", "term", "body"),
    [
        ("- Osmosis: the movement of water across a membrane.", "Osmosis", "the movement of water across a membrane."),
        (
            "- **Diffusion** – the spread of particles from high to low concentration.",
            "Diffusion",
            "the spread of particles from high to low concentration.",
        ),
        (
            "- Active transport — movement that needs energy from the cell.",
            "Active transport",
            "movement that needs energy from the cell.",
        ),
        (
            "Turgor: the pressure of the cell contents against the cell wall.",
            "Turgor",
            "the pressure of the cell contents against the cell wall.",
        ),
    ],
)
def test_term_and_definition_lines_are_definitions(read: Read, line: str, term: str, body: str) -> None:
    article = read("terms.md", f"# Cell transport\n\n{line}\n")
    (block,) = article.blocks
    assert block.kind is BlockKind.DEFINITION
    assert (block.term, block.body) == (term, body)
    assert block_text(article, block) == line.removeprefix("- ").replace("**", "")


def test_a_definition_list_gives_definitions_with_term_and_body(read: Read) -> None:
    article = read(
        "deflist.md",
        "# Terms\n\nSystole\n: The phase in which the ventricles contract.\n\n"
        "Diastole\n: The phase in which the heart muscle relaxes.\n",
    )
    assert [(b.kind, b.term, b.body) for b in article.blocks] == [
        (BlockKind.DEFINITION, "Systole", "The phase in which the ventricles contract."),
        (BlockKind.DEFINITION, "Diastole", "The phase in which the heart muscle relaxes."),
    ]
    assert texts(article, BlockKind.DEFINITION)[0] == "Systole: The phase in which the ventricles contract."


def test_a_pipe_table_gives_one_row_block_per_row_with_header_paired_cells(read: Read) -> None:
    article = read(
        "table.md",
        "# Chambers\n\n| Chamber | Receives blood from | Sends blood to |\n|---|---|---|\n"
        "| Right atrium | the body | the right ventricle |\n| Left atrium | the lungs | the left ventricle |\n",
    )
    rows = [b for b in article.blocks if b.kind is BlockKind.TABLE_ROW]
    assert [(b.term, b.cells) for b in rows] == [
        ("Right atrium", (("Receives blood from", "the body"), ("Sends blood to", "the right ventricle"))),
        ("Left atrium", (("Receives blood from", "the lungs"), ("Sends blood to", "the left ventricle"))),
    ]
    assert block_text(article, rows[0]) == (
        "Chamber: Right atrium — Receives blood from: the body; Sends blood to: the right ventricle"
    )
    assert "|" not in article.text and "---" not in article.text


def test_code_script_style_and_front_matter_give_no_text(read: Read) -> None:
    note = (
        "---\nlayout: post\ntags: [biology]\n---\n# Osmosis\n\n"
        "Water moves across the membrane towards the salty side.\n\n"
        "```python\nprint('fenced code')\n```\n\n    indented_code = True\n\n"
        "<script>var tracker = 'script body';</script>\n\n<style>p { color: red; }</style>\n\n"
        "<div>Cells shrink in salty water because they lose water.</div>\n"
    )
    article = read("osmosis.md", note)
    for hidden in ("layout", "fenced code", "indented_code", "tracker", "color", "<div>"):
        assert hidden not in article.text
    assert texts(article, BlockKind.PARAGRAPH) == [
        "Water moves across the membrane towards the salty side.",
        "Cells shrink in salty water because they lose water.",
    ]


def test_inline_markup_is_read_as_words(read: Read) -> None:
    article = read(
        "inline.md",
        "# Links\n\nThe **new** library opens in *spring*; see [the plan](http://x.example) and `README` "
        "![map](map.png) for the details of the opening.\n",
    )
    assert article.text == "The new library opens in spring; see the plan and README for the details of the opening."


def test_a_front_matter_title_is_the_title(read: Read) -> None:
    article = read("fm.md", '---\ntitle: "Cell Transport"\n---\nWater moves across the membrane by osmosis.\n')
    assert article.title == "Cell Transport"
