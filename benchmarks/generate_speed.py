"""In-process speed of card generation: model load, the seed warm, and a 100,000-word book.

Run from the repository root:  .venv/bin/python -m benchmarks.generate_speed
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from studyapp.domain.article import Article
from studyapp.generation import default_generator, preload
from studyapp.reading import read_article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "taiwan_jassm_missiles_reuters_2021.txt"
ARTICLES = ROOT / "benchmarks" / "card_quality" / "articles"
BOOK_WORDS = 100_000


def _book() -> Article:
    """Concatenate the evaluation articles until the text has ``BOOK_WORDS`` words."""
    pieces = [read_article(path).text for path in sorted(ARTICLES.glob("*.txt"))]
    chapters: list[str] = []
    words = 0
    while words < BOOK_WORDS:
        for piece in pieces:
            chapters.append(piece)
            words += len(piece.split())
    return Article(title="Synthetic book", text="\n\n".join(chapters))


def main() -> int:
    started = time.perf_counter()
    preload()
    load = time.perf_counter() - started
    generator = default_generator()
    seed = read_article(SEED)
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        generator.generate(seed)
        timings.append(time.perf_counter() - started)
    book = _book()
    started = time.perf_counter()
    cards = generator.generate(book)
    book_time = time.perf_counter() - started
    print(f"model load:            {load * 1000:8.0f} ms")
    print(f"seed, warm (median 20): {statistics.median(timings) * 1000:7.0f} ms")
    print(f"book, {book.word_count} words:  {book_time:8.1f} s ({len(cards)} cards)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
