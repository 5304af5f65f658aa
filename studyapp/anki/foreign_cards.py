"""Cards read from another program's file, before they are stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from studyapp.anki.notes import sibling_guid
from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import CLOZE_RE, cloze_ordinals


class ForeignCard(NamedTuple):
    """One card to add or update; ``guid`` is its identity across imports.

    ``deck`` is empty when the file does not say; the import's deck is used.
    A named tuple, not a frozen dataclass: packages hold 100k of them, and a
    tuple is built in a fraction of the time.
    """

    guid: str
    kind: CardKind
    front: str
    back: str
    deck: str = ""
    tags: tuple[str, ...] = ()
    fact: str = ""
    source_sentence: str = ""
    context: str = ""


@dataclass
class ForeignDeck:
    """Everything read from one file: cards, media to store, and what could not be kept."""

    cards: list[ForeignCard] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def cloze_siblings(
    guid: str,
    text: str,
    back: str,
    deck: str = "",
    tags: tuple[str, ...] = (),
    source: str = "",
    context: str = "",
) -> list[ForeignCard]:
    """One of our cards per deletion number: that deletion becomes ``c1``, the others plain text.

    The ``c1`` card keeps the note's GUID, the others get ``GUID#cN``; all
    carry the note's GUID as their fact, so they stay siblings and an export
    puts each back into the same note at the same ordinal (``anki.notes``).
    """
    ordinals = cloze_ordinals(text)
    cards: list[ForeignCard] = []
    for ordinal in ordinals:

        def keep(match: re.Match[str], ordinal: int = ordinal) -> str:
            if int(match.group(1)) != ordinal:
                return match.group(2)
            hint = f"::{match.group(3)}" if match.group(3) else ""
            return f"{{{{c1::{match.group(2)}{hint}}}}}"

        cards.append(
            ForeignCard(
                guid=sibling_guid(guid, ordinal),
                kind=CardKind.CLOZE,
                front=CLOZE_RE.sub(keep, text),
                back=back,
                deck=deck,
                tags=tags,
                fact=guid,
                source_sentence=source,
                context=context,
            )
        )
    return cards
