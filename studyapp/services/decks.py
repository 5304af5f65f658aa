"""Deck use cases: create, rename, delete, options, and the deck list with counts."""

from __future__ import annotations

from studyapp.domain.ids import DeckId, PresetId
from studyapp.domain.scheduling import DeckOptions
from studyapp.services.backups import before_destructive
from studyapp.services.context import ServiceContext
from studyapp.services.rows import DeckRow
from studyapp.storage.repositories.decks import SEPARATOR, DeckTally


class DeckService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def create(self, name: str) -> DeckId:
        with self._ctx.store.unit_of_work() as uow:
            record = uow.decks.get_or_create(name, self._ctx.now())
            deck_id = DeckId(record.id)
            uow.commit()
        return deck_id

    def rename(self, deck_id: DeckId, new_name: str) -> None:
        with self._ctx.store.unit_of_work() as uow:
            uow.decks.rename(uow.decks.get(deck_id), new_name)
            uow.commit()

    def delete(self, deck_id: DeckId) -> None:
        """Delete a deck, its subdecks and their cards (cards go to the deletion log)."""
        with self._ctx.store.unit_of_work() as uow:
            has_cards = bool(uow.decks.card_ids_in_subtree(uow.decks.get(deck_id)))
        if has_cards:
            before_destructive(self._ctx, "deleting a deck")
        with self._ctx.store.unit_of_work() as uow:
            record = uow.decks.get(deck_id)
            card_ids = uow.decks.card_ids_in_subtree(record)
            uow.cards.delete(card_ids, self._ctx.now())
            uow.decks.delete(record)
            uow.commit()

    def id_of(self, name: str) -> DeckId:
        with self._ctx.store.unit_of_work() as uow:
            return DeckId(uow.decks.require(name).id)

    def options(self, deck_id: DeckId) -> DeckOptions:
        with self._ctx.store.unit_of_work() as uow:
            return uow.decks.options(uow.decks.get(deck_id).preset_id)

    def set_options(self, deck_id: DeckId, options: DeckOptions) -> None:
        with self._ctx.store.unit_of_work() as uow:
            uow.decks.save_options(uow.decks.get(deck_id).preset_id, options)
            uow.commit()

    def list(self) -> list[DeckRow]:
        """The deck tree in name order; parents include their subdecks' counts."""
        now = self._ctx.now()
        day_start, day_end = self._ctx.study_day_bounds(now)
        with self._ctx.store.unit_of_work() as uow:
            tallies = uow.decks.tallies(now, day_start, day_end)
            presets = {t.preset_id: uow.decks.options(t.preset_id) for t in tallies}
        return _tree_rows(tallies, presets)


def _tree_rows(tallies: list[DeckTally], presets: dict[PresetId, DeckOptions]) -> list[DeckRow]:
    rows: list[DeckRow] = []
    for tally in tallies:
        prefix = tally.name + SEPARATOR
        subtree = [t for t in tallies if t.name == tally.name or t.name.startswith(prefix)]
        options = presets[tally.preset_id]
        new_left = max(0, options.new_per_day - sum(t.new_done_today for t in subtree))
        reviews_left = max(0, options.reviews_per_day - sum(t.reviews_done_today for t in subtree))
        rows.append(
            DeckRow(
                id=tally.id,
                name=tally.name,
                depth=tally.name.count(SEPARATOR),
                total=sum(t.total for t in subtree),
                new=min(new_left, sum(t.new for t in subtree)),
                learning=sum(t.learning for t in subtree),
                due=min(reviews_left, sum(t.due for t in subtree)),
            )
        )
    return rows
