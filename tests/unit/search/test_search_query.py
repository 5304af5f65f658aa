"""The browser's search language: what parses to what, and clear errors for the rest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.errors import UserInputError
from studyapp.domain.search import And, CardIs, DeckTerm, IsTerm, Not, Or, Query, TagTerm, TextTerm
from studyapp.services.search_query import parse, to_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("missile", TextTerm("missile")),
        ("  missile  ", TextTerm("missile")),
        ('"long range"', TextTerm("long range")),
        ("AGM-158", TextTerm("AGM-158")),
        ("deck:Spanish", DeckTerm("Spanish")),
        ('deck:"World History"', DeckTerm("World History")),
        ("DECK:Lang::Spanish", DeckTerm("Lang::Spanish")),
        ("tag:taiwan", TagTerm("taiwan")),
        ("is:due", IsTerm(CardIs.DUE)),
        ("is:Suspended", IsTerm(CardIs.SUSPENDED)),
        ("-tag:easy", Not(TagTerm("easy"))),
        ("a b", And((TextTerm("a"), TextTerm("b")))),
        ("a and b", And((TextTerm("a"), TextTerm("b")))),
        ("a or b", Or((TextTerm("a"), TextTerm("b")))),
        ("a OR b c", Or((TextTerm("a"), And((TextTerm("b"), TextTerm("c")))))),
        ("(a or b) c", And((Or((TextTerm("a"), TextTerm("b"))), TextTerm("c")))),
        ("-(a or b)", Not(Or((TextTerm("a"), TextTerm("b"))))),
        ('"or"', TextTerm("or")),
        ("10:30", TextTerm("10:30")),
        ('"deck:x"', TextTerm("deck:x")),
        (r'"say \"hi\""', TextTerm('say "hi"')),
    ],
)
def test_parses_anki_style_searches(text: str, expected: Query) -> None:
    assert parse(text) == expected


def test_empty_search_matches_everything() -> None:
    assert parse("") is None
    assert parse("   \t ") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"abc', "not closed"),
        ("deck:", "needs a value"),
        ('deck:" "', "needs a value"),
        ("is:blue", "is:new|learn|review|due|suspended|buried"),
        ("(a", "'(' that is not closed"),
        ("a)", "')' without a matching '('"),
        ("()", "'()'"),
        ("or", "'or' needs a term on both sides"),
        ("a or", "'or' needs a term on both sides"),
        ("a or or b", "'or' needs a term on both sides"),
        ("-", "right after '-'"),
        ("a - b", "right after '-'"),
        ('""', "empty phrase"),
        ("(" * 40 + "a" + ")" * 40, "too deeply"),
        (" ".join(["a"] * 101), "too many terms"),
    ],
)
def test_malformed_searches_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UserInputError) as caught:
        parse(text)
    assert message in caught.value.message


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab :-()"\\*deckgtisnewor\t')) | st.characters(), max_size=60))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        query = parse(text)
    except UserInputError as error:
        assert error.message
        return
    assert parse(to_text(query)) == query


def _terms() -> st.SearchStrategy[Query]:
    words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8).filter(
        lambda w: w.strip() != ""
    )
    leaves: st.SearchStrategy[Query] = st.one_of(
        words.map(TextTerm),
        words.map(DeckTerm),
        words.map(TagTerm),
        st.sampled_from(list(CardIs)).map(IsTerm),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(Not),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        ),
        max_leaves=8,
    )


@settings(max_examples=300, deadline=None)
@given(_terms())
def test_written_queries_parse_back_to_themselves(query: Query) -> None:
    assert parse(to_text(query)) == query
