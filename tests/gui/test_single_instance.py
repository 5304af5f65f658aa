"""A second window on the same collection can bring the first one forward and hand it a file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studyapp.ui.single_instance import InstanceServer, ask_running_instance, server_name


def test_the_open_window_hears_a_second_one_and_gets_its_file(qtbot: QtBot, tmp_path: Path) -> None:
    collection = tmp_path / "collection.studyapp"
    server = InstanceServer(collection)
    article = tmp_path / "article.txt"
    try:
        with qtbot.waitSignal(server.activation_requested, timeout=5000) as blocker:
            assert ask_running_instance(collection, article)
        assert blocker.args == [article.resolve()]
        with qtbot.waitSignal(server.activation_requested, timeout=5000) as blocker:
            assert ask_running_instance(collection, None)
        assert blocker.args == [None]
    finally:
        server.close()
        server.deleteLater()


def test_nobody_listening_means_no_handover(qtbot: QtBot, tmp_path: Path) -> None:
    assert not ask_running_instance(tmp_path / "nobody.studyapp", None)


def test_each_collection_has_its_own_socket(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a.studyapp") != server_name(tmp_path / "b.studyapp")
    assert server_name(tmp_path / "a.studyapp") == server_name(tmp_path / "." / "a.studyapp")
