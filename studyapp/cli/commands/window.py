"""Open the desktop window.

The window is a sibling layer of the CLI, so it is loaded by name at run
time: commands never import Qt, and the layers stay independent.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from studyapp.cli.common import collection_path


def open_window(args: argparse.Namespace, file: Path | None) -> int:
    ui_app = importlib.import_module("studyapp.ui.app")
    return int(ui_app.run_app(collection_path(args), file))
