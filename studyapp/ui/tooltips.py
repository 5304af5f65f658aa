"""Tooltips of card text: escaped (card text is data) and word-wrapped, so a long sentence never runs
off the screen (Qt wraps a tooltip only when it is rich text)."""

from __future__ import annotations

from html import escape


def wrapped_tooltip(*lines: str) -> str:
    """One paragraph per non-empty line, escaped; Qt wraps it at the tooltip's width."""
    shown = [escape(line) for line in lines if line]
    return "<qt>" + "".join(f"<p style='margin:0'>{line}</p>" for line in shown) + "</qt>" if shown else ""
