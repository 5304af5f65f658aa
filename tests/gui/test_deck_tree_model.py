"""The deck tree: hierarchy by ``::``, counts per column, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from studyapp.domain.ids import DeckId
from studyapp.services.app import Services
from studyapp.services.rows import DeckRow
from studyapp.ui.deck_tree_model import DECK_NAME_ROLE, DeckTreeModel


def _row(deck_id: int, name: str, new: int = 0, learning: int = 0, due: int = 0) -> DeckRow:
    return DeckRow(
        id=DeckId(deck_id),
        name=name,
        depth=name.count("::"),
        total=new + learning + due,
        new=new,
        learning=learning,
        due=due,
    )


ROWS = [
    _row(1, "History", new=5, due=2),
    _row(2, "History::Asia", new=3, due=2),
    _row(3, "History::Asia::Taiwan", new=3),
    _row(4, "Biology", learning=1),
]


def test_subdecks_are_children_of_their_parent() -> None:
    model = DeckTreeModel(ROWS)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Biology", "History"]
    history = model.index(1, 0)
    asia = model.index(0, 0, history)
    assert asia.data() == "Asia"
    assert model.index(0, 0, asia).data(DECK_NAME_ROLE) == "History::Asia::Taiwan"
    assert model.parent(asia) == history


def test_columns_show_new_learn_and_due_counts() -> None:
    model = DeckTreeModel(ROWS)
    history = model.index_of(DeckId(1))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Deck", "New", "Learn", "Due"]
    assert [history.siblingAtColumn(c).data() for c in range(4)] == ["History", 5, 0, 2]


def test_deck_names_lists_full_names() -> None:
    assert DeckTreeModel(ROWS).deck_names() == ["Biology", "History", "History::Asia", "History::Asia::Taiwan"]


def test_model_contract_holds_through_a_reset(qtmodeltester: ModelTester) -> None:
    model = DeckTreeModel(ROWS)
    qtmodeltester.check(model)
    model.set_rows(ROWS[:2])
    assert model.rowCount(QModelIndex()) == 1


def test_model_over_a_real_collection(qtmodeltester: ModelTester, fake_services: Services) -> None:
    fake_services.decks.create("Languages::Spanish")
    fake_services.cards.add("Languages::Spanish", kind=_basic(), front="hola", back="hello")
    model = DeckTreeModel(fake_services.decks.list())
    qtmodeltester.check(model)
    languages = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Languages")
    assert languages.siblingAtColumn(DeckTreeModel.NEW).data() == 1


def _basic():  # type: ignore[no-untyped-def]
    from studyapp.domain.cards import CardKind

    return CardKind.BASIC
