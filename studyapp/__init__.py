"""StudyApp: turn what you read into flashcards you remember."""

from __future__ import annotations

__version__ = "0.1.0"
