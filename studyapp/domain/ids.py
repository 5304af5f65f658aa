"""Typed ids so a deck id is never passed where a card id is expected."""

from __future__ import annotations

from typing import NewType

CardId = NewType("CardId", int)
DeckId = NewType("DeckId", int)
SourceId = NewType("SourceId", int)
PresetId = NewType("PresetId", int)
ReviewId = NewType("ReviewId", int)
