"""Our cards grouped into Anki notes.

Each card becomes one Anki card.  Cloze cards that share a ``fact``, quote
the same sentence and delete non-overlapping words become one cloze note
(``c1``, ``c2``, ...), so Anki treats them as siblings; everything else is a
note of its own.  A basic and a cloze card of the same fact cannot share a
note (different note types), so they are not siblings in Anki.  A merged
note takes the GUID of its first card.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import CLOZE_RE
from studyapp.storage.repositories.export import ExportCard

Span = tuple[int, int, str]
"""A deletion in the sentence: start, end, hint."""


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One Anki note: plain-text fields and the cards it yields, in ordinal order."""

    guid: str
    kind: CardKind
    deck: str
    fields: tuple[str, str, str]
    tags: tuple[str, ...]
    cards: tuple[ExportCard, ...]

    @property
    def mod(self) -> int:
        """Latest edit of any of its cards, in epoch seconds (Anki's ``notes.mod``)."""
        stamps = [c.card.modified.timestamp() for c in self.cards if c.card.modified is not None]
        return int(max(stamps)) if stamps else 0


def source_line(item: ExportCard) -> str:
    sentence, title = item.card.source_sentence.strip(), item.source_title.strip()
    return f"{sentence} — {title}" if sentence and title else sentence or title


def _split_cloze(text: str) -> tuple[str, list[Span]]:
    """The sentence without markup, and the spans of the deletions our card tests (its lowest ordinal)."""
    ordinals = [int(m.group(1)) for m in CLOZE_RE.finditer(text)]
    tested = min(ordinals, default=1)
    plain: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in CLOZE_RE.finditer(text):
        plain.append(text[last : match.start()])
        length += match.start() - last
        answer = match.group(2)
        if int(match.group(1)) == tested:
            spans.append((length, length + len(answer), match.group(3) or ""))
        plain.append(answer)
        length += len(answer)
        last = match.end()
    plain.append(text[last:])
    return "".join(plain), spans


def _join_cloze(sentence: str, deletions: list[tuple[Span, int]]) -> str:
    out: list[str] = []
    last = 0
    for (start, end, hint), ordinal in sorted(deletions):
        out.append(sentence[last:start])
        out.append(f"{{{{c{ordinal}::{sentence[start:end]}{'::' + hint if hint else ''}}}}}")
        last = end
    out.append(sentence[last:])
    return "".join(out)


def _overlap(spans: list[Span]) -> bool:
    ordered = sorted(spans)
    return any(b[0] < a[1] for a, b in itertools.pairwise(ordered))


def _cloze_note(group: list[ExportCard], sentence: str, spans: list[list[Span]]) -> PlannedNote:
    first = group[0]
    deletions = [(span, index + 1) for index, card_spans in enumerate(spans) for span in card_spans]
    tags = sorted({t for item in group for t in item.card.tags}, key=str.lower)
    extra = "\n".join(dict.fromkeys(item.card.back for item in group if item.card.back.strip()))
    return PlannedNote(
        guid=first.card.guid,
        kind=CardKind.CLOZE,
        deck=first.card.deck_name,
        fields=(_join_cloze(sentence, deletions), extra, source_line(first)),
        tags=tuple(tags),
        cards=tuple(group),
    )


def _basic_note(item: ExportCard) -> PlannedNote:
    """A basic card, or a cloze card without a deletion (Anki would make no card of it)."""
    card = item.card
    return PlannedNote(
        card.guid, CardKind.BASIC, card.deck_name, (card.front, card.back, source_line(item)), card.tags, (item,)
    )


def plan_notes(items: list[ExportCard]) -> list[PlannedNote]:
    """Notes in the order of their first card (new-card order)."""
    groups: dict[tuple[str, str, str], list[tuple[ExportCard, list[Span]]]] = defaultdict(list)
    order: list[tuple[str, str, str]] = []
    for item in items:
        card = item.card
        sentence, spans = _split_cloze(card.front) if card.kind is CardKind.CLOZE else ("", [])
        if not spans:
            key = ("basic", card.guid, "")
            order.append(key)
            groups[key].append((item, []))
            continue
        key = (card.deck_name, card.fact or card.guid, sentence)
        if key not in groups:
            order.append(key)
        taken = [s for _, member_spans in groups[key] for s in member_spans]
        if _overlap(taken + spans):
            key = ("alone", card.guid, sentence)
            order.append(key)
        groups[key].append((item, spans))
    notes: list[PlannedNote] = []
    for key in order:
        members = groups[key]
        if key[0] == "basic":
            notes.append(_basic_note(members[0][0]))
        else:
            notes.append(_cloze_note([m for m, _ in members], key[2], [s for _, s in members]))
    return notes
