"""Anki's colours for the three queues, wherever cards are counted: the deck list, the review, the charts."""

from __future__ import annotations

NEW_COLOR = "#2f6fde"
LEARN_COLOR = "#c62828"
REVIEW_COLOR = "#2e8b57"
