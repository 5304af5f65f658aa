"""Shared fixtures: offscreen Qt, a controllable clock, collections in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from studyapp.domain.clock import FixedClock
from studyapp.services.app import Services, open_services

# Property tests explore a fixed sequence of examples, so a CI run is repeatable;
# new examples come from changing the code or the strategies, not from luck.
settings.register_profile("studyapp", derandomize=True, deadline=None)
settings.load_profile("studyapp")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "taiwan_jassm_missiles_reuters_2021.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or collection from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("STUDYAPP_COLLECTION", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


@pytest.fixture
def seed_article() -> Path:
    return SEED


@pytest.fixture
def collection_path(tmp_path: Path) -> Path:
    return tmp_path / "collection.studyapp"


@pytest.fixture
def services(collection_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(collection_path, clock=clock)
    yield opened
    opened.close()
