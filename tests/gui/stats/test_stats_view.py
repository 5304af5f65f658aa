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


@pytest.mark.parametrize(("width", "columns"), [(1300, 3), (900, 2), (640, 2), (480, 1)])
def test_the_charts_reflow_to_the_window_width_instead_of_clipping(
    qtbot: QtBot, services: Services, width: int, columns: int
) -> None:
    view = StatsView(services)
    qtbot.addWidget(view)
    view.resize(width, 420)
    view.show()
    qtbot.waitUntil(lambda: view.columns == columns)
    panels = list(view.panels.values())
    assert all(panel.width() >= 240 for panel in panels)  # never squeezed below a readable plot
    rows = {panel.y() for panel in panels}
    assert len(rows) == -(-len(panels) // columns)


def test_every_chart_names_its_colours_and_keeps_its_whole_title(qtbot: QtBot, services: Services) -> None:
    view = StatsView(services)
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.show()
    reviews = view.panels["reviews"]
    assert reviews.title_label.text() == "Reviews per day, by rating"
    assert reviews.title_label.wordWrap()  # a narrow column wraps the title, never cuts it
    legend = reviews.legend_label.text()
    assert [name for name in ("Again", "Hard", "Good", "Easy") if name in legend] == ["Again", "Hard", "Good", "Easy"]
    assert "Young" in view.panels["retention"].legend_label.text()
    assert "Mature" in view.panels["retention"].legend_label.text()
    assert "today" in view.panels["calendar"].legend_label.text()
    assert view.panels["states"].legend_label.isHidden()  # its bars are labelled on the axis


def test_the_retention_table_goes_under_todays_figures_in_a_narrow_window(qtbot: QtBot, services: Services) -> None:
    view = StatsView(services)
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.show()
    qtbot.waitUntil(lambda: view.retention_labels[("total", "year")].isVisible())
    table = view.retention_labels[("young", "today")]
    assert (
        table.mapTo(view, table.rect().topLeft()).y()
        > view.today_label.mapTo(view, view.today_label.rect().bottomLeft()).y()
    )
    year = view.retention_labels[("total", "year")]
    assert year.mapTo(view, year.rect().topRight()).x() <= view.width()  # the Year column is on screen


def test_todays_study_time_reads_as_in_the_session_summary(qtbot: QtBot, services: Services, clock: FixedClock) -> None:
    services.cards.add("Geo", CardKind.BASIC, "Capital of Peru?", "Lima")
    services.cards.add("Geo", CardKind.BASIC, "Capital of Chile?", "Santiago")
    session = services.reviews.start(services.decks.id_of("Geo"))
    for seconds in (50, 35):  # 85 seconds in all
        card = session.next_card()
        assert card is not None
        session.answer(card.card.id, Rating.GOOD, duration_ms=seconds * 1000)
    view = StatsView(services)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.show()
    summary_time = session.summary.describe().split(" in ", 1)[1].split(" (")[0]
    assert f"2 reviews in {summary_time}." in view.today_label.text()
