"""Fixtures for widget tests: a collection with a fake generator, temp QSettings, the window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind, Warning_
from studyapp.domain.clock import FixedClock
from studyapp.domain.cloze import cloze_question
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.services.app import Services, open_services
from studyapp.ui.app import build_main_window
from studyapp.ui.main_window import MainWindow
from studyapp.ui.preferences import Preferences

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


class FakeGenerator:
    name = "fake"

    def generate(
        self,
        article: Article,
        *,
        max_cards: int | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[CardDraft]:
        drafts: list[CardDraft] = []
        for number, match in enumerate(_SENTENCE.finditer(article.text)):
            if cancel is not None:
                cancel.raise_if_cancelled()
            sentence = match.group(0).strip()
            words = sentence.split()
            if len(words) < 4:
                continue
            start = article.text.index(sentence, match.start())
            answer = words[-1].strip('.!?"')
            cut = sentence.rindex(answer)
            cloze = f"{sentence[:cut]}{{{{c1::{answer}}}}}{sentence[cut + len(answer) :]}"
            if number % 2 == 0:
                drafts.append(
                    CardDraft(
                        kind=CardKind.CLOZE,
                        question=cloze_question(cloze),
                        answer=answer,
                        source=sentence,
                        start=start,
                        end=start + len(sentence),
                        cloze=cloze,
                        score=1.0 / (number + 1),
                    )
                )
            else:
                drafts.append(
                    CardDraft(
                        kind=CardKind.BASIC,
                        question=f"What ends the sentence starting “{' '.join(words[:3])}”?",
                        answer=answer,
                        source=sentence,
                        start=start,
                        end=start + len(sentence),
                        score=1.0 / (number + 1),
                        warnings=(Warning_.LONG_ANSWER,) if number == 1 else (),
                    )
                )
            progress(len(drafts), max_cards or 12, "Writing cards")
            if max_cards is not None and len(drafts) >= max_cards:
                break
        return drafts[: max_cards or 12]


@pytest.fixture
def fake_generator() -> type[FakeGenerator]:
    """The generator class, for tests that open services themselves."""
    return FakeGenerator


@pytest.fixture
def settings_store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "studyapp.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def preferences(settings_store: QSettings) -> Preferences:
    return Preferences(settings_store)


@pytest.fixture
def fake_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(tmp_path / "fake.studyapp", clock=clock, generator_factory=FakeGenerator)
    yield opened
    opened.close()


class WindowFactory(Protocol):
    def __call__(self, *, seed: Path | None = ..., size: tuple[int, int] | None = None) -> MainWindow: ...


def make_window(qtbot: QtBot, services: Services, settings_store: QSettings, seed: Path | None) -> MainWindow:
    window = build_main_window(services, settings_store, seed_article=seed)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def window_factory(
    qtbot: QtBot, fake_services: Services, settings_store: QSettings, seed_article: Path
) -> Iterator[WindowFactory]:
    """Build, show and activate a main window on the same collection and settings (closed after the test)."""
    windows: list[MainWindow] = []

    def build(*, seed: Path | None = seed_article, size: tuple[int, int] | None = None) -> MainWindow:
        window = make_window(qtbot, fake_services, settings_store, seed)
        if size is not None:
            window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # menus' and views' shortcuts work only in the active window
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.runner.shutdown()
        window.theme_manager.restore()  # type: ignore[attr-defined]


@pytest.fixture
def main_window(window_factory: WindowFactory) -> MainWindow:
    return window_factory()


@pytest.fixture
def drop_file() -> Callable[[QWidget, Path], None]:
    """Drop a local file on a widget, as from a file manager."""

    def drop(widget: QWidget, path: Path) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(
            QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        widget.dropEvent(event)

    return drop


def shown_text(rich_text: str) -> str:
    """What a reader sees of rich text (a tooltip, a label): the text, line breaks kept, markup gone."""
    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"
"""The offscreen platform says this whenever a main window is shown; it is not a problem of ours."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
