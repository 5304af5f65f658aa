"""The browser sorts by each of its columns, on a real collection file."""

from __future__ import annotations

import pytest

from studyapp.domain.cards import CardKind
from studyapp.domain.ids import CardId
from studyapp.domain.search import SortColumn
from studyapp.services.app import Services

# Two cards whose text columns sort in opposite orders, so each column's order is visible.
_TEXT_ORDER = {
    SortColumn.QUESTION: ("first", "second"),  # "Alpha?" < "Beta?"
    SortColumn.ANSWER: ("second", "first"),  # "a" < "z"
    SortColumn.CONTEXT: ("first", "second"),  # "A context" < "B context"
    SortColumn.DECK: ("second", "first"),  # "Art" < "Zoo"
    SortColumn.TAGS: ("first", "second"),  # "apple" < "zebra"
}
# Both cards are new and unanswered: these columns tie, and the sort must still return both.
_TIED = (
    SortColumn.DUE,
    SortColumn.INTERVAL,
    SortColumn.STATE,
    SortColumn.REPS,
    SortColumn.LAPSES,
    SortColumn.CREATED,
    SortColumn.MODIFIED,
)


def _two_cards(services: Services) -> dict[str, CardId]:
    first = services.cards.add("Zoo", CardKind.BASIC, "Alpha?", "z", ("apple",), "A context")
    second = services.cards.add("Art", CardKind.BASIC, "Beta?", "a", ("zebra",), "B context")
    return {"first": first, "second": second}


@pytest.mark.parametrize("column", list(_TEXT_ORDER))
def test_text_columns_sort_both_ways(services: Services, column: SortColumn) -> None:
    ids = _two_cards(services)
    expected = [ids[name] for name in _TEXT_ORDER[column]]
    assert services.browse.search("", column) == expected
    assert services.browse.search("", column, descending=True) == expected[::-1]


@pytest.mark.parametrize("column", _TIED)
def test_tied_columns_return_every_card(services: Services, column: SortColumn) -> None:
    ids = _two_cards(services)
    assert sorted(services.browse.search("", column)) == sorted(ids.values())
