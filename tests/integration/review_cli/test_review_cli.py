"""``studyapp review``: piped ratings in-process and in a subprocess, and a person at a terminal (pty)."""

from __future__ import annotations

import io
import os
import re
import select
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import DeckOptions
from studyapp.scheduling.study_day import next_day_start
from studyapp.services.app import open_services

ROOT = Path(__file__).resolve().parents[3]
EASY_DAYS = re.compile(r"easy -> \d+d")  # Easy's first interval is fuzzed per card (8 or 9 days)


def make_deck(path: Path, count: int, deck: str = "D", options: DeckOptions | None = None) -> list[CardId]:
    app = open_services(path)
    try:
        ids = [app.cards.add(deck, CardKind.BASIC, f"Question {i}?", f"Answer {i}") for i in range(count)]
        if options is not None:
            app.decks.set_options(app.decks.id_of(deck), options)
        return ids
    finally:
        app.close()


def review(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    lines: str,
    deck: str = "D",
    clock: FixedClock | None = None,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code = main(["--collection", str(path), "review", "--deck", deck], clock=clock)
    out, err = capsys.readouterr()
    return code, EASY_DAYS.sub("easy -> Nd", out), err


def reviews_in(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT card_id, rating FROM reviews ORDER BY id").fetchall()


def test_piped_ratings_answer_cards_in_queue_order_and_acknowledge_each(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, collection_path: Path
) -> None:
    a, b, c = make_deck(collection_path, 3)
    code, out, err = review(capsys, monkeypatch, collection_path, "3\neasy\n\n4\n")
    assert code == 0, err
    assert out.splitlines() == [
        f"answered {a} good -> 10m",
        f"answered {b} easy -> Nd",
        f"answered {c} easy -> Nd",
        "Studied 3 cards in under a minute (Good 1, Easy 2).",
    ]
    assert reviews_in(collection_path) == [(a, 3), (b, 4), (c, 4)]


def test_u_undoes_the_last_answer_and_the_card_is_answered_again(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, collection_path: Path
) -> None:
    a, b = make_deck(collection_path, 2)
    code, out, _ = review(capsys, monkeypatch, collection_path, "1\nu\n4\n4\n")
    assert code == 0
    assert out.splitlines()[:4] == [
        f"answered {a} again -> 1m",
        f"undone {a}",
        f"answered {a} easy -> Nd",
        f"answered {b} easy -> Nd",
    ]
    assert reviews_in(collection_path) == [(a, 4), (b, 4)]


def test_an_invalid_line_stops_with_a_clear_error_and_keeps_earlier_answers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, collection_path: Path
) -> None:
    (a, _b) = make_deck(collection_path, 2)
    code, out, err = review(capsys, monkeypatch, collection_path, "4\nmaybe\n4\n")
    assert code == 2
    assert out == f"answered {a} easy -> Nd\n"
    assert err == "studyapp: error: line 2: 'maybe' is not a rating (1-4, again, hard, good, easy) or u, s, b, q.\n"
    assert reviews_in(collection_path) == [(a, 4)]


def test_s_suspends_the_shown_card(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, collection_path: Path
) -> None:
    a, b = make_deck(collection_path, 2)
    code, out, _ = review(capsys, monkeypatch, collection_path, "s\n4\n4\n")
    assert code == 0
    assert out.splitlines() == [
        f"suspended {a}",
        f"answered {b} easy -> Nd",
        "Nothing more is due in 'D' today.",
        "Studied 1 card in under a minute (Easy 1).",
    ]


def test_daily_new_limit_holds_across_runs_and_resets_at_the_rollover(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    collection_path: Path,
    clock: FixedClock,
) -> None:
    make_deck(collection_path, 5, options=DeckOptions(new_per_day=2))
    clock.set(next_day_start(clock.now()) - timedelta(minutes=5))

    _, out, _ = review(capsys, monkeypatch, collection_path, "4\n" * 5, clock=clock)
    assert out.count("answered") == 2 and "Nothing more is due in 'D' today." in out
    _, out, _ = review(capsys, monkeypatch, collection_path, "4\n" * 5, clock=clock)
    assert out.count("answered") == 0 and "No cards were studied." in out

    clock.advance(timedelta(minutes=10))  # past the rollover hour: a new study day
    _, out, _ = review(capsys, monkeypatch, collection_path, "4\n" * 5, clock=clock)
    assert out.count("answered") == 2


def test_review_in_a_subprocess_reads_ratings_from_a_pipe(collection_path: Path) -> None:
    a, b, _c = make_deck(collection_path, 3)
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", "--collection", str(collection_path), "review", "--deck", "D"],
        input="good\n2\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [f"answered {a} good -> 10m", f"answered {b} hard -> 6m"]
    assert reviews_in(collection_path) == [(a, 3), (b, 2)]


def read_until(fd: int, needle: str, timeout: float = 20.0) -> str:
    """Read a pty until ``needle`` appears (select with a deadline, never a fixed sleep)."""
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"{needle!r} not shown; got:\n{seen}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk.decode("utf-8", "replace")
    assert needle in seen, seen
    return seen


def test_a_person_at_a_terminal_sees_question_answer_buttons_and_a_summary(collection_path: Path) -> None:
    make_deck(collection_path, 2)
    controller, terminal = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "--collection", str(collection_path), "review", "--deck", "D"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
        close_fds=True,
    )
    os.close(terminal)
    try:
        shown = read_until(controller, "show answer")
        assert "[New 2 · Learn 0 · Due 0]" in shown and "Q: Question 0?" in shown
        os.write(controller, b"\n")
        shown = read_until(controller, "(u undo, q quit)")
        assert "A: Answer 0" in shown
        assert re.search(r"1 Again \(1m\)  2 Hard \(6m\)  3 Good \(10m\)  4 Easy \(\d+d\)", shown)
        os.write(controller, b"3\n")
        assert "Good: next in 10m" in read_until(controller, "show answer")
        os.write(controller, b"u\n")  # undo from the question of the next card
        shown = read_until(controller, "show answer")
        assert "undone" in shown and "Q: Question 0?" in shown.split("undone")[1]
        os.write(controller, b"q\n")
        assert "No cards were studied." in read_until(controller, "studied.")
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(controller)
    assert reviews_in(collection_path) == []
