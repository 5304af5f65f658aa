"""Shared fixtures: offscreen Qt, a controllable clock, collections in tmp_path."""

from __future__ import annotations

import csv
import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind, Rewrite, Warning_
from studyapp.domain.clock import FixedClock
from studyapp.domain.cloze import cloze_question
from studyapp.services.app import Services, open_services

# Property tests explore a fixed sequence of examples, so a CI run is repeatable;
# new examples come from changing the code or the strategies, not from luck.
settings.register_profile("studyapp", derandomize=True, deadline=None)
settings.load_profile("studyapp")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "taiwan_jassm_missiles_reuters_2021.txt"
REVIEW_LOG = ROOT / "tests" / "data" / "review_logs" / "review_logs_josh_1711744352250_to_1728234780857.csv"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or collection from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("STUDYAPP_COLLECTION", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def seed_article() -> Path:
    return SEED


@pytest.fixture
def collection_path(tmp_path: Path) -> Path:
    return tmp_path / "collection.studyapp"


@pytest.fixture
def services(collection_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(collection_path, clock=clock)
    yield opened
    opened.close()


WEBB_TEXT = (
    "The James Webb Space Telescope launched in December 2021. "
    "It orbits the Sun 1.5 million kilometres from Earth. "
    "Its primary mirror is 6.5 metres wide."
)


@pytest.fixture
def webb_article() -> Article:
    return Article(title="James Webb Space Telescope", text=WEBB_TEXT, origin="webb.md")


@pytest.fixture
def webb_drafts(webb_article: Article) -> list[CardDraft]:
    """Drafts as the verifier hands them on: a context line, rewritten words with their evidence, unsure checks."""
    text = webb_article.text
    first = "The James Webb Space Telescope launched in December 2021."
    second = "It orbits the Sun 1.5 million kilometres from Earth."
    third = "Its primary mirror is 6.5 metres wide."
    cloze = "The James Webb Space Telescope's primary mirror is {{c1::6.5 metres}} wide."
    return [
        CardDraft(
            kind=CardKind.BASIC,
            question="How far from Earth does the James Webb Space Telescope orbit the Sun?",
            answer="1.5 million kilometres",
            source=second,
            start=text.index(second),
            end=text.index(second) + len(second),
            score=0.9,
            context="Astronomy › Space telescopes",
            rewrites=(Rewrite("It", "the James Webb Space Telescope", first),),
        ),
        CardDraft(
            kind=CardKind.CLOZE,
            question=cloze_question(cloze),
            answer="6.5 metres",
            source=third,
            start=text.index(third),
            end=text.index(third) + len(third),
            cloze=cloze,
            score=0.8,
            context="James Webb Space Telescope, as of 2023",
            rewrites=(Rewrite("Its", "The James Webb Space Telescope's", first),),
            warnings=(Warning_.DANGLING_PRONOUN,),
        ),
        CardDraft(
            kind=CardKind.BASIC,
            question="When did the <b>James Webb</b> Space Telescope launch?",
            answer="in December 2021",
            source=first,
            start=0,
            end=len(first),
            score=0.7,
            warnings=(Warning_.LONG_ANSWER, Warning_.ANSWER_IN_QUESTION),
        ),
    ]


@pytest.fixture
def review_log_collection(services: Services) -> str:
    """The shipped real review log (12,580 answers to 1,205 cards) as the history of deck 'Josh'.

    Written with plain SQL, as an imported collection would hold it: each
    card's first answer is from new, the later ones from review.
    """
    deck_id = services.decks.create("Josh")
    with REVIEW_LOG.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["review_time"])
    created = 1_700_000_000_000
    cards: dict[int, int] = {}
    reviews = []
    for row in rows:
        first = int(row["card_id"]) not in cards
        card = cards.setdefault(int(row["card_id"]), len(cards) + 1)
        at = round(datetime.fromisoformat(row["review_time"]).timestamp() * 1000)
        reviews.append((card, at, int(row["review_rating"]), 0 if first else 2))
    with sqlite3.connect(services.path) as db:
        db.executemany(
            "INSERT INTO cards (id, guid, deck_id, kind, front, back, source_sentence, fact, tags, position,"
            " created, modified, suspended, state, reps, lapses)"
            " VALUES (?, ?, ?, 'basic', ?, 'a', '', '', '', ?, ?, ?, 0, 2, 0, 0)",
            [(i, f"log-{i}", deck_id, f"Question {i}?", i, created, created) for i in cards.values()],
        )
        db.executemany(
            "INSERT INTO reviews (card_id, reviewed_at, rating, prior_state, duration_ms, state_before, state_after)"
            " VALUES (?, ?, ?, ?, 0, '{}', '{}')",
            reviews,
        )
    db.close()
    return "Josh"
