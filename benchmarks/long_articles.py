"""Wall time and peak memory of generating cards from 1, 5 and 20 MB articles (issue 14, long articles).

Each size runs in its own process so its peak RSS is its own; half the articles are one giant paragraph.
Goal: 20 MB within 5 minutes and 500 MB on 2 cores, or refused with a clear message up front.  The runs
lift the generator's size cap (``MAX_ARTICLE_MB``), so the figures above it show why it is there; CPU
seconds are what a run costs whatever else the machine is doing, wall seconds depend on the load.

Run from the repository root:  .venv/bin/python -m benchmarks.long_articles [MB ...] [--layout paragraphs]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SUBJECTS = ("The committee", "Marie Curie", "The river Danube", "A new vaccine", "The city council", "Parliament")
VERBS = ("approved", "discovered", "crossed", "reduced", "announced", "described", "built", "measured")
OBJECTS = ("a plan for the harbour in 1921", "the element polonium", "three countries", "new taxes on imports")
TIMEOUT_S = 1800
LAYOUTS = {"paragraphs": False, "one-paragraph": True}


def article(megabytes: float, one_paragraph: bool, rng: random.Random) -> str:
    """Varied sentences up to ``megabytes``; paragraphs of six sentences, or one giant paragraph."""
    target = int(megabytes * 1024 * 1024)
    parts: list[str] = ["Long article\n\n"]
    size = 0
    while size < target:
        sentences = " ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}." for _ in range(6))
        piece = sentences + (" " if one_paragraph else "\n\n")
        parts.append(piece)
        size += len(piece)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float  # what the run costs whatever else the machine is doing
    peak_mb: float
    cards: int
    outcome: str


def generate_uncapped(path: Path) -> None:
    """The child process: ``studyapp generate FILE --json`` without the size cap."""
    from studyapp.generation import spacy_generator
    from studyapp.reading import read_article

    spacy_generator.MAX_ARTICLE_MB = math.inf
    drafts = spacy_generator.SpacyCardGenerator().generate(read_article(path))
    print(json.dumps([draft.to_json() for draft in drafts]))


def measure(path: Path) -> Run:
    """Wall and CPU time, peak RSS and cards of generating from ``path`` in a child process.

    Usage is read with ``os.wait4`` from this child alone (``RUSAGE_CHILDREN`` is the maximum over every
    child so far, so a small run after a big one would report the big one's peak)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as cards:
        child = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.long_articles", "--uncapped", str(path)],
            stdout=cards,
            stderr=errors,
        )
        timer = threading.Timer(TIMEOUT_S, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        seconds = time.perf_counter() - started
        errors.seek(0)
        last = (errors.read().decode("utf-8", "replace").strip().splitlines() or ["?"])[-1][:80]
        cards.seek(0)
        made = len(json.load(cards)) if child.returncode == 0 else 0
    if child.returncode == 0:
        outcome = "ok"
    elif seconds >= TIMEOUT_S:
        outcome = f"timeout {TIMEOUT_S} s"
    else:
        outcome = last
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, made, outcome)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 5, 20], metavar="MB")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), action="append", help="only this layout")
    parser.add_argument("--uncapped", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.uncapped is not None:
        generate_uncapped(args.uncapped)
        return 0
    rng = random.Random(14)
    print(f"{'MB':>5} {'layout':<14} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} {'cards':>6}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            for layout in args.layout or list(LAYOUTS):
                path = Path(folder) / f"a{megabytes}_{layout}.txt"
                path.write_text(article(megabytes, LAYOUTS[layout], rng), encoding="utf-8")
                run = measure(path)
                print(
                    f"{megabytes:>5} {layout:<14} {run.seconds:8.1f} {run.cpu_seconds:8.1f} {run.peak_mb:8.0f} "
                    f"{run.cards:>6}  {run.outcome}",
                    flush=True,
                )
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
