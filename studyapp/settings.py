"""Where things live: the default collection path and its overrides (no Qt, no SQL)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "StudyApp"
COLLECTION_ENV = "STUDYAPP_COLLECTION"
COLLECTION_FILE = "collection.studyapp"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_collection_path() -> Path:
    """``STUDYAPP_COLLECTION`` if set, else the collection in the user's data folder."""
    override = os.environ.get(COLLECTION_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return data_dir() / COLLECTION_FILE


def resolve_collection_path(option: str | None) -> Path:
    """``--collection`` wins over the environment, which wins over the default."""
    return Path(option).expanduser() if option else default_collection_path()


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def seed_article_path() -> Path | None:
    """The demo article from ``seeds/``, if this is a source checkout."""
    seeds = project_root() / "seeds"
    articles = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return articles[0] if articles else None
