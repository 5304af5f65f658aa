"""Icons and stylesheets shipped in ``resources/`` (a missing file degrades, never fails)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from studyapp.settings import project_root


def resources_dir() -> Path:
    return project_root() / "resources"


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon; an empty icon if it is missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet(name: str) -> str:
    """``resources/styles/<name>.qss``; ``@ICONS@`` in it stands for the icons folder (QSS urls are not relative)."""
    path = resources_dir() / "styles" / f"{name}.qss"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text.replace("@ICONS@", (resources_dir() / "icons").as_posix())
