"""``studyapp generate`` refuses what it cannot read in bounded time at once, in one line: a FIFO or a
device behind an article's name, and an article longer than the generator's cap.

The special files run ``python -m studyapp`` in a subprocess with a timeout, so a reader that blocks on a
FIFO or reads ``/dev/zero`` forever fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.generation.spacy_generator import MAX_ARTICLE_MB

ROOT = Path(__file__).resolve().parents[3]
WHAT = {"fifo": "a named pipe (FIFO)", "zero": "a device"}


@pytest.mark.parametrize("kind", list(WHAT))
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf"])
def test_a_fifo_or_dev_zero_named_as_an_article_is_refused_at_once(tmp_path: Path, kind: str, suffix: str) -> None:
    path = tmp_path / f"article{suffix}"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "studyapp", "generate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == f"studyapp: error: {path} is {WHAT[kind]}, not a file; StudyApp reads only regular files.\n"
    assert done.stdout == ""


def test_an_article_over_the_cap_is_refused_in_one_line_naming_the_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sentence = "The committee approved a plan for the harbour in 1921. "
    paragraphs = int(MAX_ARTICLE_MB * 1024 * 1024) // (6 * len(sentence)) + 200
    article = tmp_path / "book.txt"
    article.write_text("A long book\n\n" + "\n\n".join(sentence * 6 for _ in range(paragraphs)), encoding="utf-8")
    assert main(["generate", str(article)]) == 2
    out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith(f"studyapp: error: The article has {MAX_ARTICLE_MB + 0.1:.1f} MB")
    assert line.endswith(
        f"MB of text; cards can be made from at most {MAX_ARTICLE_MB:g} MB at a time. "
        "Split it into parts (chapters, for example) and import each."
    )
    assert out == ""
