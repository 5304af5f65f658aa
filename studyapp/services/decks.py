"""Deck use cases: create, rename, delete, options, and the deck list with counts."""

from __future__ import annotations

from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.ids import DeckId
from studyapp.domain.scheduling import DeckOptions
from studyapp.scheduling.study_day import study_day, today_bounds
from studyapp.services.backups import before_destructive
from studyapp.services.context import DEFAULT_ROLLOVER_HOUR, ROLLOVER_KEY, ServiceContext
from studyapp.services.custom_study import EXTRA_NEW_PREFIX, extra_new_today
from studyapp.services.rows import DeckRow, PresetRow
from studyapp.storage.repositories.deck_tallies import DeckTally


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

    def preset(self, deck_id: DeckId) -> tuple[str, int]:
        """The name of the deck's options preset and how many decks share it."""
        with self._ctx.store.unit_of_work() as uow:
            preset_id = uow.decks.get(deck_id).preset_id
            return uow.decks.preset_name(preset_id), uow.decks.decks_using(preset_id)

    def presets(self) -> list[PresetRow]:
        """Every options preset with the number of decks sharing it, for a preset picker."""
        with self._ctx.store.unit_of_work() as uow:
            return [PresetRow(name, decks) for name, decks in uow.decks.presets()]

    def preset_options(self, name: str) -> DeckOptions:
        """The options a deck would get by switching to preset ``name``."""
        with self._ctx.store.unit_of_work() as uow:
            return uow.decks.options_named(name)

    def use_preset(self, deck_id: DeckId, name: str) -> bool:
        """Switch the deck to preset ``name``, made from the deck's current options if new; True if made."""
        with self._ctx.store.unit_of_work() as uow:
            created = uow.decks.use_preset(uow.decks.get(deck_id), name)
            uow.commit()
        return created

    def list(self) -> list[DeckRow]:
        """The deck tree in name order; parents include their subdecks' counts."""
        now = self._ctx.now()
        with self._ctx.store.connection_work() as work:
            rollover = int(work.settings.setting(ROLLOVER_KEY, str(DEFAULT_ROLLOVER_HOUR)))
            day_start, day_end = today_bounds(now, rollover)
            today = study_day(now, rollover)
            extra = {
                int(key.removeprefix(EXTRA_NEW_PREFIX)): extra_new_today(value, today)
                for key, value in work.settings.settings_with_prefix(EXTRA_NEW_PREFIX).items()
                if key.removeprefix(EXTRA_NEW_PREFIX).isdigit()
            }
            tallies = work.deck_tallies.tallies(now, day_start, day_end, extra)
        return _tree_rows(tallies)


def _tree_rows(tallies: list[DeckTally]) -> list[DeckRow]:
    rows: list[DeckRow] = []
    for tally in tallies:
        prefix = tally.name + SEPARATOR
        subtree = [t for t in tallies if t.name == tally.name or t.name.startswith(prefix)]
        new_left = max(0, tally.new_per_day - sum(t.new_done_today for t in subtree))
        reviews_left = max(0, tally.reviews_per_day - sum(t.reviews_done_today for t in subtree))
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
