"""Deck and card use cases on a real collection file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import UserInputError
from studyapp.services.app import Services


def names(services: Services) -> list[str]:
    return [row.name for row in services.decks.list()]


def test_creating_a_child_deck_creates_its_parents(services: Services) -> None:
    services.decks.create("Languages :: French::Verbs")
    assert names(services) == ["Languages", "Languages::French", "Languages::French::Verbs"]
    assert [row.depth for row in services.decks.list()] == [0, 1, 2]


@pytest.mark.parametrize("bad", ["", "  ", "A::", "::B", "A::  ::B"])
def test_deck_names_with_empty_levels_are_refused(services: Services, bad: str) -> None:
    with pytest.raises(UserInputError, match="not a valid deck name"):
        services.decks.create(bad)
    assert names(services) == []


def test_renaming_a_deck_moves_its_children(services: Services) -> None:
    services.decks.create("Science::Physics")
    services.decks.rename(services.decks.id_of("Science"), "Nature")
    assert names(services) == ["Nature", "Nature::Physics"]


def test_renaming_onto_an_existing_deck_is_refused(services: Services) -> None:
    services.decks.create("A")
    services.decks.create("B")
    with pytest.raises(UserInputError, match="already exists"):
        services.decks.rename(services.decks.id_of("A"), "B")


def test_deck_names_with_like_wildcards_do_not_capture_other_decks(services: Services) -> None:
    services.decks.create("a_b::x")
    services.decks.create("aXb::y")
    services.decks.rename(services.decks.id_of("a_b"), "c")
    assert names(services) == ["aXb", "aXb::y", "c", "c::x"]


def test_deleting_a_deck_deletes_subdecks_and_cards_into_the_deletion_log(services: Services) -> None:
    services.cards.add("Top::Sub", CardKind.BASIC, "Q1?", "A1")
    services.cards.add("Other", CardKind.BASIC, "Q2?", "A2")
    services.decks.delete(services.decks.id_of("Top"))
    assert names(services) == ["Other"]
    with services.context.store.unit_of_work() as uow:
        assert uow.cards.count() == 1
        from studyapp.storage.records import DeletedCardRecord

        deleted = uow.session.query(DeletedCardRecord).all()
        assert [(d.front, d.deck_name) for d in deleted] == [("Q1?", "Top::Sub")]


def test_deck_list_counts_new_cards_within_the_daily_limit_including_subdecks(services: Services) -> None:
    for i in range(15):
        services.cards.add("Parent::Child", CardKind.BASIC, f"Q{i}?", "A")
    for i in range(10):
        services.cards.add("Parent", CardKind.BASIC, f"P{i}?", "A")
    rows = {row.name: row for row in services.decks.list()}
    assert rows["Parent::Child"].new == 15
    assert rows["Parent"].total == 25
    assert rows["Parent"].new == 20  # default new cards/day
    assert rows["Parent"].learning == 0
    assert rows["Parent"].due == 0


def test_cards_are_added_edited_and_deleted(services: Services, clock: FixedClock) -> None:
    card_id = services.cards.add("D", CardKind.BASIC, "What is 2+2?", "4", tags=("maths", "easy"))
    clock.advance(timedelta(minutes=5))
    card = services.cards.edit(card_id, back="four", tags=("maths",))
    assert (card.front, card.back, card.tags) == ("What is 2+2?", "four", ("maths",))
    assert card.modified is not None and card.created is not None
    assert card.modified - card.created == timedelta(minutes=5)
    assert len(card.guid) == 32
    assert services.cards.delete([card_id]) == 1
    with pytest.raises(UserInputError, match="no card"):
        services.cards.get(card_id)


def test_cloze_cards_need_a_deletion(services: Services) -> None:
    with pytest.raises(UserInputError, match="cloze"):
        services.cards.add("D", CardKind.CLOZE, "No deletion here")
    card_id = services.cards.add("D", CardKind.CLOZE, "The range is {{c1::almost 1,000km}}.")
    with pytest.raises(UserInputError, match="cloze"):
        services.cards.edit(card_id, front="plain text")


def test_absurdly_long_fields_are_refused(services: Services) -> None:
    with pytest.raises(UserInputError, match="too long"):
        services.cards.add("D", CardKind.BASIC, "Q?", "x" * 200_000)
    assert names(services) == []


def test_health_check_reports_a_fresh_collection_healthy(services: Services) -> None:
    services.cards.add("D", CardKind.BASIC, "Q?", "A")
    report = services.health.check()
    assert report.healthy, report.problems
    assert (report.cards, report.decks) == (1, 1)


def test_bulk_delete_and_deck_delete_take_a_backup_first(services: Services, clock: FixedClock) -> None:
    ids = [services.cards.add("Big", CardKind.BASIC, f"Q{i}?", "A") for i in range(52)]
    services.cards.add("Small", CardKind.BASIC, "Q?", "A")
    assert services.backups.list() == []
    services.cards.delete(ids[:1])
    assert services.backups.list() == []  # a single card is in the deletion log; no backup needed
    services.cards.delete(ids[1:])
    assert len(services.backups.list()) == 1
    clock.advance(timedelta(minutes=1))
    services.decks.delete(services.decks.id_of("Small"))
    assert len(services.backups.list()) == 2
