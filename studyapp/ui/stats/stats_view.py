"""The statistics screen: today's totals, true retention, and six plots from ``services.stats``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError
from studyapp.domain.wording import plural, study_time
from studyapp.services.app import Services
from studyapp.services.stats import StatsSummary
from studyapp.ui.errors import show_error
from studyapp.ui.stats import charts
from studyapp.ui.stats.chart_panel import ChartPanel

WHOLE_COLLECTION = ""
PERIODS = (("1 month", 30), ("3 months", 91), ("1 year", 365))
COLUMN_BREAKS = (1200, 600)
"""Window widths from which the charts go three and two to a row; narrower, one per row."""
SIDE_BY_SIDE_WIDTH = 760
"""Below this the retention table goes under today's figures instead of beside them."""


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class StatsView(QWidget):
    """Statistics for the whole collection or one deck (with subdecks); refreshed each time it is shown."""

    loaded = Signal()
    finished = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.summary: StatsSummary | None = None
        self.setObjectName("statsView")

        self.deck_combo = QComboBox()
        self.deck_combo.setMinimumWidth(220)
        self.period_combo = QComboBox()
        for label, days in PERIODS:
            self.period_combo.addItem(label, days)
        self.back_button = QPushButton("Back to decks")
        top = QHBoxLayout()
        top.addWidget(QLabel("Deck"))
        top.addWidget(self.deck_combo)
        top.addSpacing(12)
        top.addWidget(QLabel("Reviews over"))
        top.addWidget(self.period_combo)
        top.addStretch(1)
        top.addWidget(self.back_button)

        self.today_label = QLabel()
        self.today_label.setTextFormat(Qt.TextFormat.PlainText)
        self.today_label.setWordWrap(True)
        font = self.today_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.today_label.setFont(font)
        self.retention_grid = QGridLayout()
        self.retention_labels: dict[tuple[str, str], QLabel] = {}
        self.retention_grid.addWidget(QLabel("True retention"), 0, 0)
        for column, period in enumerate(("today", "week", "month", "year"), start=1):
            header = QLabel(period.title())
            header.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.retention_grid.addWidget(header, 0, column)
        for row, kind in enumerate(("young", "mature", "total"), start=1):
            self.retention_grid.addWidget(QLabel(kind.title()), row, 0)
            for column, period in enumerate(("today", "week", "month", "year"), start=1):
                cell = QLabel("—")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.retention_grid.addWidget(cell, row, column)
                self.retention_labels[(kind, period)] = cell
        self.retention_grid.setColumnStretch(5, 1)  # stacked under today's figures, the table stays compact
        numbers = QFrame()
        numbers.setObjectName("noticeBar")
        self._numbers_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, numbers)
        self._numbers_layout.addWidget(self.today_label, 1)
        self._numbers_layout.addLayout(self.retention_grid)

        content = QWidget()
        self.panels: dict[str, ChartPanel] = {
            "reviews": ChartPanel("Reviews per day, by rating", charts.REVIEWS_LEGEND, left="answers"),
            "forecast": ChartPanel("Due in the next 30 days", charts.FORECAST_LEGEND, left="cards"),
            "retention": ChartPanel("True retention", charts.RETENTION_LEGEND, left="%"),
            "states": ChartPanel("Cards by state", left="cards"),
            "retrievability": ChartPanel("Chance of recall now (FSRS)", charts.RECALL_LEGEND, left="cards"),
            "calendar": ChartPanel("Study days in the last year", charts.CALENDAR_LEGEND),
        }
        self.plots: dict[str, Any] = {name: panel.plot for name, panel in self.panels.items()}
        self._grid = QGridLayout(content)
        self._grid.addWidget(numbers, 0, 0, 1, 3)
        self.columns = 0
        self._reflow(3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the grid reflows; it never pans
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self._fill_decks()
        self.deck_combo.currentIndexChanged.connect(self._on_deck_combo_current_index_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_current_index_changed)
        self.back_button.clicked.connect(self._on_back_button_clicked)

    def _reflow(self, columns: int) -> None:
        """Lay the charts out in ``columns`` columns, in reading order."""
        if columns == self.columns:
            return
        self.columns = columns
        for panel in self.panels.values():
            self._grid.removeWidget(panel)
        for index, panel in enumerate(self.panels.values()):
            self._grid.addWidget(panel, 1 + index // columns, index % columns)
        for column in range(3):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        self._reflow(next((3 - i for i, least in enumerate(COLUMN_BREAKS) if width >= least), 1))
        side_by_side = width >= SIDE_BY_SIDE_WIDTH
        self._numbers_layout.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )

    def _fill_decks(self) -> None:
        current = self._current_deck_data()
        self.deck_combo.blockSignals(True)
        self.deck_combo.clear()
        # Never None as item data: PySide6 6.12's currentData() mis-counts references to None (crash at exit).
        self.deck_combo.addItem("Whole collection", WHOLE_COLLECTION)
        for row in self._services.decks.list():
            self.deck_combo.addItem(row.name, row.name)
        index = self.deck_combo.findData(current)
        self.deck_combo.setCurrentIndex(max(0, index))
        self.deck_combo.blockSignals(False)

    def _current_deck_data(self) -> str:
        """The chosen deck's name ("" = whole collection); never asks an empty combo (it would return None)."""
        if self.deck_combo.currentIndex() < 0:
            return WHOLE_COLLECTION
        return str(self.deck_combo.currentData())

    def set_deck(self, deck: str | None) -> None:
        index = self.deck_combo.findData(deck or WHOLE_COLLECTION)
        if index >= 0:
            self.deck_combo.setCurrentIndex(index)

    def refresh(self) -> None:
        """Read the figures again (one transaction) and redraw every plot."""
        self._fill_decks()
        deck = self._current_deck_data() or None
        days = int(self.period_combo.currentData())
        try:
            summary = self._services.stats.summary(deck, days=days)
        except StudyAppError as error:
            show_error(self, error)
            return
        self.summary = summary
        totals = summary.totals
        self.today_label.setText(
            f"Today: {plural(totals.reviews_today, 'review')} in {study_time(totals.seconds_today)}.\n"
            f"{totals.cards:,} card{'s' if totals.cards != 1 else ''} in "
            f"{'the collection' if deck is None else 'this deck'}; "
            f"{summary.states.review + summary.states.relearning:,} in review, {summary.states.new:,} new."
        )
        for row in summary.retention:
            for kind in ("young", "mature", "total"):
                self.retention_labels[(kind, row.period)].setText(_percent(getattr(row, kind)))
        for plot in self.plots.values():
            charts.apply_palette(plot, self.palette())  # the theme may have changed since the last visit
        charts.draw_reviews(self.plots["reviews"], summary.reviews)
        charts.draw_forecast(self.plots["forecast"], summary.forecast)
        charts.draw_retention(self.plots["retention"], summary.retention)
        charts.draw_states(self.plots["states"], summary.states)
        charts.draw_retrievability(self.plots["retrievability"], summary.retrievability)
        charts.draw_calendar(self.plots["calendar"], summary.calendar, summary.today)
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.isVisible() and self.summary is not None:
            self.refresh()  # light ↔ dark while the statistics are on screen

    def _on_deck_combo_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_period_combo_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_back_button_clicked(self) -> None:
        self.finished.emit()
