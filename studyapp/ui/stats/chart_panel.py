"""One statistics chart with its title and colour legend as Qt labels, so neither is ever clipped.

pyqtgraph draws a plot's title in a fixed-height strip that cuts long titles at narrow widths and has
no legend for stacked bars; a word-wrapped label above the plot reads at any width and theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from studyapp.ui.stats import charts


def legend_html(entries: Sequence[tuple[str, str]]) -> str:
    """``■ Again  ■ Hard …``: a coloured square before each name."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{color}">&#9632;</span>&nbsp;{escape(name)}' for name, color in entries
    )


class ChartPanel(QFrame):
    """Title, legend and plot of one chart; ``plot`` is the pyqtgraph widget the charts module draws on."""

    def __init__(
        self, title: str, legend: Sequence[tuple[str, str]] = (), *, left: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.title_label = QLabel(title)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.legend_label = QLabel(legend_html(legend))
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setWordWrap(True)
        self.legend_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.legend_label.setVisible(bool(legend))
        self.plot: Any = charts.plot_widget(self, left=left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.plot, 1)
