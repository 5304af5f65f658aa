"""The deck an article's cards are suggested for: a headline, never a sentence fragment."""

from __future__ import annotations

from studyapp.domain.article import Article
from studyapp.services.importing import suggested_deck

TEXT = "Taiwan is seeking to acquire long-range, air-launched cruise missiles from the United States."


def test_a_real_title_is_the_deck() -> None:
    assert suggested_deck(Article(title="Taiwan seeks JASSM missiles", text=TEXT)) == "Taiwan seeks JASSM missiles"


def test_a_long_title_is_cut_at_the_end_of_a_phrase() -> None:
    title = "How the Panama Canal, opened in 1914, changed world shipping"
    assert suggested_deck(Article(title=title, text=TEXT)) == "How the Panama Canal"
    lecture = "GEOL 101 – Lecture 7: Plate Tectonics and the Theory of Continental Drift"
    assert suggested_deck(Article(title=lecture, text=TEXT)) == "GEOL 101 – Lecture 7"


def test_a_long_title_without_a_break_never_ends_on_a_small_word() -> None:
    title = "Scientists describe the oldest known fossil of a flowering plant"
    assert suggested_deck(Article(title=title, text=TEXT)) == "Scientists describe the oldest known fossil"
    title = "The rise and fall of the Hanseatic League in northern Europe"
    assert suggested_deck(Article(title=title, text=TEXT)) == "The rise and fall"


def test_a_title_made_from_the_first_words_gives_way_to_the_files_name() -> None:
    made_up = Article(
        title="Taiwan is seeking to acquire long-range, air-launched cruise…",
        text=TEXT,
        origin="/home/ana/news/taiwan_jassm_missiles.txt",
        title_made_up=True,
    )
    assert suggested_deck(made_up) == "Taiwan jassm missiles"


def test_pasted_text_without_a_title_suggests_nothing() -> None:
    pasted = Article(
        title="Taiwan is seeking to acquire long-range…", text=TEXT, origin="pasted text", title_made_up=True
    )
    assert suggested_deck(pasted) == ""


def test_a_title_never_makes_subdecks() -> None:
    assert suggested_deck(Article(title="C++::templates", text=TEXT)) == "C++ templates"
