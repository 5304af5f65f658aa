"""How a command ends when it is interrupted, its output pipe closes, or it hits a bug: status and one line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli import main as cli_main
from studyapp.cli.commands import decks
from studyapp.cli.main import main

ROOT = Path(__file__).resolve().parents[3]


def raising(error: BaseException) -> object:
    def run(_args: object) -> int:
        raise error

    return run


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (KeyboardInterrupt(), 130, "studyapp: interrupted\n"),
        (cli_main.Terminated(), 143, "studyapp: stopped (SIGTERM)\n"),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_an_interrupted_command_exits_with_the_shell_status_and_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    collection_path: Path,
    error: BaseException,
    status: int,
    line: str,
) -> None:
    monkeypatch.setattr(decks, "run", raising(error))
    assert main(["--collection", str(collection_path), "decks"]) == status
    out, err = capsys.readouterr()
    assert (out, err) == ("", line)


def test_a_closed_output_pipe_ends_quietly_with_success(monkeypatch: pytest.MonkeyPatch, collection_path: Path) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    monkeypatch.setattr(decks, "run", raising(BrokenPipeError()))
    assert main(["--collection", str(collection_path), "decks"]) == 0
    assert stderr.closed  # no "Exception ignored ... BrokenPipeError" when Python flushes at exit


BUG = """
import sys
from studyapp.cli.commands import decks
from studyapp.cli.main import main


def boom(_args):
    raise RuntimeError("boom")


decks.run = boom
sys.exit(main(["--collection", sys.argv[1], "decks"]))
"""


def test_a_bug_says_internal_error_in_one_line_and_logs_the_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", BUG, str(tmp_path / "c.studyapp")], env=env, capture_output=True, text=True, check=False
    )
    log = tmp_path / "data" / "StudyApp" / "studyapp.log"
    assert result.returncode == 1 and result.stdout == "", result.stderr
    assert "Traceback" in log.read_text(encoding="utf-8") and "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert result.stderr == f"studyapp: internal error: RuntimeError: boom (details in {log})\n"


def test_a_bug_under_verbose_shows_its_traceback_on_the_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    script = BUG.replace('"decks"]', '"-v", "decks"]')
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "c.studyapp")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr and result.stderr.endswith(
        "RuntimeError: boom (details in " + str(tmp_path / "data" / "StudyApp" / "studyapp.log") + ")\n"
    )
