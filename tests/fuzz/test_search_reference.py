"""The browser's search against a reference evaluator written from Anki's documented search semantics.

Hypothesis builds query trees, the test writes them out as search text itself,
and the cards the search returns must be exactly those the reference picks
from what the test knows about each card.  A search that ignores escaping,
turns ``or`` into ``and``, matches tags as substrings or forgets the due date
returns a different set for some query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import Rating
from studyapp.scheduling.study_day import next_day_start
from studyapp.services.app import Services, open_services

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Known:
    """What the test knows about one card, independently of the search code."""

    fields: tuple[str, ...]  # question and answer, each searched on its own
    deck: str
    tags: tuple[str, ...]
    state: CardState
    due: datetime | None
    suspended: bool
    buried: bool


# (deck, question, answer, tags)
CARDS = [
    ("Geo", "100% of the Danube?", "ten", ("a",)),
    ("Geo::Rivers", "snake_case river", "Nile", ("a::b",)),
    ("Geology", "50 percent rock", "basalt", ("ab",)),
    ("Lang", "Straße means street", "street", ("x_y",)),
    ("Lang::Spanish", "perro", "dog", ("xay", "a")),
    ("Lang::Spanish", "riverbed sand", "arena", ()),
    ("Geo", "snakeXcase", "camel", ("A::B::C",)),
    ("Geology", "Delta of the Nile", "fan", ()),
]
WORDS = ["100%", "%", "_", "e_c", "snake*case", "ri*er", "NILE", "danube", "percent", "*", "street", "zzz", "of the"]
DECKS = ["Geo", "geo::rivers", "Geo*", "*::Spanish", "Rivers", "Lang", "Geology", "G*y"]
TAGS = ["a", "A", "a::*", "a*", "x_y", "x*y", "none", "b", "a::b::*"]
FLAGS = ["new", "learn", "review", "due", "suspended", "buried"]


def glob_matches(glob: str, text: str, *, whole: bool) -> bool:
    """Anki's ``*`` wildcard, every other character literal (``%``, ``_`` too), case-insensitive for ASCII."""
    pattern = ".*".join(re.escape(part) for part in glob.split("*"))
    flags = re.IGNORECASE | re.ASCII | re.DOTALL
    return (re.fullmatch(pattern, text, flags) if whole else re.search(pattern, text, flags)) is not None


def flag_holds(flag: str, card: Known, day_end: datetime) -> bool:
    if flag == "new":
        return card.state is CardState.NEW
    if flag == "learn":  # learning and relearning, as in Anki
        return card.state in (CardState.LEARNING, CardState.RELEARNING)
    if flag == "review":  # review and relearning, as in Anki
        return card.state in (CardState.REVIEW, CardState.RELEARNING)
    if flag == "suspended":
        return card.suspended
    if flag == "buried":
        return card.buried
    # due: scheduled (not new), due before today's study day ends, and neither suspended nor buried
    assert flag == "due"
    return (
        card.state is not CardState.NEW
        and card.due is not None
        and card.due < day_end
        and not (card.suspended or card.buried)
    )


Tree = tuple[object, ...]


def evaluate(tree: Tree, card: Known, day_end: datetime) -> bool:
    kind = tree[0]
    if kind == "text":
        return any(glob_matches(str(tree[1]), field, whole=False) for field in card.fields)
    if kind == "deck":
        name = str(tree[1])
        return glob_matches(name, card.deck, whole=True) or glob_matches(f"{name}::*", card.deck, whole=True)
    if kind == "tag":
        if tree[1] == "none":
            return not card.tags
        return any(glob_matches(str(tree[1]), tag, whole=True) for tag in card.tags)
    if kind == "is":
        return flag_holds(str(tree[1]), card, day_end)
    if kind == "not":
        return not evaluate(tree[1], card, day_end)  # type: ignore[arg-type]
    parts: list[Tree] = list(tree[1])  # type: ignore[call-overload]
    if kind == "and":
        return all(evaluate(part, card, day_end) for part in parts)
    return any(evaluate(part, card, day_end) for part in parts)


def render(tree: Tree) -> str:
    """The search text for ``tree``, written as a user would (compound parts in parentheses)."""
    kind = tree[0]
    if kind == "text":
        word = str(tree[1])
        return f'"{word}"' if " " in word else word
    if kind in ("deck", "tag", "is"):
        return f"{kind}:{tree[1]}"
    if kind == "not":
        return f"-{render_part(tree[1])}"  # type: ignore[arg-type]
    joiner = " " if kind == "and" else " or "
    return joiner.join(render_part(part) for part in tree[1])  # type: ignore[attr-defined]


def render_part(tree: Tree) -> str:
    return f"({render(tree)})" if tree[0] in ("and", "or") else render(tree)


leaves = (
    st.tuples(st.just("text"), st.sampled_from(WORDS))
    | st.tuples(st.just("deck"), st.sampled_from(DECKS))
    | st.tuples(st.just("tag"), st.sampled_from(TAGS))
    | st.tuples(st.just("is"), st.sampled_from(FLAGS))
)
trees = st.recursive(
    leaves,
    lambda inner: (
        st.tuples(st.just("not"), inner)
        | st.tuples(st.sampled_from(["and", "or"]), st.lists(inner, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, dict[CardId, Known], datetime]]:
    clock = FixedClock(T0)
    app = open_services(tmp_path_factory.mktemp("search") / "collection.studyapp", clock=clock)
    ids = [app.cards.add(deck, CardKind.BASIC, front, back, tags) for deck, front, back, tags in CARDS]

    def answer(card_id: CardId, rating: Rating) -> None:
        app.reviews.start(app.decks.id_of(app.cards.get(card_id).deck_name)).answer(card_id, rating)

    answer(ids[0], Rating.EASY)  # review, due in days: overdue once the clock moves on
    answer(ids[3], Rating.EASY)
    clock.advance(timedelta(days=60))
    answer(ids[3], Rating.AGAIN)  # relearning, due in ten minutes (today)
    answer(ids[1], Rating.EASY)  # review, due in days
    answer(ids[2], Rating.AGAIN)  # learning, due in a minute (today)
    app.reviews.set_suspended([ids[4]], True)
    app.reviews.bury([ids[5]])
    answer(ids[6], Rating.AGAIN)
    app.reviews.set_suspended([ids[6]], True)  # learning and due, but suspended

    buried = {ids[5]}
    known = {}
    for card_id, (deck, front, back, tags) in zip(ids, CARDS, strict=True):
        card = app.cards.get(card_id)
        known[card_id] = Known((front, back), deck, tags, card.state, card.due, card.suspended, card_id in buried)
    yield app, known, next_day_start(clock.now())
    app.close()


def test_the_collection_covers_every_state_the_flags_tell_apart(
    collection: tuple[Services, dict[CardId, Known], datetime],
) -> None:
    _, known, day_end = collection
    states = [card.state for card in known.values()]
    assert {CardState.NEW, CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING} <= set(states)
    due = [card for card in known.values() if flag_holds("due", card, day_end)]
    not_due_reviews = [card for card in known.values() if card.state is CardState.REVIEW and card not in due]
    assert due and not_due_reviews


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("%", [0]),  # a literal percent sign, not "anything"
        ("_", [1]),  # a literal underscore, not "any one character"
        ("e_c", [1]),
        ("snake*case", [1, 6]),
        ("tag:a", [0, 4]),  # whole tags only: not "ab", "a::b"
        ("tag:a::*", [1, 6]),  # child tags, in any case
        ("tag:x_y", [3]),  # not "xay"
        ("tag:none", [5, 7]),
        ("deck:Geo", [0, 1, 6]),  # the deck and its subdecks, not "Geology"
        ("danube or perro", [0, 4]),
        ("danube perro", []),
        ("is:learn", [2, 3, 6]),
        ("is:buried", [5]),
        ("is:suspended", [4, 6]),
        ("is:review", [0, 1, 3]),
        ("-is:new is:due", [0, 2, 3]),  # not the suspended learning card, not the future review
    ],
)
def test_hand_checked_searches(
    collection: tuple[Services, dict[CardId, Known], datetime], text: str, expected: list[int]
) -> None:
    app, known, _ = collection
    ids = list(known)
    assert sorted(ids.index(card_id) for card_id in app.browse.search(text)) == expected


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=trees)
def test_search_returns_exactly_the_cards_the_reference_picks(
    collection: tuple[Services, dict[CardId, Known], datetime], tree: Tree
) -> None:
    app, known, day_end = collection
    text = render(tree)
    expected = {card_id for card_id, card in known.items() if evaluate(tree, card, day_end)}
    assert set(app.browse.search(text)) == expected, text
