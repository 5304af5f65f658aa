"""Start-up on a 100k-card collection: CLI commands against a bare interpreter, the window against a bare window.

Two measures, each from process spawn, the median of ``--runs`` fresh processes:

* **CLI**: each simple command (``--help``, ``--version``, ``decks``,
  ``decks --json``, ``backups``, ``deck-options``) run as the user runs it,
  ``python -m studyapp …``, against ``python -c pass`` (goal: each command done
  within 0.3 s of starting).
* **Window**: the deck list painted with its counts, reached through the real
  entry (``studyapp.cli.main.main``, so argument parsing, logging, the
  temporary-file sweep and ``run_app`` are all in), against a bare
  ``QMainWindow`` of the same size shown and painted.  Both children create the
  ``QApplication`` and watch paints with the same application-wide filter; both
  quit the same way (goal: ratio <= 2).  The paint of the "Opening collection…"
  placeholder is printed too, but the deck list is the headline.

Both sides run offscreen (``QT_QPA_PLATFORM=offscreen``) with their settings and
data folders in a temporary directory.  Each measure is also given as CPU time
(user + system of the process until that point): on a busy machine wall times
swell with the load, CPU times much less, so their ratios are the steadier ones.

    .venv/bin/python benchmarks/startup.py [--cards 100000] [--runs 5] [--only cli|window]

The collection is built once through ``services.imports.add_drafts`` with
synthetic drafts and cached in ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent
CHUNK = 10_000
DECK = "Bench"
CLI_GOAL_S = 0.3
WINDOW_GOAL_RATIO = 2.0
RSS_GOAL_MIB = 200
CLI_COMMANDS: list[list[str]] = [
    ["--help"],
    ["--version"],
    ["decks"],
    ["decks", "--json"],
    ["backups"],
    ["deck-options", "--deck", DECK],
]


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
            services.imports.add_drafts(article, drafts, f"{DECK}::Deck {chunk // CHUNK}")
    finally:
        services.close()


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _environment(home: str) -> dict[str, str]:
    """Offscreen Qt; settings, log and data folders in ``home`` so the user's own are never touched."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(Path(home) / "config"),
        XDG_DATA_HOME=str(Path(home) / "data"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_run(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` fresh processes."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = _children_cpu(), time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure_cli(collection: Path, runs: int, home: str) -> dict[str, object]:
    env = _environment(home)
    bare, bare_cpu = _median_run([sys.executable, "-c", "pass"], env, runs)
    commands = {}
    for command in CLI_COMMANDS:
        argv = [sys.executable, "-m", "studyapp", "--collection", str(collection), *command]
        wall, cpu = _median_run(argv, env, runs)
        commands[" ".join(command)] = {
            "ms": round(wall * 1000, 1),
            "ratio_to_bare_python": round(wall / bare, 1),
            "cpu_ms": round(cpu * 1000, 1),
            "cpu_ratio_to_bare_python": round(cpu / bare_cpu, 1),
        }
    slowest = max(value["ms"] for value in commands.values())
    return {
        "bare_python_ms": round(bare * 1000, 1),
        "bare_python_cpu_ms": round(bare_cpu * 1000, 1),
        "commands": commands,
        "slowest_ms": slowest,
        "goal_ms": CLI_GOAL_S * 1000,
    }


def child(mode: str, collection: str) -> None:
    """Runs in a fresh process; prints JSON with the wall-clock times of the paints it saw."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication(sys.argv[:1])
    painted: dict[str, float] = {}

    def finish() -> None:
        painted["rss_mib"] = _rss_mib()
        for widget in QApplication.topLevelWidgets():
            widget.close()

    class PaintWatcher(QObject):
        """The same filter on both sides: the first paint of the window, then the first of a filled deck list."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
                return False
            now, cpu = time.time(), time.process_time()
            if isinstance(watched.window(), QMainWindow):
                painted.setdefault("window", now)
                painted.setdefault("window_cpu", cpu)
            view = watched.parent()
            filled = type(view).__name__ == "DeckTreeView" and view.model().rowCount() > 0
            if "decks" not in painted and (filled or (mode == "bare" and "window" in painted)):
                painted["decks"], painted["decks_cpu"] = now, cpu  # the bare window has nothing more to show
                QTimer.singleShot(0, finish)
            return False

    watcher = PaintWatcher()
    app.installEventFilter(watcher)
    if mode == "bare":
        window = QMainWindow()
        window.resize(1000, 640)
        window.show()
        app.exec()
    else:
        from studyapp.cli.main import main

        code = main(["--collection", collection])
        if code != 0:
            raise SystemExit(f"studyapp exited with {code}")
    sys.stdout.write(json.dumps(painted) + "\n")


def measure_window(collection: Path, runs: int, home: str) -> dict[str, object]:
    env = _environment(home)

    def one(mode: str) -> dict[str, float]:
        start = time.time()
        result = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(collection)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        data = json.loads(result.stdout.strip().splitlines()[-1])
        walls = {key: (data[key] - start) * 1000 for key in ("window", "decks")}
        cpus = {key: data[key] * 1000 for key in ("window_cpu", "decks_cpu")}
        return walls | cpus | {"rss_mib": data["rss_mib"]}

    one("app")  # warm the OS file cache once
    bare = [one("bare") for _ in range(runs)]
    app = [one("app") for _ in range(runs)]
    bare_ms = statistics.median(run["window"] for run in bare)
    decks_ms = statistics.median(run["decks"] for run in app)
    bare_cpu = statistics.median(run["window_cpu"] for run in bare)
    decks_cpu = statistics.median(run["decks_cpu"] for run in app)
    return {
        "bare_window_painted_ms": round(bare_ms, 1),
        "studyapp_placeholder_painted_ms": round(statistics.median(run["window"] for run in app), 1),
        "studyapp_deck_list_painted_ms": round(decks_ms, 1),
        "ratio": round(decks_ms / bare_ms, 2),
        "bare_window_painted_cpu_ms": round(bare_cpu, 1),
        "studyapp_deck_list_painted_cpu_ms": round(decks_cpu, 1),
        "cpu_ratio": round(decks_cpu / bare_cpu, 2),
        "ratio_goal": WINDOW_GOAL_RATIO,
        "studyapp_rss_mib": round(max(run["rss_mib"] for run in app), 1),
        "rss_goal_mib": RSS_GOAL_MIB,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("cli", "window"))
    parser.add_argument("--child", nargs=2, metavar=("MODE", "COLLECTION"), help=argparse.SUPPRESS)
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
    report: dict[str, object] = {"cards": args.cards, "runs": args.runs}
    ok = True
    with tempfile.TemporaryDirectory() as home:
        if args.only in (None, "cli"):
            cli = measure_cli(collection, args.runs, home)
            report["cli"] = cli
            ok = ok and float(cli["slowest_ms"]) <= CLI_GOAL_S * 1000  # type: ignore[arg-type]
        if args.only in (None, "window"):
            window = measure_window(collection, args.runs, home)
            report["window"] = window
            ok = ok and float(window["ratio"]) <= WINDOW_GOAL_RATIO  # type: ignore[arg-type]
            ok = ok and float(window["studyapp_rss_mib"]) <= RSS_GOAL_MIB  # type: ignore[arg-type]
    print(json.dumps(report, indent=2))
    (OUT / "startup.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
