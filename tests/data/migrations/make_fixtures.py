"""Regenerate the collection files of every schema revision: ``python tests/data/migrations/make_fixtures.py``.

(``*.studyapp`` is git-ignored: commit them with ``git add -f``.)

Each file is built by the real migrations stopped at that revision, then
filled with SQL written for that revision's tables (not through today's
models), so a test can prove that each old file opens, upgrades and keeps
every row.  Add a revision here whenever a migration is added.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from studyapp.storage import migrate  # noqa: E402
from studyapp.storage.engine import make_engine  # noqa: E402

T0 = 1_767_225_600_000  # 2026-01-01 00:00 UTC in milliseconds, as the columns store it
DAY = 86_400_000

REVISION_0001 = [
    "INSERT INTO decks (id, name, preset_id, created)"
    " VALUES (1, 'Geography', 1, {t0}), (2, 'Geography::Rivers', 1, {t0})",
    "INSERT INTO sources (id, title, text, content_hash, origin, published, imported_at) VALUES"
    " (1, 'Rivers', 'The Danube flows through ten countries. The Nile is long.', 'hash-rivers', 'rivers.txt',"
    " '2025-12-30', {t0})",
    "INSERT INTO cards (id, guid, deck_id, source_id, kind, front, back, source_sentence, source_start, source_end,"
    " fact, tags, position, created, modified, suspended, buried_until, state, step, stability, difficulty, due,"
    " last_review, reps, lapses) VALUES"
    " (1, 'guid-1', 2, 1, 'basic', 'Through how many countries does the Danube flow?', 'ten',"
    "  'The Danube flows through ten countries.', 0, 39, 'Danube: ten countries', 'rivers europe', 0,"
    "  {t0}, {t0}, 0, NULL, 2, NULL, 12.5, 4.2, {t0} + 12 * {day}, {t0}, 3, 0),"
    " (2, 'guid-2', 2, 1, 'cloze', 'The {{{{c1::Nile}}}} is long.', '', 'The Nile is long.', 40, 57, '', '', 1,"
    "  {t0}, {t0}, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, 0),"
    " (3, 'guid-3', 1, NULL, 'basic', 'Capital of Peru?', 'Lima', '', NULL, NULL, '', 'ünïcødé', 2,"
    "  {t0}, {t0} + {day}, 0, {t0} + 2 * {day}, 1, 1, 0.4, 7.1, {t0} + {day}, {t0}, 1, 1)",
    "INSERT INTO reviews (id, card_id, reviewed_at, rating, prior_state, duration_ms, state_before, state_after)"
    " VALUES (1, 1, {t0}, 3, 0, 4200, '{{}}', '{{\"state\": 2}}'), (2, 3, {t0}, 1, 0, 900, '{{}}', '{{\"state\": 1}}')",
]
REVISION_0002 = [
    *REVISION_0001,
    "INSERT INTO deleted_cards (id, deleted_at, guid, deck_name, kind, front, back, tags) VALUES"
    " (1, {t0} + {day}, 'guid-9', 'Geography', 'basic', 'Longest river?', 'Nile', 'rivers')",
    "INSERT INTO settings (key, value) VALUES ('rollover_hour', '5')",
]
REVISION_0003 = REVISION_0002  # 0003 only changed indexes
REVISION_0004 = [
    *REVISION_0003,
    "UPDATE cards SET context = 'Rivers of Europe', rewrites ="
    ' \'[{{"original": "It", "replacement": "The Danube", "evidence": "The Danube is long."}}]\''
    " WHERE id = 1",
]

REVISION_0005 = REVISION_0004  # 0005 added indexes and preset columns with defaults
REVISION_0006 = [
    *REVISION_0005,
    "INSERT INTO reviews (id, card_id, reviewed_at, rating, prior_state, duration_ms, state_before, state_after,"
    " anki_id) VALUES (3, 1, {t0} + {day}, 3, 2, 3000, '{{}}', '{{\"state\": 2}}', {t0} + {day})",
]

REVISION_0007 = [
    *REVISION_0006,
    "INSERT INTO presets (id, name, desired_retention, learning_steps, relearning_steps, maximum_interval,"
    " enable_fuzz, new_per_day, reviews_per_day, leech_threshold, leech_suspend, anki_config_id)"
    " VALUES (2, 'Shared', 0.85, '120 1800', '300', 1000, 1, 7, 77, 5, 1, 1700000000000)",
    "UPDATE decks SET preset_id = 2 WHERE id = 2",
]

FIXTURES = {
    "0001": REVISION_0001,
    "0002": REVISION_0002,
    "0003": REVISION_0003,
    "0004": REVISION_0004,
    "0005": REVISION_0005,
    "0006": REVISION_0006,
    "0007": REVISION_0007,
}


def build(revision: str, statements: list[str], out: Path) -> None:
    out.unlink(missing_ok=True)
    engine = make_engine(out)
    migrate.upgrade(engine, out, revision=revision)
    engine.dispose()
    with sqlite3.connect(out) as db:
        for statement in statements:
            db.execute(statement.format(t0=T0, day=DAY))
    db.close()
    with sqlite3.connect(out, isolation_level=None) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal to commit beside it
        db.execute("VACUUM")
    db.close()


def main() -> None:
    """All fixtures, or only the revisions named on the command line (older files stay byte-identical)."""
    wanted = set(sys.argv[1:]) or set(FIXTURES)
    for revision, statements in FIXTURES.items():
        if revision not in wanted:
            continue
        build(revision, statements, HERE / f"{revision}.studyapp")
        print(f"wrote {HERE / f'{revision}.studyapp'}")


if __name__ == "__main__":
    main()
