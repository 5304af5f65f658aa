"""Anki's text-file headers (``#separator:tab``, ``#guid column:1``, ...) and the files without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.anki.text_files import read_delimited
from studyapp.domain.cards import CardKind


def _read(tmp_path: Path, text: str, name: str = "cards.csv") -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with path.open("rb") as stream:
        return [(c.guid, c.kind.value, c.front, c.deck, c.tags) for c in read_delimited(stream, name).cards]


def test_anki_headers_name_the_special_columns_and_the_rest_are_front_and_back(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        "g1\tBasic\tLang::German\tHund\tdog\tnoun animal\n"
    )
    assert _read(tmp_path, text) == [("g1", "basic", "Hund", "Lang::German", ("noun", "animal"))]


def test_html_true_reduces_fields_to_text(tmp_path: Path) -> None:
    text = '#separator:semicolon\n#html:true\n"<b>2 &lt; 3</b>";yes\n'
    assert [c[2] for c in _read(tmp_path, text)] == ["2 < 3"]


def test_global_deck_and_tags_headers_apply_to_every_row(tmp_path: Path) -> None:
    text = "#separator:comma\n#deck:Vocab\n#tags:imported extra\nchat,cat\n"
    cards = _read(tmp_path, text)
    assert [(c[3], c[4]) for c in cards] == [("Vocab", ("imported", "extra"))]


def test_separator_names_and_literal_characters(tmp_path: Path) -> None:
    assert [c[2] for c in _read(tmp_path, "#separator:pipe\na|b\n")] == ["a"]
    assert [c[2] for c in _read(tmp_path, "#separator:|\nc|d\n")] == ["c"]


def test_a_header_row_of_column_names_is_recognised(tmp_path: Path) -> None:
    text = "Tags,Question,Answer\nt1,Q?,A!\n"
    assert _read(tmp_path, text) == [(_read(tmp_path, text)[0][0], "basic", "Q?", "", ("t1",))]


def test_plain_spreadsheet_is_front_back_tags_with_content_guids(tmp_path: Path) -> None:
    first = _read(tmp_path, "front one,back one,tag\n\n,,\nfront two,back two\n")
    assert [(c[2], c[4]) for c in first] == [("front one", ("tag",)), ("front two", ())]
    assert _read(tmp_path, "front one,back one,tag\n")[0][0] == first[0][0]  # same content, same identity


def test_lines_of_hash_after_the_headers_are_comments(tmp_path: Path) -> None:
    assert [c[2] for c in _read(tmp_path, "#separator:comma\n#a comment, not a header\nq,a\n")] == ["q"]


def test_cloze_rows_become_one_card_per_deletion(tmp_path: Path) -> None:
    text = "#separator:tab\n#guid column:1\n#notetype column:2\nn1\tCloze\t{{c1::A}} and {{c2::B}}\t\n"
    cards = _read(tmp_path, text)
    assert [(c[0], c[1], c[2]) for c in cards] == [
        ("n1", CardKind.CLOZE.value, "{{c1::A}} and B"),
        ("n1#c2", CardKind.CLOZE.value, "A and {{c1::B}}"),
    ]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_tab_separated_without_headers_is_sniffed(tmp_path: Path, suffix: str) -> None:
    assert [c[2] for c in _read(tmp_path, "a\tb\nc\td\n", name=f"x{suffix}")] == ["a", "c"]
