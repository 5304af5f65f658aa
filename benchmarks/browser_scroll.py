"""Scroll the card browser through 100k cards: ms per page and in total.

Builds a synthetic collection (``synthetic_collections``, bulk inserts), opens
a real ``QTableView`` on ``CardTableModel`` offscreen, and pages down from
the first row to the last, painting each page.  Also times the search that
fills the model (all ids, sorted in SQLite) for a few sort columns.

    python benchmarks/browser_scroll.py [--cards 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from synthetic_collections import build_collection, synthetic_cards

from studyapp.services.app import open_services
from studyapp.services.browse import SortColumn
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.browser.card_table_model import Column


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.studyapp"
        started = time.perf_counter()
        build_collection(path, synthetic_cards(args.cards))
        print(f"built {args.cards:,} cards in {time.perf_counter() - started:.1f} s")
        services = open_services(path)
        try:
            for sort in (SortColumn.CREATED, SortColumn.QUESTION, SortColumn.DUE, SortColumn.DECK):
                started = time.perf_counter()
                ids = services.browse.search("", sort)
                ms = 1000 * (time.perf_counter() - started)
                print(f"search all, sorted by {sort.value:<9} {len(ids):,} ids in {ms:6.1f} ms")
            started = time.perf_counter()
            found = services.browse.search("is:review -is:suspended deck:Bench*")
            ms = 1000 * (time.perf_counter() - started)
            print(f"search 'is:review -is:suspended deck:Bench*': {len(found):,} ids in {ms:.1f} ms")

            started = time.perf_counter()
            view = BrowserView(services)
            view.resize(1200, 800)
            view.show()
            app.processEvents()
            print(f"open browser (search + first page): {1000 * (time.perf_counter() - started):.1f} ms")
            model, table = view.model, view.table
            bar = table.verticalScrollBar()
            page_ms: list[float] = []
            total_started = time.perf_counter()
            while bar.value() < bar.maximum():
                started = time.perf_counter()
                bar.setValue(bar.value() + bar.pageStep())
                table.viewport().repaint()
                app.processEvents()
                page_ms.append(1000 * (time.perf_counter() - started))
            total = time.perf_counter() - total_started
            last = model.data(model.index(model.rowCount() - 1, Column.QUESTION), Qt.ItemDataRole.DisplayRole)
            print(f"scrolled {model.rowCount():,} rows in {len(page_ms):,} pages: total {total:.2f} s")
            print(
                f"ms per page: median {statistics.median(page_ms):.2f}, "
                f"p95 {sorted(page_ms)[int(0.95 * len(page_ms))]:.2f}, max {max(page_ms):.2f}"
            )
            print(f"blocks fetched {model.pages_fetched:,}, rows cached at the end {model.cached_rows:,}")
            print(f"last row: {last!r}")
            view.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
