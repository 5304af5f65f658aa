"""What each short word in the preview's Checks column means, for its tooltip.

The generator's verifier flags what it was unsure of (``Warning_``); the
preview adds its own notes (edited, by hand, rewritten).  A flag without an
explanation here still shows, with a generic one.
"""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.domain.cards import CardDraft, Warning_
from studyapp.domain.wording import rewrite_note
from studyapp.ui.tooltips import wrapped_tooltip

EDITED = "edited"
BY_HAND = "by hand"
REWRITTEN = "rewritten"
NEUTRAL = frozenset({EDITED, BY_HAND, REWRITTEN})
"""Notes, not doubts: painted in a calm colour."""

EXPLANATIONS: dict[str, str] = {
    Warning_.ANSWER_IN_QUESTION.value: "The question contains words of its answer, so it may give the answer away.",
    Warning_.DANGLING_PRONOUN.value: "The card has a pronoun (it, they, this …) whose meaning it may not make clear.",
    Warning_.COMPOUND_QUESTION.value: "The question may ask two things at once.",
    Warning_.LONG_ANSWER.value: "The answer is long: hard to recall word for word.",
    EDITED: "You changed this card's text.",
    BY_HAND: "You made this card from a selection in the article.",
    REWRITTEN: "The card replaced words of its sentence:",
}


def explain(check: str) -> str:
    return EXPLANATIONS.get(check, f"The generator was unsure of this card: {check}.")


def checks_tooltip(checks: Sequence[str], draft: CardDraft) -> str:
    """One line per check; "rewritten" lists each replacement and the sentence it came from."""
    lines: list[str] = []
    for check in checks:
        lines.append(f"{check}: {explain(check)}")
        if check == REWRITTEN:
            lines.extend(f"• {rewrite_note(r)}" for r in draft.rewrites)
    return wrapped_tooltip(*lines)
