"""Everything read from another program's file, before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.anki.notes import sibling_guid
from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import cloze_ordinals, single_deletion
from studyapp.domain.foreign import ForeignCard, ForeignPreset, ForeignReview


@dataclass
class ForeignDeck:
    """Everything read from one file: cards, their review history, deck presets, media, and what could not be kept."""

    cards: list[ForeignCard] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    reviews: list[ForeignReview] = field(default_factory=list)
    presets: list[ForeignPreset] = field(default_factory=list)


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
    return [
        ForeignCard(
            guid=sibling_guid(guid, ordinal),
            kind=CardKind.CLOZE,
            front=single_deletion(text, ordinal),
            back=back,
            deck=deck,
            tags=tags,
            fact=guid,
            source_sentence=source,
            context=context,
        )
        for ordinal in cloze_ordinals(text)
    ]
