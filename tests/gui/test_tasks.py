"""The background helper: results and errors come back on the GUI thread; Cancel works."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.errors import Cancelled, UserInputError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []
    worker_threads: list[bool] = []

    def work(progress: Progress, cancel: CancelToken) -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        return 42

    def done(value: int) -> None:
        seen.append((value, threading.current_thread() is threading.main_thread()))

    task = runner.run(work, on_done=done, on_error=lambda e: None)
    with qtbot.waitSignal(task.finished):
        pass
    assert seen == [(42, True)]
    assert worker_threads == [False]
    assert not runner.busy


def test_error_is_handed_to_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        raise UserInputError("That file is empty.")

    task = runner.run(work, on_done=lambda _: None, on_error=errors.append)
    with qtbot.waitSignal(task.finished):
        pass
    assert [str(e) for e in errors] == ["That file is empty."]


def test_cancel_button_stops_the_work_and_reports_cancelled(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner = TaskRunner(parent)
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        started.set()
        progress(1, 10, "Step one")
        while not cancel.cancelled:
            threading.Event().wait(0.005)
        raise Cancelled()

    task = runner.run(
        work,
        on_done=lambda _: outcome.append("done"),
        on_error=lambda e: outcome.append("error"),
        on_cancelled=lambda: outcome.append("cancelled"),
        progress_parent=parent,
        label="Working",
    )
    qtbot.waitUntil(started.is_set)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.labelText() == "Step one")
    cancel_button = dialog.findChild(QPushButton)
    with qtbot.waitSignal(task.finished):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert outcome == ["cancelled"]
    runner.shutdown()
