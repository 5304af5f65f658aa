"""Storing cards read from Anki packages and text files: one transaction, media included.

Cards are matched by GUID: known ones are updated (content, deck, tags; the
schedule is kept), new ones are added after the collection's last card in
file order, with the schedule the file gives them.  Review-log rows are
matched by their Anki id: an answer already stored is not added again.  Images go to the collection's media folder
(``<collection>.media/``); a different file under an existing name is stored
under a name with its hash, and the cards point at that name.  If the
transaction fails, the files it wrote are removed again.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyapp.anki.field_html import rename_images
from studyapp.anki.foreign_cards import ForeignDeck
from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.foreign import ForeignCard, ForeignPreset
from studyapp.scheduling.study_day import next_day_start
from studyapp.services.context import ServiceContext
from studyapp.services.rows import ImportSummary


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file's cards are read and stored.

    A 100k-card import allocates a few hundred thousand tuples and strings that
    all stay alive until it ends; each allocation burst triggers a collection
    that walks everything alive so far, which cost about a third of the
    import's time.  The import makes no reference cycles worth collecting
    meanwhile; the collector resumes (and catches up) when it ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def media_folder(collection: Path) -> Path:
    return collection.with_name(collection.name + ".media")


def _place_media(folder: Path, media: dict[str, bytes]) -> tuple[dict[str, str], list[Path]]:
    """Write the files; returns renamed names and the files that are new (to undo on failure)."""
    renamed: dict[str, str] = {}
    written: list[Path] = []
    if media:
        folder.mkdir(parents=True, exist_ok=True)
    for name, data in media.items():
        target = folder / name
        if target.exists() and target.read_bytes() != data:
            stem, _, suffix = name.rpartition(".")
            renamed[name] = f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}.{suffix}"
            target = folder / renamed[name]
        if not target.exists():
            target.write_bytes(data)
            written.append(target)
    return renamed, written


def _preset_notes(presets: list[ForeignPreset], names: list[str]) -> list[str]:
    """Which presets the decks got, under which names, and the options each left behind."""
    notes = []
    for preset, name in zip(presets, names, strict=True):
        shown = f"'{name}'" if name == preset.name else f"'{name}' (named '{preset.name}' in the file)"
        notes.append(f"Deck options preset {shown} for {len(preset.decks)} deck(s): {', '.join(preset.decks)}.")
        if preset.left_out:
            notes.append(
                f"Preset {shown}: left out {', '.join(preset.left_out)} (options StudyApp does not have"
                " or values out of range)."
            )
    return notes


def store_foreign(
    context: ServiceContext, foreign: ForeignDeck, default_deck: str, title: str = "", *, under: str = ""
) -> ImportSummary:
    """Store the file's cards; ``under`` (the user's --deck) is the parent of every deck the file names."""
    now = context.now()

    def target(name: str) -> str:  # "" stands for the import's deck
        if not under:
            return name or default_deck
        return f"{under}{SEPARATOR}{name}" if name else under

    unique: dict[str, ForeignCard] = {}
    for card in foreign.cards:
        unique.setdefault(card.guid, card)
    written: list[Path] = []
    try:
        with context.store.unit_of_work() as uow:
            renamed, written = _place_media(media_folder(context.store.path), foreign.media)
            names = {card.deck for card in unique.values()}
            known = {name for name in names if uow.decks.find(target(name)) is not None}
            records = {name: uow.decks.get_or_create(target(name), now) for name in names}
            deck_ids = {name: deck.id for name, deck in records.items()}
            new_decks = {deck.id for name, deck in records.items() if name not in known}
            preset_names = [
                uow.decks.import_preset(preset, [records[name] for name in preset.decks if name in records], new_decks)
                for preset in foreign.presets
            ]
            existing = uow.imports.ids_by_guid(list(unique))
            new_cards: list[ForeignCard] = []
            updates: list[tuple[int, ForeignCard]] = []
            for card in unique.values():
                if renamed:
                    card = card._replace(
                        front=rename_images(card.front, renamed), back=rename_images(card.back, renamed)
                    )
                card_id = existing.get(card.guid)
                if card_id is None:
                    new_cards.append(card)
                else:
                    updates.append((card_id, card))
            tomorrow = next_day_start(now, context.rollover_hour())  # when Anki would unbury the buried ones
            added = uow.imports.add_many(new_cards, deck_ids, now, uow.cards.next_position(), tomorrow)
            updated = uow.imports.update_many(updates, deck_ids, now)
            reviews = 0
            if foreign.reviews:
                card_ids = uow.imports.ids_by_guid(list({review.card_guid for review in foreign.reviews}))
                reviews = uow.imports.add_reviews(foreign.reviews, card_ids)
            uow.commit()
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    notes = list(foreign.notes) + _preset_notes(foreign.presets, preset_names)
    if updated:
        notes.insert(0, f"Updated {updated} card(s) already in the collection.")
    if len(foreign.cards) > len(unique):
        notes.append(f"Ignored {len(foreign.cards) - len(unique)} repeated card(s) in the file.")
    if foreign.media:
        notes.append(f"Stored {len(foreign.media)} image(s).")
    if len(foreign.reviews) > reviews:
        notes.append(f"{len(foreign.reviews) - reviews} review-log row(s) were in the collection already.")
    decks = sorted({target(c.deck) for c in unique.values()}) or [target("")]
    return ImportSummary(
        deck=", ".join(decks),
        source_title=title,
        added=added,
        notes=notes,
        kept_schedules=sum(card.schedule is not None for card in new_cards),
        reviews=reviews,
    )
