"""The statistics plots, drawn with pyqtgraph (plain Qt graphics over numpy; no web view).

pyqtgraph has no type hints, so it is used through a few small functions
here; nothing else in the window imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pyqtgraph as pg  # type: ignore[import-untyped,import-not-found,unused-ignore]
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from studyapp.services.stats import (
    MATURE_DAYS,
    CalendarDayRow,
    CardStatesSummary,
    ForecastDayRow,
    RetentionSummary,
    RetrievabilityRow,
    ReviewDayRow,
)
from studyapp.ui.queue_colors import LEARN_COLOR, NEW_COLOR, REVIEW_COLOR

AGAIN, HARD, GOOD, EASY = "#d84a4a", "#e0a326", "#3c9a5f", "#3b7dd8"
NEW, LEARN, REVIEW = NEW_COLOR, LEARN_COLOR, REVIEW_COLOR
STATE_COLORS = (NEW, "#e07b39", REVIEW, LEARN, "#d6b400", "#8a8f98")
HEAT = ("#e8f3ea", "#b4dcbd", "#7cc08f", "#3f9b5f", "#1e6b3a")
TODAY = "#c62828"


REVIEWS_LEGEND = (("Again", AGAIN), ("Hard", HARD), ("Good", GOOD), ("Easy", EASY))
FORECAST_LEGEND = (("Review", REVIEW), ("Learning", LEARN))
YOUNG, MATURE = "#7fb2ea", NEW
RETENTION_LEGEND = ((f"Young (interval under {MATURE_DAYS} days)", YOUNG), ("Mature", MATURE))
RECALL_LEGEND = (("70% or less", AGAIN), ("71–90%", HARD), ("over 90%", GOOD))
CALENDAR_LEGEND = (("fewest reviews", HEAT[1]), ("most reviews", HEAT[4]), ("today (outlined)", TODAY))


def plot_widget(parent: QWidget, *, left: str = "", bottom: str = "") -> Any:
    """A read-only plot: no mouse panning/zooming, no context menu, themed from the palette."""
    widget = pg.PlotWidget(parent=parent)
    widget.setMinimumHeight(200)
    widget.setMinimumWidth(240)
    widget.studyapp_labels = {"left": left, "bottom": bottom}
    item = widget.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.getViewBox().setMouseEnabled(x=False, y=False)
    item.showGrid(x=False, y=True, alpha=0.15)
    apply_palette(widget, parent.palette())
    return widget


def apply_palette(widget: Any, palette: QPalette) -> None:
    """Background and axes from ``palette``: called again when the theme changes."""
    foreground = palette.color(QPalette.ColorRole.Text)
    widget.setBackground(palette.color(QPalette.ColorRole.Base))
    item = widget.getPlotItem()
    labels: dict[str, str] = widget.studyapp_labels
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(foreground))
        axis.setTextPen(pg.mkPen(foreground))
        if labels.get(name):
            axis.setLabel(labels[name], color=foreground.name())


def _bars(
    x: Sequence[float], heights: Sequence[float], bottoms: Sequence[float], color: str, width: float = 0.8
) -> Any:
    return pg.BarGraphItem(
        x=list(x), height=list(heights), y0=list(bottoms), width=width, brush=pg.mkBrush(color), pen=pg.mkPen(None)
    )


def _day_ticks(days: Sequence[date], x0: int, every: int) -> list[tuple[float, str]]:
    return [(x0 + i, d.strftime("%b %d")) for i, d in enumerate(days) if (len(days) - 1 - i) % every == 0]


def draw_reviews(widget: Any, rows: Sequence[ReviewDayRow]) -> None:
    """Answers per day, stacked Again/Hard/Good/Easy (bottom to top)."""
    item = widget.getPlotItem()
    item.clear()
    x = list(range(len(rows)))
    bottom = [0.0] * len(rows)
    for name, color in (("again", AGAIN), ("hard", HARD), ("good", GOOD), ("easy", EASY)):
        heights = [float(getattr(r, name)) for r in rows]
        if any(heights):
            item.addItem(_bars(x, heights, bottom, color))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    every = 7 if len(rows) <= 31 else 30 if len(rows) <= 120 else 61
    item.getAxis("bottom").setTicks([_day_ticks([r.day for r in rows], 0, every)])
    item.setXRange(-0.7, len(rows) - 0.3, padding=0)
    item.setYRange(0, max([*bottom, 4.0]) * 1.1, padding=0)


def draw_forecast(widget: Any, rows: Sequence[ForecastDayRow]) -> None:
    """Cards due on each coming day: reviews, with learning cards stacked on top."""
    item = widget.getPlotItem()
    item.clear()
    x = list(range(len(rows)))
    reviews = [float(r.reviews) for r in rows]
    learning = [float(r.learning) for r in rows]
    item.addItem(_bars(x, reviews, [0.0] * len(rows), REVIEW))
    item.addItem(_bars(x, learning, reviews, LEARN))
    labels = [(i, "today" if i == 0 else f"+{i}d") for i in range(0, len(rows), 7)]
    item.getAxis("bottom").setTicks([labels])
    item.setXRange(-0.7, len(rows) - 0.3, padding=0)
    item.setYRange(0, max([r + n for r, n in zip(reviews, learning, strict=True)] + [4.0]) * 1.1, padding=0)


def draw_retention(widget: Any, rows: Sequence[RetentionSummary]) -> None:
    """True retention (answers to review cards that were not Again) per period, young and mature side by side."""
    item = widget.getPlotItem()
    item.clear()
    for offset, attr, color in ((-0.2, "young", YOUNG), (0.2, "mature", MATURE)):
        x, heights = [], []
        for i, row in enumerate(rows):
            value = getattr(row, attr)
            if value is not None:
                x.append(i + offset)
                heights.append(100.0 * value)
        if x:
            item.addItem(_bars(x, heights, [0.0] * len(x), color, width=0.36))
        for xi, h in zip(x, heights, strict=True):
            text = pg.TextItem(f"{h:.0f}%", color=widget.palette().color(QPalette.ColorRole.Text), anchor=(0.5, 1))
            text.setPos(xi, h)
            item.addItem(text)
    item.getAxis("bottom").setTicks([[(i, r.period) for i, r in enumerate(rows)]])
    item.setXRange(-0.6, len(rows) - 0.4, padding=0)
    item.setYRange(0, 112, padding=0)


def draw_states(widget: Any, states: CardStatesSummary) -> None:
    item = widget.getPlotItem()
    item.clear()
    names = ("new", "learning", "review", "relearning", "suspended", "buried")
    counts = [float(getattr(states, n)) for n in names]
    for i, (count, color) in enumerate(zip(counts, STATE_COLORS, strict=True)):
        if count:
            item.addItem(_bars([i], [count], [0.0], color))
            ink = widget.palette().color(QPalette.ColorRole.Text)
            text = pg.TextItem(f"{int(count):,}", color=ink, anchor=(0.5, 1))
            text.setPos(i, count)
            item.addItem(text)
    short = ("new", "learn", "review", "relearn", "susp.", "buried")
    item.getAxis("bottom").setTicks([[(i, n) for i, n in enumerate(short)]])
    item.setXRange(-0.6, len(names) - 0.4, padding=0)
    item.setYRange(0, max([*counts, 4.0]) * 1.18, padding=0)


def draw_retrievability(widget: Any, rows: Sequence[RetrievabilityRow]) -> None:
    """How many review cards would be recalled now with each chance (FSRS), in 10 % bins."""
    item = widget.getPlotItem()
    item.clear()
    counts = [float(r.cards) for r in rows]
    colors = [AGAIN if r.high <= 70 else HARD if r.high <= 90 else GOOD for r in rows]
    for i, (count, color) in enumerate(zip(counts, colors, strict=True)):
        if count:
            item.addItem(_bars([i], [count], [0.0], color))
    item.getAxis("bottom").setTicks([[(i, f"{r.low}%") for i, r in enumerate(rows) if i % 2 == 0]])
    item.setXRange(-0.6, len(rows) - 0.4, padding=0)
    item.setYRange(0, max([*counts, 4.0]) * 1.1, padding=0)


def draw_calendar(widget: Any, rows: Sequence[CalendarDayRow], today: date) -> None:
    """A year of study days as squares, one column per week (Monday on top), darker = more reviews."""
    item = widget.getPlotItem()
    item.clear()
    item.showGrid(x=False, y=False)
    if not rows:
        return
    first = rows[0].day - timedelta(days=rows[0].day.weekday())
    top = max([r.reviews for r in rows] + [1])
    spots = []
    for row in rows:
        week = (row.day - first).days // 7
        level = 0 if row.reviews == 0 else 1 + min(3, int(4 * (row.reviews - 1) / top))
        color = QColor(HEAT[level]) if row.reviews else widget.palette().color(QPalette.ColorRole.AlternateBase)
        border = pg.mkPen(TODAY, width=1.5) if row.day == today else pg.mkPen(None)
        spots.append({"pos": (week, -row.day.weekday()), "brush": pg.mkBrush(color), "pen": border})
    scatter = pg.ScatterPlotItem(size=11, symbol="s", pxMode=True)
    scatter.addPoints(spots)
    item.addItem(scatter)
    months = []
    for row in rows:
        if row.day.day == 1 and row.day.month % 2 == 1:
            months.append(((row.day - first).days // 7, row.day.strftime("%b")))
    item.getAxis("bottom").setTicks([months])
    item.getAxis("left").setTicks([[(0, "Mon"), (-2, "Wed"), (-4, "Fri"), (-6, "Sun")]])
    weeks = (rows[-1].day - first).days // 7 + 1
    item.setXRange(-1, weeks, padding=0)
    item.setYRange(-6.8, 0.8, padding=0)
