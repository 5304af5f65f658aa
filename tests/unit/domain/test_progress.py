"""Cancelling long work from another thread."""

from __future__ import annotations

import threading

import pytest

from studyapp.domain.errors import Cancelled
from studyapp.domain.progress import CancelToken, no_progress


def test_a_token_cancelled_from_another_thread_stops_the_worker_at_its_next_check() -> None:
    token = CancelToken()
    token.raise_if_cancelled()  # not cancelled: nothing happens
    assert token.cancelled is False
    canceller = threading.Thread(target=token.cancel)
    canceller.start()
    canceller.join()
    assert token.cancelled is True
    with pytest.raises(Cancelled, match="nothing was changed"):
        token.raise_if_cancelled()


def test_no_progress_accepts_reports() -> None:
    assert no_progress(1, 2, "reading") is None
