"""Mutation score: how many planted bugs the tests catch, per module.

Line coverage says a line ran, not that a wrong line would fail a test.  This
plants one small bug at a time, the kind a reviewer would miss (a flipped
comparison, ``and`` for ``or``, a constant off by one, a changed message, a
deleted statement), runs the module's tests, and counts the mutant *killed*
when a test fails (or hangs past the time limit) and *survived* when all pass.

Why our own runner rather than mutmut: mutmut 3 switches mutants at call time
inside each function, so code run at import time (the option parsers built
into ``deck_settings.SETTINGS``, module constants) is never mutated and its
mutants "survive" whatever the tests assert; here every mutant is a real edit
of the source file, imported fresh.

How: the repository's files are copied to a temporary folder once; for each
mutant the module there is rewritten, and a child forked from this process
(which has the heavy third-party libraries imported already, but no
``studyapp`` module) runs pytest with ``-x`` on the module's tests.

Mutants listed in ``EQUIVALENT`` behave exactly like the original (no test
could tell them apart); they are left out of the score and printed with the
reason.

Run: ``.venv/bin/python benchmarks/mutation_score.py [studyapp/domain studyapp/scheduling ...]
[--tests tests/unit/x.py ...] [--jobs N] [--show-survivors]``
(default: the modules in ``TESTS``; about 20 minutes on two cores).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The tests that answer for each module (most specific first, so ``-x`` stops early).
# A path ending in "/" applies to every module under it.
# The unit tests are the measure: a pure module's own tests should catch its bugs, and
# they are fast enough to run once per mutant.  These need none of tests/conftest.py's
# fixtures, so it is not loaded (it imports the whole service layer, which doubled each run).
TESTS: dict[str, list[str]] = {
    "studyapp/domain/": ["tests/unit/domain"],
    "studyapp/domain/search.py": ["tests/unit/search"],
    "studyapp/domain/scheduling.py": ["tests/unit/domain", "tests/unit/scheduling/test_fsrs_scheduler.py"],
    "studyapp/scheduling/fsrs_scheduler.py": ["tests/unit/scheduling/test_fsrs_scheduler.py"],
    "studyapp/scheduling/fuzz.py": ["tests/unit/scheduling/test_fsrs_scheduler.py"],
    "studyapp/scheduling/queue.py": ["tests/unit/scheduling/test_queue_order.py"],
    "studyapp/scheduling/recall_metrics.py": ["tests/unit/scheduling/test_recall_metrics.py"],
    "studyapp/scheduling/study_day.py": ["tests/unit/scheduling/test_study_day.py"],
    "studyapp/scheduling/optimizer.py": ["tests/unit/scheduling/test_optimizer.py"],
}

# Libraries the tests import, loaded once here so each forked child starts warm.
_WARM = (
    "pytest",
    "_pytest.assertion.rewrite",
    "hypothesis",
    "hypothesis.extra.pytestplugin",
    "pytestqt.plugin",
    "PySide6.QtWidgets",
    "anyio",
    "sqlalchemy",
    "sqlalchemy.orm",
    "alembic",
    "fsrs",
    "fsrs_rs_python",
    "platformdirs",
    "charset_normalizer",
    "anki.consts",
)

# tests/conftest.py's Hypothesis profile (a fixed sequence of examples), registered here instead.
settings.register_profile("mutation", derandomize=True, deadline=None)
_PYTEST_OPTIONS = (
    "-x",
    "-q",
    "--no-header",
    "--noconftest",
    "--hypothesis-profile=mutation",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:anyio",
)

# Mutants that cannot change behaviour, by (module, line of source, mutant line): why.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("studyapp/scheduling/fuzz.py", "if interval_days < 2.5:", "if interval_days <= 2.5:"): (
        "intervals are whole days, never 2.5"
    ),
    ("studyapp/scheduling/fuzz.py", "if low == high:", "(deleted) if low == high:"): "randint(n, n) is n",
    ("studyapp/scheduling/fuzz.py", "return low", "(deleted) return low"): "randint(n, n) is n",
    (
        "studyapp/scheduling/fuzz.py",
        'return random.Random(f"{card_id}:{reps}").randint(low, high)',
        "return random.Random((\"XX\" + f'{card_id}:{reps}')).randint(low, high)",
    ): "another seed from card id and rep: still in range, still the same for preview and answer",
    ("studyapp/domain/errors.py", "super().__init__(message)", "(deleted) super().__init__(message)"): (
        "BaseException.__new__ already stores the message in args"
    ),
    **{
        ("studyapp/scheduling/recall_metrics.py", original, mutated): (
            "bin keys only name the groups; this scale or rounding gives other names to the same groups"
        )
        for original, mutated in (
            ("_log_bin(pred.elapsed_days, 2.48, 3.62, 2),", "_log_bin(pred.elapsed_days, 3.48, 3.62, 2),"),
            ("_log_bin(pred.elapsed_days, 2.48, 3.62, 2),", "_log_bin(pred.elapsed_days, 2.48, 3.62, 3),"),
            ("_log_bin(pred.review_number, 1.99, 1.89, 0),", "_log_bin(pred.review_number, 2.99, 1.89, 0),"),
            ("_log_bin(pred.review_number, 1.99, 1.89, 0),", "_log_bin(pred.review_number, 1.99, 1.89, 1),"),
            ("_log_bin(pred.lapses, 1.65, 1.73, 0),", "_log_bin(pred.lapses, 2.65, 1.73, 0),"),
            ("_log_bin(pred.lapses, 1.65, 1.73, 0),", "_log_bin(pred.lapses, 1.65, 1.73, 1),"),
            ("return 0.0", "return 1.0"),
        )
    },
    **{
        ("studyapp/domain/search.py", f'{name} = "{name.lower()}"', f"{name} = 'XX{name.lower()}XX'"): (
            "sort columns are compared by identity; their values are never read, stored or shown"
        )
        for name in [
            "QUESTION",
            "ANSWER",
            "CONTEXT",
            "DECK",
            "TAGS",
            "DUE",
            "INTERVAL",
            "STATE",
            "REPS",
            "LAPSES",
            "CREATED",
            "MODIFIED",
        ]
    },
    **{
        ("studyapp/domain/ids.py", f'{name} = NewType("{name}", int)', f"{name} = NewType('XX{name}XX', int)"): (
            "a NewType's name is only its repr for type checkers"
        )
        for name in ("CardId", "DeckId", "SourceId", "PresetId", "ReviewId")
    },
    **{
        ("studyapp/domain/scheduling.py", f'{name} = "{value}"{comment}', f"{name} = 'XX{value}XX'{comment}"): (
            "custom study kinds are compared by identity; their values are never read"
        )
        for name, value, comment in (
            ("REVIEW_AHEAD", "ahead", "  # review cards due in the next N days, before they are due"),
            ("FORGOTTEN", "forgotten", "  # cards answered Again in the last N days"),
        )
    },
}


@dataclass(frozen=True, slots=True)
class Mutant:
    module: str  # path relative to the repository
    line: int
    original: str  # the source line before
    mutated: str  # the same line after (first line of a multi-line edit)
    start: int  # byte offsets of the edited segment in the file
    end: int
    replacement: bytes
    operator: str

    @property
    def key(self) -> tuple[str, str, str]:
        return self.module, self.original.strip(), self.mutated.strip()

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement + source[self.end :]


_COMPARE_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_FLIPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}


_NEVER_DELETED = (ast.Pass, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Global)


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Ids of nodes never mutated: docstrings, annotations, decorators, ``__all__``, f-string innards."""
    skipped: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            skip(first)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            skip(node.returns)
            for decorator in node.decorator_list:
                skip(decorator)
        if isinstance(node, ast.ClassDef):
            for decorator in node.decorator_list:
                skip(decorator)
        if isinstance(node, ast.arg):
            skip(node.annotation)
        if isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip(node)
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                skip(value)
        if isinstance(node, ast.Import | ast.ImportFrom):
            skip(node)
    return skipped


def _edits(node: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    """(node whose source is replaced, replacement text, operator name) for one node."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            flip = _COMPARE_FLIPS.get(type(op))
            if flip is not None:
                ops = [*node.ops]
                ops[i] = flip()
                yield node, ast.unparse(ast.Compare(node.left, ops, node.comparators)), "comparison"
    elif isinstance(node, ast.BinOp):
        binop = _BINOP_FLIPS.get(type(node.op))
        if binop is not None:
            yield node, ast.unparse(ast.BinOp(node.left, binop(), node.right)), "arithmetic"
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield node, ast.unparse(ast.BoolOp(other, node.values)), "and/or"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        yield node, f"({ast.unparse(node.operand)})", "drop not/minus"
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield node, repr(not value), "constant"
        elif isinstance(value, int | float):
            yield node, repr(value + 1), "constant"
        elif isinstance(value, str):
            yield node, repr(f"XX{value}XX"), "string"
    elif isinstance(node, ast.JoinedStr):
        yield node, f'("XX" + {ast.unparse(node)})', "string"
    no_op = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis
    if isinstance(node, ast.stmt) and not isinstance(node, _NEVER_DELETED) and not no_op:
        yield node, "pass", "delete statement"


def mutants(module: str) -> list[Mutant]:
    """Every mutant of one source file, in source order."""
    source = (ROOT / module).read_bytes()
    lines = source.decode("utf-8").splitlines()
    line_starts = [0]
    for raw in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(raw))
    tree = ast.parse(source)
    skipped = _skipped_nodes(tree)
    found: list[Mutant] = []
    for node in ast.walk(tree):
        if id(node) in skipped or not hasattr(node, "lineno"):
            continue
        for target, text, operator in _edits(node):
            start = line_starts[target.lineno - 1] + target.col_offset
            end = line_starts[target.end_lineno - 1] + target.end_col_offset  # type: ignore[attr-defined, operator]
            replacement = text.encode("utf-8")
            mutated_source = source[:start] + replacement + source[end:]
            try:
                ast.parse(mutated_source)
            except SyntaxError:
                continue
            mutated_line = mutated_source.decode("utf-8").splitlines()[target.lineno - 1]
            if operator == "delete statement":
                mutated_line = f"(deleted) {lines[target.lineno - 1].strip()}"
            found.append(
                Mutant(module, target.lineno, lines[target.lineno - 1], mutated_line, start, end, replacement, operator)
            )
    found.sort(key=lambda m: (m.start, m.end, m.operator))
    return found


def tests_for(module: str) -> list[str]:
    for prefix in (module, *sorted((p for p in TESTS if p.endswith("/")), key=len, reverse=True)):
        if prefix in TESTS and (prefix == module or module.startswith(prefix)):
            return TESTS[prefix]
    raise SystemExit(f"No tests are listed for {module}; add it to TESTS or pass --tests.")


def _copy_repository(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file() and not name.startswith("resources/screenshots"):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _start_tests(copy: Path, tests: list[str]) -> int:
    """Fork a child that runs pytest on ``tests`` in ``copy``; its exit status is pytest's."""
    pid = os.fork()
    if pid == 0:  # the child: import studyapp from the copy, run pytest, never return
        try:
            os.chdir(copy)
            sys.path.insert(0, str(copy))
            os.environ["PYTHONPATH"] = str(copy)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest

            code = pytest.main([*_PYTEST_OPTIONS, *tests])
            os._exit(int(code))
        finally:
            os._exit(99)
    return pid


def _finished(pid: int, deadline: float) -> int | None:
    """The child's exit status, -1 if it ran past ``deadline`` (killed then), None while it runs."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        return os.waitstatus_to_exitcode(status)
    if time.monotonic() > deadline:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return -1
    return None


def _wait(pid: int, deadline: float) -> int:
    while (code := _finished(pid, deadline)) is None:
        time.sleep(0.05)
    return code


def _run_mutants(copies: list[Path], module: str, tests: list[str], timeout: float) -> list[tuple[Mutant, int]]:
    """Each mutant of ``module`` with its tests' exit status, ``len(copies)`` at a time."""
    original = (copies[0] / module).read_bytes()
    pending = mutants(module)
    running: dict[int, tuple[int, Mutant, float]] = {}  # copy index -> (pid, mutant, deadline)
    results: list[tuple[Mutant, int]] = []
    try:
        while pending or running:
            for index, copy in enumerate(copies):
                if index not in running and pending:
                    mutant = pending.pop(0)
                    _write_source(copy / module, mutant.apply(original))
                    running[index] = (_start_tests(copy, tests), mutant, time.monotonic() + timeout)
            for index, (pid, mutant, deadline) in list(running.items()):
                code = _finished(pid, deadline)
                if code is not None:
                    results.append((mutant, code))
                    del running[index]
            time.sleep(0.05)
    finally:
        for pid, _, _ in running.values():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        for copy in copies:
            _write_source(copy / module, original)
    results.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[0].operator))
    return results


def _write_source(path: Path, source: bytes) -> None:
    """Write a module and drop its cached bytecode: a mutant of the same size written in the same second
    would otherwise be taken for the cached one (the cache checks size and whole-second mtime)."""
    path.write_bytes(source)
    for cached in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        cached.unlink()


def _check_copy_is_imported(copy: Path) -> None:
    """The children must import ``studyapp`` from the copy, not from an editable install."""
    found = subprocess.run(
        [sys.executable, "-c", "import studyapp; print(studyapp.__file__)"],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    if not Path(found.stdout.strip()).is_relative_to(copy):
        raise SystemExit(f"studyapp is imported from {found.stdout.strip()}, not from the copy")


def score(modules: list[str], tests_override: list[str] | None, show_survivors: bool, jobs: int) -> int:
    sys.dont_write_bytecode = False  # the children reuse the copy's compiled modules, test modules included
    for name in _WARM:
        importlib.import_module(name)
    with tempfile.TemporaryDirectory(prefix="studyapp-mutation-") as folder:
        copies = [Path(folder) / str(index) for index in range(jobs)]
        for copy in copies:
            _copy_repository(copy)
        _check_copy_is_imported(copies[0])
        rows = []
        for module in modules:
            tests = tests_override or tests_for(module)
            started = time.monotonic()
            if _wait(_start_tests(copies[0], tests), started + 1800) != 0:
                raise SystemExit(f"The tests for {module} fail before any mutation: {' '.join(tests)}")
            timeout = 30 + 5 * (time.monotonic() - started)
            outcome: Counter[str] = Counter()
            survivors: list[Mutant] = []
            equivalent: list[tuple[Mutant, str]] = []
            for mutant, code in _run_mutants(copies, module, tests, timeout):
                if code == 0 and mutant.key in EQUIVALENT:
                    equivalent.append((mutant, EQUIVALENT[mutant.key]))
                    outcome["equivalent"] += 1
                elif code == 0:
                    survivors.append(mutant)
                    outcome["survived"] += 1
                else:
                    outcome["killed"] += 1
            counted = outcome["killed"] + outcome["survived"]
            percent = 100 * outcome["killed"] / counted if counted else 100.0
            rows.append((module, outcome["killed"], outcome["survived"], outcome["equivalent"], percent))
            print(
                f"{module}: {outcome['killed']}/{counted} killed ({percent:.0f}%), {outcome['equivalent']} equivalent",
                flush=True,
            )
            for mutant, reason in equivalent:
                print(f"    equivalent {mutant.module}:{mutant.line} {mutant.mutated.strip()}  ({reason})")
            if show_survivors:
                for mutant in survivors:
                    print(
                        f"    SURVIVED {mutant.module}:{mutant.line} [{mutant.operator}]\n"
                        f"        - {mutant.original.strip()}\n        + {mutant.mutated.strip()}",
                        flush=True,
                    )
        killed = sum(r[1] for r in rows)
        counted = killed + sum(r[2] for r in rows)
        print(f"TOTAL: {killed}/{counted} killed ({100 * killed / max(counted, 1):.0f}%)")
        return 0


def _modules(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        full = ROOT / path
        if full.is_dir():
            found += sorted(str(p.relative_to(ROOT)) for p in full.rglob("*.py") if p.name != "__init__.py")
        else:
            found.append(path)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", default=["studyapp/domain", "studyapp/scheduling", "studyapp/services/search_query.py"]
    )
    parser.add_argument("--tests", nargs="+", help="run these tests for every module instead of those in TESTS")
    parser.add_argument("--show-survivors", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (one copy of the repository each)")
    args = parser.parse_args()
    return score(_modules(args.paths), args.tests, args.show_survivors, max(1, args.jobs))


if __name__ == "__main__":
    sys.exit(main())
