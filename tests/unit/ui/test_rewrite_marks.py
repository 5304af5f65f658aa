"""Marking rewritten words in card text: found case-insensitively, never overlapping, everything else escaped."""

from __future__ import annotations

from studyapp.domain.cards import Rewrite
from studyapp.ui.rewrite_marks import LIGHT_MARK, hovered_rewrite, marked_html, marked_spans

WEBB = Rewrite("It", "The James Webb Space Telescope", "The James Webb Space Telescope launched in 2021.")


def test_a_replacement_is_found_whatever_its_case_in_the_card() -> None:
    text = "How far from Earth does the James Webb Space Telescope orbit?"
    assert marked_spans(text, [WEBB]) == [(24, 54, 0)]


def test_a_replacement_missing_from_the_text_marks_nothing() -> None:
    assert marked_spans("Edited away entirely.", [WEBB]) == []
    assert marked_html("a < b", [WEBB]) == "a &lt; b"


def test_two_rewrites_with_the_same_words_mark_two_places() -> None:
    text = "The firm sued the firm."
    firm = [Rewrite("It", "the firm"), Rewrite("them", "the firm")]
    assert marked_spans(text, firm) == [(0, 8, 0), (14, 22, 1)]


def test_marked_html_escapes_the_article_text_around_and_inside_the_mark() -> None:
    rewrite = Rewrite("It", "<b>Webb</b>")
    assert marked_html("Is <b>Webb</b> & co?\nYes", [rewrite]) == (
        f'Is <a href="rewrite:0" style="{LIGHT_MARK}">&lt;b&gt;Webb&lt;/b&gt;</a> &amp; co?<br>Yes'
    )


def test_a_link_names_its_rewrite_and_anything_else_names_none() -> None:
    assert hovered_rewrite("rewrite:0", [WEBB]) == WEBB
    assert hovered_rewrite("rewrite:1", [WEBB]) is None
    assert hovered_rewrite("", [WEBB]) is None
    assert hovered_rewrite("https://example.com", [WEBB]) is None
