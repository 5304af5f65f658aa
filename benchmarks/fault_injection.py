"""Fault injection benchmark: SIGKILL real StudyApp processes and count what survived.

    .venv/bin/python benchmarks/fault_injection.py [--kills 300] [--seconds 600] [--seed 7] [--lanes 2]

Uses the same harness as tests/integration/durability/test_kill9.py (one
copy, in that folder).  Exits 1 at the first lost acknowledgement or damaged
file, 0 with the figures otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration" / "durability"))

import harness


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="stop after this many kills")
    parser.add_argument("--seconds", type=float, default=600, help="stop after this long anyway")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lanes", type=int, default=2, help="collections tortured in parallel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="studyapp-kill9-") as folder:
        try:
            figures = harness.run(
                Path(folder),
                seed=args.seed,
                min_kills=args.kills,
                budget_seconds=args.seconds,
                lanes=args.lanes,
                report=lambda line: print(line, flush=True),
            )
        except harness.HarnessFailure as failure:
            print(f"FAILED: {failure}")
            return 1
    print(figures.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
