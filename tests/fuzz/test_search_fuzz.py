"""The browser's search end to end (parser and SQL) on arbitrary strings: results or a clear refusal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import UserInputError
from studyapp.services.app import Services, open_services

ANKI_WORDS = [
    "deck:",
    "tag:",
    "is:",
    "new",
    "due",
    "suspended",
    "-",
    "or",
    "and",
    "(",
    ")",
    '"',
    "*",
    "_",
    "%",
    "\\",
    ":",
]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    opened = open_services(tmp_path_factory.mktemp("search") / "collection.studyapp")
    opened.cards.add("Geo::Rivers", CardKind.BASIC, "100% of the Danube_flow?", "ten", ("geo", "europe"))
    opened.cards.add("Geo", CardKind.CLOZE, 'The {{c1::Nile}} is \\long\\ (very) "long".')
    opened.cards.add("Ünïcødé 𝔡𝔢𝔠𝔨", CardKind.BASIC, "Straße?", "ß", ("tag*with_wild%",))
    yield opened
    opened.context.store.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(ANKI_WORDS) | st.text(max_size=8), max_size=12).map(" ".join))
def test_any_search_returns_cards_or_a_clear_refusal(app: Services, text: str) -> None:
    try:
        found = app.browse.search(text)
    except UserInputError as error:
        assert error.message.strip()
        return
    assert set(found) <= set(app.browse.search(""))
