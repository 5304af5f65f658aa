"""Anki packages → our cards: Basic-like and Cloze notes, their decks, tags, images and progress.

Field HTML becomes plain text (cloze syntax kept); ``<img>`` becomes an
``[image: NAME]`` line and the file is kept for the collection's media
folder.  What we cannot keep (audio, other note types, non-image media) is
counted and reported.  Each Anki card keeps an identity derived from its
note's GUID, so importing the same package again updates instead of adding.
Each card brings its schedule (``anki.schedule``), in its home deck if it sat
in a filtered one, and the review log comes along (``anki.review_log``).
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from studyapp.anki.collection_reader import CollectionContent, NoteType, PackageNote, read_collection
from studyapp.anki.field_html import from_field_html
from studyapp.anki.foreign_cards import ForeignDeck, cloze_siblings
from studyapp.anki.package_archive import Limits, open_anki_archive
from studyapp.anki.review_log import imported_reviews
from studyapp.anki.schedule import ScheduleReader
from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import cloze_ordinals
from studyapp.domain.errors import UserInputError
from studyapp.domain.foreign import ForeignCard, ForeignPreset
from studyapp.domain.progress import CancelToken
from studyapp.scheduling.study_day import DEFAULT_ROLLOVER_HOUR
from studyapp.storage.repositories.cards import MAX_FIELD_CHARS

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"})
MAX_RAW_FIELD_CHARS = 10 * MAX_FIELD_CHARS
OWN_NOTETYPE_PREFIX = "StudyApp "
BASIC = CardKind.BASIC  # enum member lookups are slow enough to show in a 100k-note import


def _safe_media_name(name: str) -> bool:
    path = PurePosixPath(name)
    return name == path.name and not name.startswith(".") and "\\" not in name and path.suffix.lower() in IMAGE_SUFFIXES


class _Converter:
    def __init__(self, label: str, schedules: ScheduleReader) -> None:
        self.label = label
        self.result = ForeignDeck()
        self.images: set[str] = set()
        self.sounds = 0
        self.unsupported: Counter[str] = Counter()
        self.extra_templates = 0
        self.schedules = schedules
        self.card_guids: dict[int, str] = {}
        """Anki card id -> the GUID of the card made of it, to attach the review log."""

    def placed(self, card: ForeignCard, card_id: int) -> ForeignCard:
        """``card``, made of Anki card ``card_id``, with that card's schedule."""
        self.card_guids[card_id] = card.guid
        schedule = self.schedules.of(card_id)
        return card if schedule is None else card._replace(schedule=schedule)

    def field(self, raw: str) -> str:
        if len(raw) > MAX_RAW_FIELD_CHARS:
            raise UserInputError(f"{self.label} was refused: a field holds {len(raw):,} characters.")
        if "<" not in raw and "&" not in raw and "[sound:" not in raw:
            return raw.strip()  # plain text already: most fields, and the parser is the import's main cost
        plain = from_field_html(raw)
        self.images.update(plain.images)
        self.sounds += plain.sounds
        return plain.text

    def add(self, note: PackageNote, notetype: NoteType, decks: dict[int, str]) -> None:
        guid, _notetype_id, fields, tags, cards = note
        if not cards:
            return
        deck = decks.get(cards[0][1], "")
        own = notetype.name.startswith(OWN_NOTETYPE_PREFIX)
        source = self.field(fields[2]) if own and len(fields) > 2 else ""
        context = self.field(fields[3]) if own and len(fields) > 3 else ""
        if notetype.cloze:
            text = self.field(fields[0])
            extra = self.field(fields[1]) if len(fields) > 1 else ""
            siblings = cloze_siblings(guid, text, extra, deck, tags, source, context)
            anki_cards = {ordinal + 1: (deck_id, card_id) for ordinal, deck_id, card_id in cards}
            for number, card in zip(cloze_ordinals(text), siblings, strict=True):
                found = anki_cards.get(number)  # Anki's ord is the cloze number - 1; siblings may sit in other decks
                if found is None:
                    self.result.cards.append(card)
                else:
                    self.result.cards.append(self.placed(card._replace(deck=decks.get(found[0], deck)), found[1]))
            return
        if len(fields) < 2 or "occlusion" in notetype.name.lower():
            self.unsupported[notetype.name] += 1
            return
        front, back = self.field(fields[0]), self.field(fields[1])
        if len(cards) == 1 and cards[0][0] == 0:  # the usual note: one card, front to back
            card = ForeignCard(
                guid=guid,
                kind=BASIC,
                front=front,
                back=back,
                deck=decks.get(cards[0][1], deck),
                tags=tags,
                source_sentence=source,
                context=context,
            )
            self.result.cards.append(self.placed(card, cards[0][2]))
            return
        for ordinal, deck_id, card_id in cards:
            if ordinal > 1:
                self.extra_templates += 1
                continue
            question, answer = (front, back) if ordinal == 0 else (back, front)
            card_guid = guid if ordinal == 0 else f"{guid}#{ordinal + 1}"
            card = ForeignCard(
                guid=card_guid,
                kind=BASIC,
                front=question,
                back=answer,
                deck=decks.get(deck_id, deck),
                tags=tags,
                fact=guid,
                source_sentence=source,
                context=context,
            )
            self.result.cards.append(self.placed(card, card_id))

    def add_all(self, notes: list[PackageNote], notetypes: dict[int, NoteType], decks: dict[int, str]) -> None:
        """Every note in file order; the usual one (one card, front to back, no markup) without a call per field.

        The shortcut gives the same card ``add`` would; the note type decides once whether it applies.
        """
        plain_types = {
            ntid: kind.name.startswith(OWN_NOTETYPE_PREFIX)
            for ntid, kind in notetypes.items()
            if not kind.cloze and "occlusion" not in kind.name.lower()
        }  # note type id -> whether its third field is our source line (and its fourth our context)
        append = self.result.cards.append
        card_guids, studied, schedule_of = self.card_guids, self.schedules.cards, self.schedules.of
        with_history = self.schedules.with_history  # card ids are only needed to attach the review log
        for note in notes:
            guid, notetype_id, fields, tags, cards = note
            own = plain_types.get(notetype_id)
            if own is not None and len(cards) == 1 and not cards[0][0] and len(fields) > 1:
                front, back = fields[0], fields[1]
                source = fields[2] if own and len(fields) > 2 else ""
                context = fields[3] if own and len(fields) > 3 else ""
                if not (
                    len(front) > MAX_RAW_FIELD_CHARS or len(back) > MAX_RAW_FIELD_CHARS
                    or len(source) > MAX_RAW_FIELD_CHARS or len(context) > MAX_RAW_FIELD_CHARS
                    or "<" in front or "&" in front or "[sound:" in front
                    or "<" in back or "&" in back or "[sound:" in back
                    or "<" in source or "&" in source or "[sound:" in source
                    or "<" in context or "&" in context or "[sound:" in context
                ):  # fmt: skip
                    _ordinal, deck_id, card_id = cards[0]
                    if with_history:
                        card_guids[card_id] = guid
                    append(
                        ForeignCard(
                            guid=guid,
                            kind=BASIC,
                            front=front.strip(),
                            back=back.strip(),
                            deck=decks.get(deck_id, ""),
                            tags=tags,
                            source_sentence=source.strip(),
                            context=context.strip(),
                            schedule=schedule_of(card_id) if card_id in studied else None,
                        )
                    )
                    continue
            notetype = notetypes.get(notetype_id)
            if notetype is None:
                self.unsupported["(missing note type)"] += 1
            else:
                self.add(note, notetype, decks)

    def report(self) -> None:
        notes = self.result.notes
        for name, count in sorted(self.unsupported.items()):
            notes.append(f"Skipped {count} note(s) of the unsupported note type '{name}'.")
        if self.extra_templates:
            notes.append(f"Skipped {self.extra_templates} card(s) made by a third or later card template.")
        if self.sounds:
            notes.append(f"Removed {self.sounds} audio reference(s); StudyApp does not play audio.")


def deck_presets(content: CollectionContent, decks: set[str], label: str) -> list[ForeignPreset]:
    """The presets of the decks that receive cards, each naming those decks; a preset no such deck uses is not made."""
    users: dict[int, list[str]] = {}
    for deck_id, config_id in sorted(content.deck_presets.items()):
        name = content.decks.get(deck_id)
        if name in decks and config_id in content.presets:
            users.setdefault(config_id, []).append(name)
    return [
        ForeignPreset(preset.name, config_id, preset.options, tuple(sorted(users[config_id])), label, preset.left_out)
        for config_id, preset in sorted(content.presets.items())
        if config_id in users
    ]


def read_anki_package(
    stream: BinaryIO,
    label: str,
    folder: Path,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
) -> ForeignDeck:
    """Read an .apkg/.colpkg into cards, their schedules, the review log, deck presets and image files.

    The collection is unpacked in the private ``folder``; ``rollover_hour`` is when the
    user's study day starts, which places Anki's due days (counted in days) in time.
    """
    log.debug("reading %s as an Anki package", label)
    with open_anki_archive(stream, label, limits) as archive:
        database = folder / "collection.db"
        archive.copy_collection(database)
        if cancel is not None:
            cancel.raise_if_cancelled()
        content = read_collection(database, label, cancel)
        converter = _Converter(label, ScheduleReader(content, rollover_hour))
        converter.add_all(content.notes, content.notetypes, content.decks)
        history = imported_reviews(content.reviews, converter.card_guids)
        converter.result.reviews = history.reviews
        converter.result.notes.extend(history.notes())
        converter.result.presets = deck_presets(content, {card.deck for card in converter.result.cards}, label)
        missing = 0
        for name in sorted(converter.images):
            data = archive.media(name) if _safe_media_name(name) else None
            if data is None:
                missing += 1
            else:
                converter.result.media[name] = data
        if missing:
            converter.result.notes.append(
                f"{missing} image(s) were missing from the package or not a supported image file; "
                "their [image: ...] markers were kept."
            )
    converter.report()
    return converter.result
