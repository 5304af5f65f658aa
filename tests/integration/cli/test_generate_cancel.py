"""A long article shows generation progress on stderr, and Ctrl-C stops it with one line and no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

SENTENCE = "The committee approved a plan for the harbour in 1921. "


def test_ctrl_c_stops_generate_with_one_line(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Long article\n\n" + "\n\n".join(SENTENCE * 6 for _ in range(3000)), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "generate", str(article)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # the first progress line: parsing has begun
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=120) == 130
    assert first.startswith("studyapp: reading sentences 1/")
    assert rest.strip().splitlines()[-1] == "studyapp: interrupted"
    assert "Traceback" not in rest
