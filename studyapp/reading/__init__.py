"""Reading articles: a file (or pasted text) in, an ``Article`` with its text and structure out.

The first stage of card generation, kept apart from it: it depends only on the
domain, and importing it is cheap (PDF and encoding libraries load on first use).
"""

from __future__ import annotations

from studyapp.reading.articles import read_article, read_article_text
from studyapp.reading.files import SUPPORTED_SUFFIXES

__all__ = ["SUPPORTED_SUFFIXES", "read_article", "read_article_text"]
