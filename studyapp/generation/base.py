"""The contract every card generator back-end meets.

A local LLM or another rule set can be added later by implementing
``CardGenerator``; the hygiene checks in the tests apply to all of them.
"""

from __future__ import annotations

from typing import Protocol

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.domain.progress import CancelToken, Progress, no_progress


class CardGenerator(Protocol):
    """Turns an article into ranked card drafts, best first, deterministically."""

    name: str

    def generate(
        self,
        article: Article,
        *,
        max_cards: int | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[CardDraft]:
        """Return at most ``max_cards`` drafts (a budget from the text's length if None).

        Raises ``Cancelled`` when ``cancel`` is set, ``UserInputError`` for text
        that cannot make cards (empty, not English).
        """
        ...
