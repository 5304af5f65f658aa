"""Card use cases: add by hand, edit, delete, look up."""

from __future__ import annotations

import uuid

from studyapp.domain.cards import Card, CardKind
from studyapp.domain.cloze import cloze_ordinals
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId
from studyapp.services.backups import before_destructive
from studyapp.services.context import ServiceContext
from studyapp.storage.repositories.cards import NewCard

BULK_DELETE = 50  # deleting more cards than this takes a backup first


def new_guid() -> str:
    """A random, stable identity for a card made by hand (never derived from its text)."""
    return uuid.uuid4().hex


class CardService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add(
        self,
        deck: str,
        kind: CardKind,
        front: str,
        back: str = "",
        tags: tuple[str, ...] = (),
        context: str = "",
    ) -> CardId:
        if kind is CardKind.CLOZE and not cloze_ordinals(front):
            raise UserInputError("A cloze card needs a deletion such as {{c1::answer}}.")
        if kind is CardKind.BASIC and not back.strip():
            raise UserInputError("A basic card needs an answer (back).")
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            deck_record = uow.decks.get_or_create(deck, now)
            record = uow.cards.add(
                NewCard(
                    deck_id=deck_record.id,
                    kind=kind,
                    front=front,
                    back=back,
                    guid=new_guid(),
                    tags=tags,
                    context=context,
                ),
                now,
                uow.cards.next_position(),
            )
            uow.flush()
            card_id = CardId(record.id)
            uow.commit()
        return card_id

    def get(self, card_id: CardId) -> Card:
        with self._ctx.store.unit_of_work() as uow:
            return uow.cards.get(card_id)

    def edit(
        self,
        card_id: CardId,
        *,
        front: str | None = None,
        back: str | None = None,
        tags: tuple[str, ...] | None = None,
        context: str | None = None,
    ) -> Card:
        with self._ctx.store.unit_of_work() as uow:
            current = uow.cards.get(card_id)
            if current.kind is CardKind.CLOZE and front is not None and not cloze_ordinals(front):
                raise UserInputError("A cloze card needs a deletion such as {{c1::answer}}.")
            uow.cards.edit(card_id, self._ctx.now(), front=front, back=back, tags=tags, context=context)
            uow.commit()
            return uow.cards.get(card_id)

    def delete(self, card_ids: list[CardId]) -> int:
        """Delete cards (kept in the deletion log); a bulk delete takes a backup first."""
        if len(card_ids) > BULK_DELETE:
            before_destructive(self._ctx, f"deleting {len(card_ids)} cards")
        with self._ctx.store.unit_of_work() as uow:
            count = uow.cards.delete(card_ids, self._ctx.now())
            uow.commit()
        return count
