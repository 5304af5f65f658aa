"""Our cards grouped into Anki notes, with identities that survive round trips.

A card's place in Anki is (note GUID, cloze ordinal), and both must be the
same at every export or Anki adds duplicates and moves schedules between
cards.  So they are derived only from what is stored when a card is created:

* Cards imported from an Anki cloze note carry the note's GUID as ``fact``
  and ``GUID`` (for ``c1``) or ``GUID#cN`` as their own GUID (see
  ``foreign_cards.cloze_siblings``).  They go back into note ``GUID`` at
  ordinal N: deleting a sibling neither changes the note's GUID nor
  renumbers the others (Anki reports the deleted ordinal as an empty card).
  A sibling whose sentence was edited apart from the note's, or whose
  deletion now overlaps another's, cannot share the note's text and becomes
  a note of its own under its card GUID.
* Every other card is a note of its own under its card GUID.  StudyApp-made
  cloze cards are not merged: the generator keeps one cloze card per fact
  and sentence, and a grouping decided at export time could not be undone
  by an import (the cards' GUIDs are fixed hashes).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import Span, join_cloze, split_cloze
from studyapp.storage.repositories.export import ExportCard

SIBLING_SUFFIX_RE = re.compile(r"#c([1-9][0-9]{0,3})")


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One Anki note: plain-text fields in our note types' order, and its cards with their 1-based cloze ordinals."""

    guid: str
    kind: CardKind
    deck: str
    fields: tuple[str, str, str, str]
    tags: tuple[str, ...]
    cards: tuple[ExportCard, ...]
    ordinals: tuple[int, ...]

    @property
    def mod(self) -> int:
        """Latest edit of any of its cards, in epoch seconds (Anki's ``notes.mod``)."""
        return max(c.modified for c in self.cards)


def note_slot(guid: str, fact: str) -> tuple[str, int] | None:
    """(note GUID, ordinal) of a card imported from a cloze note, else None."""
    if not fact:
        return None
    if guid == fact:
        return fact, 1
    if guid.startswith(fact) and (match := SIBLING_SUFFIX_RE.fullmatch(guid, len(fact))):
        return fact, int(match.group(1))
    return None


def sibling_guid(note_guid: str, ordinal: int) -> str:
    """The inverse of ``note_slot``: the card GUID of a note's ordinal."""
    return note_guid if ordinal == 1 else f"{note_guid}#c{ordinal}"


def source_line(item: ExportCard) -> str:
    sentence, title = item.source_sentence.strip(), item.source_title.strip()
    return f"{sentence} — {title}" if sentence and title else sentence or title


def _overlap(spans: list[Span]) -> bool:
    ordered = sorted(spans)
    return any(b[0] < a[1] for a, b in itertools.pairwise(ordered))


@dataclass
class _Group:
    guid: str
    sentence: str
    members: list[tuple[ExportCard, int, list[Span]]]


def _cloze_note(group: _Group) -> PlannedNote:
    members = sorted(group.members, key=lambda m: m[1])
    first = members[0][0]
    deletions = [(span, ordinal) for _, ordinal, spans in members for span in spans]
    tags = sorted({t for item, _, _ in members for t in item.tags}, key=str.lower)
    extra = "\n".join(dict.fromkeys(item.back for item, _, _ in members if item.back.strip()))
    return PlannedNote(
        guid=group.guid,
        kind=CardKind.CLOZE,
        deck=first.deck_name,
        fields=(join_cloze(group.sentence, deletions), extra, source_line(first), first.context),
        tags=tuple(tags),
        cards=tuple(item for item, _, _ in members),
        ordinals=tuple(ordinal for _, ordinal, _ in members),
    )


def _basic_note(item: ExportCard) -> PlannedNote:
    """A basic card, or a cloze card without a deletion (Anki would make no card of it)."""
    return PlannedNote(
        item.guid,
        CardKind.BASIC,
        item.deck_name,
        (item.front, item.back, source_line(item), item.context),
        item.tags,
        (item,),
        (1,),
    )


def plan_notes(items: list[ExportCard]) -> list[PlannedNote]:
    """Notes in the order of their first card (new-card order)."""
    slots: dict[str, list[tuple[int, ExportCard, str, list[Span]]]] = {}
    planned: dict[int, str | PlannedNote] = {}  # by item index: a group GUID, or the finished note
    for index, item in enumerate(items):
        if item.kind is not CardKind.CLOZE:
            planned[index] = _basic_note(item)
            continue
        sentence, spans = split_cloze(item.front)
        if not spans:
            planned[index] = _basic_note(item)
            continue
        slot = note_slot(item.guid, item.fact)
        if slot is None:
            planned[index] = _cloze_note(_Group(item.guid, sentence, [(item, 1, spans)]))
            continue
        slots.setdefault(slot[0], []).append((slot[1], item, sentence, spans))
        planned[index] = slot[0]
    groups: dict[str, _Group] = {}
    alone: dict[str, PlannedNote] = {}
    for guid, candidates in slots.items():
        candidates.sort(key=lambda c: c[0])
        group = _Group(guid, candidates[0][2], [])
        for ordinal, item, sentence, spans in candidates:
            taken = [s for _, _, member_spans in group.members for s in member_spans]
            if sentence == group.sentence and not _overlap(taken + spans):
                group.members.append((item, ordinal, spans))
            else:
                alone[item.guid] = _cloze_note(_Group(item.guid, sentence, [(item, 1, spans)]))
        groups[guid] = group
    notes: list[PlannedNote] = []
    emitted: set[str] = set()
    for index, item in enumerate(items):
        entry = planned[index]
        if isinstance(entry, PlannedNote):
            notes.append(entry)
        elif item.guid in alone:
            notes.append(alone[item.guid])
        elif entry not in emitted:
            emitted.add(entry)
            notes.append(_cloze_note(groups[entry]))
    return notes
