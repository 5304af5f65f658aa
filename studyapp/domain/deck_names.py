"""Deck names form a tree as in Anki: ``Parent::Child``."""

from __future__ import annotations

SEPARATOR = "::"
