"""One window per collection: the window that holds it listens on a local socket, a second one asks it forward.

The collection lock already refuses a second writer; this lets the refused
window offer "bring the open one forward" instead of only a dead end, and
hands over a file the user asked to import.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

HANDOVER_TIMEOUT_MS = 2000
MAX_MESSAGE_BYTES = 64 * 1024


def server_name(collection: Path) -> str:
    """Per collection and per user (the socket lives in the user's runtime folder)."""
    digest = hashlib.sha1(str(collection.expanduser().resolve()).encode("utf-8")).hexdigest()[:20]
    return f"studyapp-{digest}"


class InstanceServer(QObject):
    """Listens while this window owns the collection; emits ``activation_requested(file or None)``."""

    activation_requested = Signal(object)

    def __init__(self, collection: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        name = server_name(collection)
        QLocalServer.removeServer(name)  # we hold the collection lock, so any socket left is stale
        if not self._server.listen(name):
            log.warning("cannot listen for other StudyApp windows: %s", self._server.errorString())
        self._server.newConnection.connect(self._on_server_new_connection)

    def close(self) -> None:
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        if not socket.canReadLine() and socket.bytesAvailable() < MAX_MESSAGE_BYTES:
            return
        raw = bytes(socket.readLine(MAX_MESSAGE_BYTES).data())
        socket.disconnectFromServer()
        try:
            message = json.loads(raw.decode("utf-8"))
            file = message.get("import")
        except (ValueError, AttributeError):
            log.warning("ignored a malformed message from another StudyApp window")
            return
        self.activation_requested.emit(Path(file) if isinstance(file, str) and file else None)


def ask_running_instance(collection: Path, file: Path | None) -> bool:
    """Ask the window that owns ``collection`` to come forward (and import ``file``); True if it heard."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(collection))
    if not socket.waitForConnected(HANDOVER_TIMEOUT_MS):
        return False
    payload = json.dumps({"import": str(file.resolve()) if file is not None else None}) + "\n"
    socket.write(payload.encode("utf-8"))
    delivered = socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS)
    socket.disconnectFromServer()
    return bool(delivered)
