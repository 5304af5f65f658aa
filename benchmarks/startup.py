"""Window start-up: process start → first painted main window, on a 100k-card collection.

Compared with a bare PySide6 window measured in the same run (goal: ratio <= 3),
plus the resident memory of the running app (goal: <= 200 MiB).  The app is
started as ``run_app`` starts it (``ui.app.start_window``): the real main
window paints first ("Opening collection…"), then the collection opens; the
time until the deck list is filled is reported too (``studyapp_decks_ms``).

    .venv/bin/python benchmarks/startup.py [--cards 100000] [--runs 5]

The collection is built once through ``services.imports.add_drafts`` with
synthetic drafts and cached in ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
CHUNK = 10_000


def build_collection(path: Path, cards: int) -> None:
    from studyapp.domain.article import Article
    from studyapp.domain.cards import CardDraft, CardKind
    from studyapp.services.app import open_services

    services = open_services(path)
    try:
        for chunk in range(0, cards, CHUNK):
            count = min(CHUNK, cards - chunk)
            sentences = [f"Fact number {chunk + i} says that item {chunk + i} has value {i * 7}." for i in range(count)]
            text = " ".join(sentences)
            article = Article(title=f"Synthetic {chunk // CHUNK}", text=text)
            drafts, offset = [], 0
            for i, sentence in enumerate(sentences):
                drafts.append(
                    CardDraft(
                        kind=CardKind.BASIC,
                        question=f"What value does item {chunk + i} have?",
                        answer=str(i * 7),
                        source=sentence,
                        start=offset,
                        end=offset + len(sentence),
                    )
                )
                offset += len(sentence) + 1
            services.imports.add_drafts(article, drafts, f"Bench::Deck {chunk // CHUNK}")
    finally:
        services.close()


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(mode: str, collection: str, settings_dir: str) -> None:
    """Runs in a fresh process; prints JSON when the main window has painted."""
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    painted: dict[str, float] = {}

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "t" not in painted:
                painted["t"] = time.time()
                QTimer.singleShot(600, app.quit)  # long enough for the collection to open after the paint
            return False

    watcher = PaintWatcher()
    startup = None
    if mode == "bare":
        window = QMainWindow()
        window.resize(1000, 640)
    else:
        from studyapp.ui.app import start_window

        settings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)

        def on_failed(error: Exception) -> None:
            raise SystemExit(f"cannot open {collection}: {error}")

        startup = start_window(Path(collection), settings, None, on_failed=on_failed)  # as run_app does
        window = startup.window
        window.collection_opened.connect(lambda: painted.setdefault("decks", time.time()))
        window.resize(1000, 640)
    window.installEventFilter(watcher)
    if startup is None:
        window.show()
    app.exec()
    rss = _rss_mib()
    if startup is not None and startup.services is not None:
        startup.services.close()
    result = {"painted": painted.get("t", float("nan")), "decks": painted.get("decks", float("nan")), "rss_mib": rss}
    sys.stdout.write(json.dumps(result) + "\n")


def measure(mode: str, collection: Path, settings_dir: str) -> tuple[float, float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(collection), settings_dir],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return (data["painted"] - start) * 1000, data["rss_mib"], (data["decks"] - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "COLLECTION", "SETTINGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    OUT.mkdir(parents=True, exist_ok=True)
    collection = OUT / f"startup_{args.cards}.studyapp"
    if not collection.exists():
        begin = time.perf_counter()
        build_collection(collection, args.cards)
        print(f"built {collection.name} with {args.cards} cards in {time.perf_counter() - begin:.1f} s")
    with tempfile.TemporaryDirectory() as settings_dir:
        measure("app", collection, settings_dir)  # warm the OS file cache once
        bare = [measure("bare", collection, settings_dir) for _ in range(args.runs)]
        app = [measure("app", collection, settings_dir) for _ in range(args.runs)]
    bare_ms = statistics.median(t for t, _, _ in bare)
    app_ms = statistics.median(t for t, _, _ in app)
    decks_ms = statistics.median(d for _, _, d in app)
    rss = max(r for _, r, _ in app)
    report = {
        "cards": args.cards,
        "runs": args.runs,
        "bare_window_ms": round(bare_ms, 1),
        "studyapp_window_ms": round(app_ms, 1),
        "ratio": round(app_ms / bare_ms, 2),
        "studyapp_decks_ms": round(decks_ms, 1),
        "ratio_goal": 3.0,
        "studyapp_rss_mib": round(rss, 1),
        "rss_goal_mib": 200,
    }
    print(json.dumps(report, indent=2))
    (OUT / "startup.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if report["ratio"] <= 3.0 and rss <= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
