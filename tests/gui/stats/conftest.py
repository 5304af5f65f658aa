"""Statistics tests: pyqtgraph makes thousands of Qt calls per redraw (see the guard below)."""

from __future__ import annotations


def _offset_pyside_612_refcount_bug() -> None:
    """PySide6 6.12.0 on Python < 3.12 drops a reference to None (and to True/False) on every void call.

    On 3.12+ these objects are immortal and nothing happens; on 3.11 a long test
    session ends in "Fatal Python error: none_dealloc" at exit.  Until the
    dependency is pinned below 6.12 (or Python moves to 3.12), give these three
    objects enough extra references to outlive the session.  Version-guarded.
    """
    import ctypes
    import sys

    import PySide6

    if sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12."):
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 30


_offset_pyside_612_refcount_bug()
