"""The statistics screen opens with real figures and plots after a scripted study session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.scheduling import Rating
from studyapp.services.app import Services

pg = pytest.importorskip("pyqtgraph")

from studyapp.ui.stats.stats_view import StatsView  # noqa: E402 - needs pyqtgraph

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def study(services: Services, clock: FixedClock) -> None:
    """Ten cards; three days of answers (a mix of ratings), so every plot has something to draw."""
    for i in range(10):
        services.cards.add("Geo::Capitals", CardKind.BASIC, f"Capital {i}?", f"City {i}")
    deck_id = services.decks.id_of("Geo")
    ratings = [Rating.GOOD, Rating.EASY, Rating.AGAIN, Rating.HARD, Rating.EASY]
    for day in range(3):
        session = services.reviews.start(deck_id)
        for step in range(5):
            card = session.next_card()
            if card is None:
                break
            session.answer(card.card.id, ratings[(step + day) % len(ratings)], duration_ms=4000)
            clock.advance(timedelta(minutes=1))
        clock.advance(timedelta(days=1))


def bars(widget: object) -> list[object]:
    items = widget.getPlotItem().listDataItems() + widget.getPlotItem().items  # type: ignore[attr-defined]
    return [item for item in items if isinstance(item, pg.BarGraphItem)]


def test_stats_view_shows_figures_and_plots_after_a_session(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    study(services, clock)
    view = StatsView(services)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    with qtbot.waitSignal(view.loaded):
        view.show()
    summary = view.summary
    assert summary is not None
    assert summary.totals.cards == 10
    assert sum(row.total for row in summary.reviews) == 15
    assert "10 cards in the collection" in view.today_label.text()
    assert bars(view.plots["reviews"])  # stacked bars by rating
    assert bars(view.plots["states"])
    assert bars(view.plots["forecast"])
    calendar = [i for i in view.plots["calendar"].getPlotItem().items if isinstance(i, pg.ScatterPlotItem)]
    assert len(calendar) == 1 and len(calendar[0].data) == 365


def test_choosing_a_deck_redraws_for_that_deck(qtbot: QtBot, services: Services, clock: FixedClock) -> None:
    study(services, clock)
    services.cards.add("Other", CardKind.BASIC, "Q?", "A")
    view = StatsView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.show()
    assert view.summary is not None and view.summary.totals.cards == 11
    with qtbot.waitSignal(view.loaded):
        view.set_deck("Other")
    assert view.summary is not None and view.summary.totals.cards == 1
    assert view.summary.deck == "Other"


def test_back_button_asks_to_leave(qtbot: QtBot, services: Services) -> None:
    view = StatsView(services)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.finished):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
