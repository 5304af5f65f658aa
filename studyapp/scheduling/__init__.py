"""Spaced-repetition scheduling: FSRS-6 via the fsrs package (no Qt, no SQL).

Nothing is re-exported here, so a module that needs only the study day does not load fsrs.
"""
