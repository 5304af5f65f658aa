"""Spaced-repetition scheduling: FSRS-6 via the fsrs package (no Qt, no SQL)."""
