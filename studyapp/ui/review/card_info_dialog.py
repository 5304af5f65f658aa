"""Card info (``i``): dates, counts, the FSRS memory state and every review of one card."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.cards import CardState
from studyapp.domain.wording import rewrite_note
from studyapp.services.browse import CardInfo

STATE_NAMES = {
    CardState.NEW: "New",
    CardState.LEARNING: "Learning",
    CardState.REVIEW: "Review",
    CardState.RELEARNING: "Relearning",
}


def local_date(moment: datetime | None, *, with_time: bool = False) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M") if with_time else local.strftime("%Y-%m-%d")


def plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CardInfoDialog(QDialog):
    HISTORY_COLUMNS = ("Date", "Type", "Rating", "Interval", "Time", "Stability", "Difficulty")

    def __init__(self, info: CardInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Card info")
        self.resize(700, 520)
        card = info.card
        self.values: dict[str, str] = {
            **({"Context": card.context} if card.context else {}),
            "Question": info.question,
            **({"Changed": "\n".join(rewrite_note(r) for r in card.rewrites)} if card.rewrites else {}),
            "Deck": card.deck_name,
            "Added": local_date(card.created),
            "First review": local_date(info.history[0].reviewed_at) if info.history else "—",
            "Latest review": local_date(info.history[-1].reviewed_at) if info.history else "—",
            "Due": local_date(card.due) if card.state is not CardState.NEW else f"New #{card.position + 1}",
            "Interval": info.interval or "—",
            "State": STATE_NAMES[card.state] + (" (suspended)" if card.suspended else ""),
            "Reviews": str(card.reps),
            "Lapses": str(card.lapses),
            "Stability": f"{card.stability:.1f} days" if card.stability is not None else "—",
            "Difficulty": f"{card.difficulty:.1f} / 10" if card.difficulty is not None else "—",
            "Retrievability": f"{info.retrievability:.0%}" if info.retrievability is not None else "—",
            "Total time": f"{info.total_ms / 1000:.0f} s" if info.history else "—",
            "Tags": " ".join(card.tags) or "—",
            "Card id": str(int(card.id)),
        }
        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for name, value in self.values.items():
            label = plain_label(value)
            self.value_labels[name] = label
            form.addRow(name, label)

        self.history_table = QTableWidget(len(info.history), len(self.HISTORY_COLUMNS))
        self.history_table.setHorizontalHeaderLabels(list(self.HISTORY_COLUMNS))
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(reversed(info.history)):
            cells = (
                local_date(entry.reviewed_at, with_time=True),
                STATE_NAMES[entry.state_before],
                entry.rating.name.title(),
                entry.interval,
                f"{entry.duration_ms / 1000:.1f} s",
                f"{entry.stability:.1f}" if entry.stability is not None else "",
                f"{entry.difficulty:.1f}" if entry.difficulty is not None else "",
            )
            for column, text in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(text))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        history_title = QLabel(f"Reviews ({len(info.history)})" if info.history else "Not reviewed yet.")
        layout.addWidget(history_title)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(buttons)
