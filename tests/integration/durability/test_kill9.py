"""SIGKILL at random moments loses nothing acknowledged and never damages the collection.

The harness (harness.py beside this file, shared with
benchmarks/fault_injection.py) runs real ``python -m studyapp`` processes
(reviews, imports, exports, backups, restores) and kills them; see its
docstring for what is checked after every kill.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("harness.py")


def load_harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("studyapp_fault_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_hundred_random_sigkills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    harness = load_harness()
    figures = harness.run(tmp_path, seed=20260302, min_kills=100, budget_seconds=None)
    print(figures.describe())
    assert figures.kills >= 100, figures.describe()
    # How many answers were acknowledged before each kill depends on the machine's speed; that none of them
    # was lost is checked by the harness after every kill.
    assert figures.acknowledged_answers > 0
    assert figures.kills_by_operation.get("review", 0) > 30
    for operation in ("import_csv", "export", "backup"):
        assert figures.kills_by_operation.get(operation, 0) > 0, f"no {operation} was killed"
