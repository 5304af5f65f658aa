"""Wall time and peak memory of generating cards from 1, 5 and 20 MB articles (issue 14, long articles).

Each size and layout runs in its own process so its peak RSS is its own (layouts: see ``article``).
Goal: 20 MB within 5 minutes and 500 MB on 2 cores, or refused with a clear message up front.  The runs
lift the generator's size cap (``MAX_ARTICLE_MB``), so the figures above it show why it is there; CPU
seconds are what a run costs whatever else the machine is doing, wall seconds depend on the load.

Run from the repository root:  .venv/bin/python -m benchmarks.long_articles [MB ...] [--layout paragraphs]

Measured 2 December 2026 on 2 cores shared with several other jobs (load average 10, so a run got 10-25% of
a core: read CPU seconds, wall seconds only say how busy the machine was):

    MB   layout          CPU s  peak MB  cards
    0.01 paragraphs        4.9      178      6   (the model alone: ~180 MB)
    0.5  collected        79.4      268    720
    1    collected       166.2      283   1440
    1    paragraphs      135.7      284     36   (5 sections; before sections: still growing at 364 MB
                                                  when stopped after 600 s)
    1    one-paragraph   134.8      363     18
    2    paragraphs       >172      282      -   (timed out at 1,800 s about 1.3 MB in: memory flat)

Time is linear (about 135 CPU s a MB for generated sentences, 160-166 for real prose; parsing alone is 63)
and memory stays near 300 MB whatever the length, since only one section of about 200,000 characters is
parsed at a time.  5 MB of real prose would take about 14 CPU minutes and 20 MB about 55, far over the
goal of 5 minutes, so ``MAX_ARTICLE_MB`` (2 MB) refuses them at once: ``studyapp generate`` on a 19.5 MB
text says so in one line after reading it (7 CPU s, 146 MB).
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
ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ("paragraphs", "one-paragraph", "collected")


def article(megabytes: float, layout: str, rng: random.Random) -> str:
    """Text of ``megabytes``: generated sentences in paragraphs of six or in one giant paragraph (few distinct
    answers, so few cards), or ``collected``: the card-quality dev articles and the seed, repeated (real prose,
    so the card budget fills and the verify stage does its full share)."""
    target = int(megabytes * 1024 * 1024)
    if layout == "collected":
        texts = [
            p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks/card_quality/articles").glob("*.txt"))
        ]
        texts.append((ROOT / "seeds/taiwan_jassm_missiles_reuters_2021.txt").read_text(encoding="utf-8"))
        collected = "\n\n".join(texts)
        return ("Collected articles\n\n" + collected * (target // len(collected) + 1))[:target].rsplit("\n\n", 1)[0]
    one_paragraph = layout == "one-paragraph"
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
    parser.add_argument("--layout", choices=LAYOUTS, action="append", help="only this layout (repeatable)")
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
                path.write_text(article(megabytes, layout, rng), encoding="utf-8")
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
