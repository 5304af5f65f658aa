"""Only regular, readable files within the size cap are read; anything else is refused at once, in one line."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from studyapp.domain.errors import UserInputError
from studyapp.reading import SUPPORTED_SUFFIXES, read_article

BODY = "The committee met in the old town hall on Tuesday and agreed that the new library would open in spring."


def test_a_fifo_is_refused_by_its_file_type_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UserInputError, match=r"pipe\.txt is a named pipe \(FIFO\), not a file"):
        read_article(fifo)  # opening a FIFO with no writer would block forever


def test_a_device_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(UserInputError, match=r"zero\.md is a device, not a file"):
        read_article(link)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(UserInputError, match="is a socket, not a file"):
            read_article(path)
    finally:
        server.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY)
    path.chmod(0)
    with pytest.raises(UserInputError, match=r"^secret\.txt cannot be read \(permission denied\)\.$"):
        read_article(path)


def test_permission_denied_on_the_folder_is_one_clear_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any folder")
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "notes.txt").write_text(BODY)
    folder.chmod(0)
    try:
        with pytest.raises(UserInputError, match=r"cannot be read \(permission denied\)"):
            read_article(folder / "notes.txt")
    finally:
        folder.chmod(0o700)


def test_a_file_that_cannot_be_opened_says_why_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY)

    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # as root (CI), chmod cannot deny a read
    with pytest.raises(UserInputError, match=r"^secret\.txt cannot be read \(permission denied\)\.$"):
        read_article(path)


def test_the_size_cap_is_decided_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: nothing to read, only a size
    with pytest.raises(UserInputError, match="21 MB; articles larger than 20 MB are not supported"):
        read_article(path)


def test_every_supported_suffix_is_read(tmp_path: Path) -> None:
    for suffix in sorted(SUPPORTED_SUFFIXES - {".pdf"}):
        path = tmp_path / f"article{suffix}"
        path.write_text(BODY)
        assert "new library" in read_article(path).text
