"""Killing ``studyapp review`` with SIGKILL loses nothing it acknowledged and leaves a healthy file."""

from __future__ import annotations

import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.domain.scheduling import DeckOptions
from studyapp.services.app import open_services

ROOT = Path(__file__).resolve().parents[3]
RATINGS = ("3", "1", "4", "2", "good", "easy", "again", "hard")


def read_line(stream: IO[str], timeout: float = 20.0) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "the review process stopped answering"
    return stream.readline()


@pytest.mark.parametrize("kill_after", [1, 4, 9, 17])
def test_sigkill_after_n_acknowledged_answers_keeps_every_one_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kill_after: int
) -> None:
    path = tmp_path / "crash.studyapp"
    app = open_services(path)
    for i in range(30):
        app.cards.add("D", CardKind.BASIC, f"Question {i}?", f"Answer {i}")
    app.decks.set_options(app.decks.id_of("D"), DeckOptions(new_per_day=30))
    app.close()

    child = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "--collection", str(path), "review", "--deck", "D"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1,
        cwd=ROOT,
    )
    assert child.stdin is not None and child.stdout is not None
    acknowledged: list[tuple[int, int]] = []
    try:
        for number in range(kill_after):
            child.stdin.write(RATINGS[number % len(RATINGS)] + "\n")
            child.stdin.flush()
            words = read_line(child.stdout).split()
            assert words[0] == "answered", words
            acknowledged.append((int(words[1]), ["again", "hard", "good", "easy"].index(words[2]) + 1))
        child.stdin.write("3\n")  # the next answer is in flight when the kill lands
        child.stdin.flush()
        time.sleep(0.001 * kill_after)  # vary the kill point within that answer
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
        child.stdin.close()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT card_id, rating FROM reviews ORDER BY id").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        cards_with_reps = conn.execute("SELECT sum(reps) FROM cards").fetchone()[0]
    conn.close()
    assert stored[: len(acknowledged)] == acknowledged
    assert len(stored) in (kill_after, kill_after + 1)
    assert cards_with_reps == len(stored)  # every stored answer changed its card, and nothing else did

    assert main(["--collection", str(path), "check"]) == 0, capsys.readouterr()
