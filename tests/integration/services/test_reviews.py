"""Studying through the review service on a real collection."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.pool import QueuePool

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import CollectionError
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.services.app import Services, open_services
from studyapp.services.reviews import QueueCounts


def add_cards(services: Services, count: int, deck: str = "D") -> list[CardId]:
    return [services.cards.add(deck, CardKind.BASIC, f"Question {i}?", f"Answer {i}") for i in range(count)]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_new_cards_come_in_the_order_they_were_added(services: Services) -> None:
    ids = add_cards(services, 3)
    session = services.reviews.start(services.decks.id_of("D"))
    shown = []
    for _ in range(3):
        card = session.next_card()
        assert card is not None
        shown.append(card.card.id)
        session.answer(card.card.id, Rating.EASY)
    assert shown == ids
    assert session.next_card() is None


def test_answer_again_brings_the_card_back_after_its_learning_step(services: Services, clock: FixedClock) -> None:
    (card_id,) = add_cards(services, 1)
    session = services.reviews.start(services.decks.id_of("D"))
    card = session.next_card()
    assert card is not None and card.intervals[Rating.AGAIN] == "1m" and card.intervals[Rating.GOOD] == "10m"
    outcome = session.answer(card_id, Rating.AGAIN)
    assert outcome.interval == "1m"
    again = session.next_card()  # within the learn-ahead window, nothing else left
    assert again is not None and again.card.id == card_id
    assert again.counts.learning == 1


def test_daily_new_limit_holds_across_sessions_of_the_same_day(services: Services, clock: FixedClock) -> None:
    add_cards(services, 5)
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(new_per_day=3))
    first = services.reviews.start(deck_id)
    for _ in range(2):
        card = first.next_card()
        assert card is not None
        first.answer(card.card.id, Rating.EASY)
    second = services.reviews.start(deck_id)
    card = second.next_card()
    assert card is not None
    second.answer(card.card.id, Rating.EASY)
    assert second.next_card() is None
    clock.advance(timedelta(days=1))
    assert services.reviews.start(deck_id).counts().new == 2


def test_each_answer_commits_state_and_log_row_together(services: Services, collection_path: Path) -> None:
    (card_id,) = add_cards(services, 1)
    session = services.reviews.start(services.decks.id_of("D"))
    session.answer(card_id, Rating.GOOD, duration_ms=4200)
    assert rows(collection_path, "SELECT card_id, rating, duration_ms, prior_state FROM reviews") == [
        (card_id, 3, 4200, 0)
    ]
    assert rows(collection_path, f"SELECT state, reps FROM cards WHERE id = {card_id}") == [(CardState.LEARNING, 1)]


def test_undo_restores_the_card_byte_for_byte_and_removes_the_log_row(
    services: Services, collection_path: Path, clock: FixedClock
) -> None:
    (card_id,) = add_cards(services, 1)
    session = services.reviews.start(services.decks.id_of("D"))
    session.answer(card_id, Rating.GOOD)
    clock.advance(timedelta(minutes=11))
    before = rows(collection_path, f"SELECT * FROM cards WHERE id = {card_id}")
    session.answer(card_id, Rating.GOOD)
    assert rows(collection_path, f"SELECT * FROM cards WHERE id = {card_id}") != before
    assert session.undo() == card_id
    assert rows(collection_path, f"SELECT * FROM cards WHERE id = {card_id}") == before
    assert rows(collection_path, "SELECT count(*) FROM reviews") == [(1,)]
    next_card = session.next_card()
    assert next_card is not None and next_card.card.id == card_id


def test_cloze_siblings_from_the_same_sentence_are_buried_until_tomorrow(services: Services, clock: FixedClock) -> None:
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft

    text = "The tower is 330 metres tall and was finished in 1889."
    article = Article(title="Tower", text=text)
    drafts = [
        CardDraft(
            CardKind.CLOZE,
            "The tower is [...] tall",
            "330 metres",
            text,
            0,
            len(text),
            cloze="The tower is {{c1::330 metres}} tall and was finished in 1889.",
        ),
        CardDraft(
            CardKind.CLOZE,
            "... finished in [...].",
            "1889",
            text,
            0,
            len(text),
            cloze="The tower is 330 metres tall and was finished in {{c1::1889}}.",
        ),
    ]
    services.imports.add_drafts(article, drafts, "D")
    session = services.reviews.start(services.decks.id_of("D"))
    card = session.next_card()
    assert card is not None
    session.answer(card.card.id, Rating.EASY)
    assert session.next_card() is None
    clock.advance(timedelta(days=1))
    tomorrow = services.reviews.start(services.decks.id_of("D")).next_card()
    assert tomorrow is not None and tomorrow.card.id != card.card.id


def test_siblings_are_counted_and_shown_once_a_day_and_the_new_limit_skips_them(services: Services) -> None:
    """As Anki buries siblings when it gathers the queue: three sentences with two cards each, limit 2."""
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft

    sentences = ["The Danube flows through ten countries.", "The Nile is long.", "The Rhine is busy."]
    text = " ".join(sentences)
    drafts = []
    for sentence in sentences:
        start = text.index(sentence)
        for part in ("first", "second"):
            drafts.append(
                CardDraft(CardKind.BASIC, f"{part}: {sentence}?", part, sentence, start, start + len(sentence))
            )
    services.imports.add_drafts(Article(title="Rivers", text=text), drafts, "D")
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(new_per_day=2))
    session = services.reviews.start(deck_id)
    assert session.counts() == QueueCounts(new=2, learning=0, review=0)
    shown = []
    while (card := session.next_card()) is not None and card.card.state is CardState.NEW:
        shown.append(card.card.source_sentence)
        session.answer(card.card.id, Rating.EASY)
    assert shown == sentences[:2]


def test_answering_buries_siblings_through_their_indexes_not_a_deck_scan(collection_path: Path) -> None:
    from studyapp.storage.repositories.reviews import siblings_sql
    from studyapp.storage.store import Store

    Store.open(collection_path).close()
    with sqlite3.connect(collection_path) as db:
        for has_source, no_start in ((True, False), (True, True), (False, False)):
            sql = siblings_sql(has_source, no_start, (CardState.NEW, CardState.REVIEW))
            plan = " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", [1] * sql.count("?")))
            assert "SCAN" not in plan and "ix_cards_deck_state_due" not in plan, plan
            assert "ix_cards_fact" in plan and ("ix_cards_sibling" in plan) == has_source, plan
    db.close()


def test_leech_is_tagged_and_suspended_after_eight_lapses(services: Services, clock: FixedClock) -> None:
    (card_id,) = add_cards(services, 1)
    deck_id = services.decks.id_of("D")
    session = services.reviews.start(deck_id)
    session.answer(card_id, Rating.EASY)  # graduates to review
    flags = []
    for _ in range(8):
        clock.advance(timedelta(days=30))
        flags.append(session.answer(card_id, Rating.AGAIN).leech)
        clock.advance(timedelta(minutes=15))
        if not flags[-1]:
            session.answer(card_id, Rating.GOOD)
    assert flags == [False] * 7 + [True]
    card = services.cards.get(card_id)
    assert card.lapses == 8 and "leech" in card.tags and card.suspended


def test_suspend_bury_and_forget(services: Services, clock: FixedClock) -> None:
    a, b, c = add_cards(services, 3)
    deck_id = services.decks.id_of("D")
    session = services.reviews.start(deck_id)
    session.answer(c, Rating.EASY)
    services.reviews.set_suspended([a], True)
    services.reviews.bury([b])
    assert services.reviews.start(deck_id).next_card() is None
    services.reviews.forget([c])
    forgotten = services.cards.get(c)
    assert forgotten.state is CardState.NEW and forgotten.reps == 0
    clock.advance(timedelta(days=1))
    services.reviews.set_suspended([a], False)
    shown = services.reviews.start(deck_id).next_card()
    assert shown is not None and shown.card.id == a


def test_counts_follow_answers_undo_put_back_and_outside_changes_like_a_fresh_recount(
    services: Services, clock: FixedClock
) -> None:
    ids = add_cards(services, 12)
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(new_per_day=10))
    session = services.reviews.start(deck_id)
    seen = []
    for rating in (Rating.EASY, Rating.AGAIN, Rating.GOOD, Rating.EASY):
        card = session.next_card()
        assert card is not None
        seen.append(card.counts)
        session.answer(card.card.id, rating)
    assert [(c.new, c.review) for c in seen] == [(10, 0), (9, 0), (8, 0), (7, 0)]
    assert session.counts() == services.reviews.start(deck_id).counts() == QueueCounts(6, 2, 0)
    assert session.undo() == ids[3]  # back at the front of the queue, counted as new again
    assert session.counts().new == 7
    session.put_back(ids[3])  # already queued: neither lost nor counted twice
    assert session.counts().new == 7
    services.reviews.set_suspended([ids[3]], True)  # the queue's head is skipped once found suspended
    card = session.next_card()
    assert card is not None and card.card.id == ids[4] and card.counts.new == 6


def test_button_labels_are_worked_out_on_first_use_from_the_state_when_the_card_was_fetched(
    services: Services, clock: FixedClock
) -> None:
    (card_id,) = add_cards(services, 1)
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(enable_fuzz=False))
    session = services.reviews.start(deck_id)
    card = session.next_card()
    assert card is not None
    clock.advance(timedelta(hours=2))  # a long look at the question does not change the labels
    # FSRS-6 defaults: Again and Good are the 1m and 10m learning steps, Hard halfway (5.5m shown as 6m),
    # Easy graduates at the initial stability w[3] = 8.2956 days, which at 90% retention is 8 days.
    assert dict(card.intervals) == {Rating.AGAIN: "1m", Rating.HARD: "6m", Rating.GOOD: "10m", Rating.EASY: "8d"}
    assert card.intervals.get(Rating.GOOD) == "10m" and len(card.intervals) == 4
    assert session.answer(card_id, Rating.EASY).interval == "8d"
    assert services.cards.get(card_id).due == clock.now() + timedelta(days=8)


def test_undo_restores_a_leech_and_its_buried_siblings_byte_for_byte(
    services: Services, collection_path: Path, clock: FixedClock
) -> None:
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft

    text = "Water boils at 100 degrees at sea level."
    drafts = [
        CardDraft(CardKind.CLOZE, f"q{k}", f"a{k}", text, 0, len(text), cloze=f"Water boils at {{{{c1::{k}}}}}.")
        for k in range(3)
    ]
    services.imports.add_drafts(Article(title="Water", text=text), drafts, "D")
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(leech_threshold=1, leech_suspend=True))
    session = services.reviews.start(deck_id)
    card = session.next_card()
    assert card is not None
    card_id = card.card.id
    session.answer(card_id, Rating.EASY)  # graduates; buries both siblings until tomorrow
    assert rows(collection_path, "SELECT count(*) FROM cards WHERE buried_until IS NOT NULL") == [(2,)]
    clock.advance(timedelta(days=30))
    with sqlite3.connect(collection_path) as conn:  # yesterday's burying is over; clear it so it can happen again
        conn.execute("UPDATE cards SET buried_until = NULL")
    conn.close()
    before = rows(collection_path, "SELECT * FROM cards ORDER BY id")
    outcome = session.answer(card_id, Rating.AGAIN)  # first lapse: a leech at threshold 1
    assert outcome.leech
    after = rows(collection_path, f"SELECT tags, suspended FROM cards WHERE id = {card_id}")
    assert after == [(" leech ", 1)]
    assert rows(collection_path, "SELECT count(*) FROM cards WHERE buried_until IS NOT NULL") == [(2,)]
    assert session.undo() == card_id
    assert rows(collection_path, "SELECT * FROM cards ORDER BY id") == before


def test_an_answer_that_fails_midway_changes_nothing_and_the_next_one_commits(
    services: Services, collection_path: Path
) -> None:
    (card_id,) = add_cards(services, 1)
    session = services.reviews.start(services.decks.id_of("D"))
    before = rows(collection_path, f"SELECT * FROM cards WHERE id = {card_id}")
    with sqlite3.connect(collection_path) as conn:  # the log row's INSERT fails after the card's UPDATE
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON reviews BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
    conn.close()
    with pytest.raises(CollectionError, match="disk holding"):
        session.answer(card_id, Rating.GOOD)
    assert rows(collection_path, f"SELECT * FROM cards WHERE id = {card_id}") == before
    assert rows(collection_path, "SELECT count(*) FROM reviews") == [(0,)]
    with sqlite3.connect(collection_path) as conn:
        conn.execute("DROP TRIGGER refuse")
    conn.close()
    session.answer(card_id, Rating.GOOD)  # the pooled connection came back clean, not stuck in the failed transaction
    assert rows(collection_path, "SELECT count(*) FROM reviews") == [(1,)]
    assert rows(collection_path, f"SELECT reps FROM cards WHERE id = {card_id}") == [(1,)]


def test_a_session_answers_from_a_worker_thread_and_back_on_the_first(
    services: Services, collection_path: Path
) -> None:
    first, second = add_cards(services, 2)
    session = services.reviews.start(services.decks.id_of("D"))
    shown: list[CardId] = []

    def study_one() -> None:
        card = session.next_card()
        assert card is not None
        shown.append(card.card.id)
        session.answer(card.card.id, Rating.EASY)

    worker = threading.Thread(target=study_one)
    worker.start()
    worker.join()
    study_one()
    assert shown == [first, second]
    assert rows(collection_path, "SELECT card_id FROM reviews ORDER BY id") == [(first,), (second,)]
    assert session.next_card() is None


def test_studying_keeps_its_own_connection_and_a_second_transaction_meanwhile_takes_a_pooled_one(
    collection_path: Path, clock: FixedClock
) -> None:
    services = open_services(collection_path, clock=clock)
    add_cards(services, 3)
    session = services.reviews.start(services.decks.id_of("D"))
    pool = services.context.store.engine.pool
    assert isinstance(pool, QueuePool)
    while (card := session.next_card()) is not None:
        assert pool.checkedout() == 0  # the study connection is the store's own, not one from the pool
        session.answer(card.card.id, Rating.EASY)
    with services.context.store.connection_work() as outer, services.context.store.connection_work() as inner:
        assert pool.checkedout() == 1  # a second transaction meanwhile takes a pooled connection, not the busy one
        assert outer.study.states([]) == inner.study.states([]) == {}
    assert pool.checkedout() == 0
    services.close()
    assert not collection_path.with_name(collection_path.name + "-wal").exists()  # every connection closed


def test_with_bury_new_off_siblings_of_a_new_card_are_shown_the_same_day(services: Services) -> None:
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft

    sentence = "The Danube flows through ten countries."
    drafts = [CardDraft(CardKind.BASIC, f"{part}?", part, sentence, 0, len(sentence)) for part in ("one", "two")]
    services.imports.add_drafts(Article(title="Rivers", text=sentence), drafts, "D")
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(bury_new=False))
    session = services.reviews.start(deck_id)
    assert session.counts().new == 2
    shown = []
    while (card := session.next_card()) is not None and card.card.state is CardState.NEW:
        shown.append(card.card.front)
        session.answer(card.card.id, Rating.EASY)
    assert shown == ["one?", "two?"]


def test_the_summary_names_only_the_siblings_this_sessions_answers_buried(services: Services) -> None:
    """Cards buried by hand or earlier stay out of the count; an undone answer takes its siblings back."""
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft

    text = "The tower is 330 metres tall. It was finished in 1889. It was built by Eiffel's company."
    article = Article(title="Tower", text=text)
    drafts = []
    for sentence in text.split(". "):
        start = text.index(sentence)
        drafts += [
            CardDraft(CardKind.BASIC, f"{q} ({sentence[:12]})?", "x", sentence, start, start + len(sentence))
            for q in ("A", "B")
        ]
    services.imports.add_drafts(article, drafts, "D")
    deck_id = services.decks.id_of("D")
    by_hand = services.browse.search("built")[:1]
    services.reviews.bury(by_hand)  # buried from the browser: not the session's doing
    session = services.reviews.start(deck_id)
    first = session.next_card()
    assert first is not None
    session.answer(first.card.id, Rating.EASY)
    assert session.summary.describe_buried() == "1 related card buried until tomorrow."
    second = session.next_card()
    assert second is not None
    session.answer(second.card.id, Rating.EASY)
    assert session.summary.describe_buried() == "2 related cards buried until tomorrow."
    session.undo()
    assert session.summary.describe_buried() == "1 related card buried until tomorrow."
    session.undo()
    assert session.summary.describe_buried() == ""
