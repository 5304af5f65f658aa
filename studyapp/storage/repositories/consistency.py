"""The app's own rules that SQLite cannot enforce, checked by ``studyapp check``."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.cloze import cloze_ordinals
from studyapp.storage.records import CardRecord, DeckRecord, ReviewRecord, SourceRecord

SEPARATOR = "::"


class ConsistencyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def problems(self) -> list[str]:
        found: list[str] = []
        found += self._bad_states()
        found += self._scheduled_without_due()
        found += self._bad_ratings()
        found += self._orphan_decks()
        found += self._bad_clozes()
        found += self._bad_spans()
        return found

    def _bad_states(self) -> list[str]:
        valid = [int(s) for s in CardState]
        bad = self._session.scalar(select(func.count()).select_from(CardRecord).where(CardRecord.state.not_in(valid)))
        return [f"{bad} card(s) have an unknown scheduling state."] if bad else []

    def _scheduled_without_due(self) -> list[str]:
        bad = self._session.scalar(
            select(func.count())
            .select_from(CardRecord)
            .where(and_(CardRecord.state != int(CardState.NEW), CardRecord.due.is_(None)))
        )
        return [f"{bad} card(s) have been studied but have no due date."] if bad else []

    def _bad_ratings(self) -> list[str]:
        bad = self._session.scalar(
            select(func.count()).select_from(ReviewRecord).where(~ReviewRecord.rating.between(1, 4))
        )
        return [f"{bad} review(s) have a rating outside 1-4."] if bad else []

    def _orphan_decks(self) -> list[str]:
        names = set(self._session.scalars(select(DeckRecord.name)))
        missing = sorted({n.rpartition(SEPARATOR)[0] for n in names if SEPARATOR in n} - names)
        return [f"Deck '{name}' is missing but has subdecks." for name in missing]

    def _bad_clozes(self) -> list[str]:
        rows = self._session.execute(
            select(CardRecord.id, CardRecord.front).where(CardRecord.kind == CardKind.CLOZE.value)
        )
        return [f"Cloze card {card_id} has no deletion." for card_id, front in rows if not cloze_ordinals(front)]

    def _bad_spans(self) -> list[str]:
        rows = self._session.execute(
            select(CardRecord.id, CardRecord.source_start, CardRecord.source_end, func.length(SourceRecord.text))
            .join(SourceRecord, SourceRecord.id == CardRecord.source_id)
            .where(
                or_(
                    CardRecord.source_start < 0,
                    CardRecord.source_end < CardRecord.source_start,
                    CardRecord.source_end > func.length(SourceRecord.text),
                )
            )
        )
        return [f"Card {card_id} points outside its article ({s}-{e} of {n})." for card_id, s, e, n in rows]
