"""Wall time and peak memory of generating cards from 1, 5 and 20 MB articles (issue 14, long articles).

Each size runs in its own process so its peak RSS is its own; half the articles are one giant paragraph.
Goal: 20 MB within 5 minutes and 500 MB on 2 cores, or refused with a clear message up front.

Run from the repository root:  .venv/bin/python -m benchmarks.long_articles [MB ...]
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SUBJECTS = ("The committee", "Marie Curie", "The river Danube", "A new vaccine", "The city council", "Parliament")
VERBS = ("approved", "discovered", "crossed", "reduced", "announced", "described", "built", "measured")
OBJECTS = ("a plan for the harbour in 1921", "the element polonium", "three countries", "new taxes on imports")
TIMEOUT_S = 600


def article(megabytes: int, one_paragraph: bool, rng: random.Random) -> str:
    """Varied sentences up to ``megabytes``; paragraphs of six sentences, or one giant paragraph."""
    target = megabytes * 1024 * 1024
    parts: list[str] = ["Long article\n\n"]
    size = 0
    while size < target:
        sentences = " ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}." for _ in range(6))
        piece = sentences + (" " if one_paragraph else "\n\n")
        parts.append(piece)
        size += len(piece)
    return "".join(parts)


def measure(path: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, outcome) of ``studyapp generate`` on ``path`` in a child process.

    The peak is read with ``os.wait4`` from this child alone (``RUSAGE_CHILDREN`` is the maximum over every
    child so far, so a small run after a big one would report the big one's peak)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "studyapp", "generate", str(path), "--json"],
            stdout=subprocess.DEVNULL,
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
        last = (errors.read().decode("utf-8", "replace").strip().splitlines() or ["?"])[-1][:60]
    if child.returncode == 0:
        outcome = "ok"
    elif seconds >= TIMEOUT_S:
        outcome = f"timeout {TIMEOUT_S} s"
    else:
        outcome = last
    return seconds, usage.ru_maxrss / 1024, outcome


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1, 5, 20]
    rng = random.Random(14)
    print(f"{'MB':>4} {'layout':<14} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            for one_paragraph in (False, True):
                path = Path(folder) / f"a{megabytes}_{one_paragraph}.txt"
                path.write_text(article(megabytes, one_paragraph, rng), encoding="utf-8")
                seconds, peak, outcome = measure(path)
                layout = "one paragraph" if one_paragraph else "paragraphs"
                print(f"{megabytes:>4} {layout:<14} {seconds:8.1f} {peak:8.0f}  {outcome}", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
