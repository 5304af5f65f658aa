"""Reading articles and turning them into card drafts (spaCy lives only here).

Importing this package is cheap: spaCy and the model load on first use.
"""

from __future__ import annotations

from studyapp.generation.base import CardGenerator
from studyapp.generation.nlp import preload


def default_generator() -> CardGenerator:
    """The generator the app uses unless told otherwise."""
    from studyapp.generation.spacy_generator import SpacyCardGenerator

    return SpacyCardGenerator()


__all__ = ["CardGenerator", "default_generator", "preload"]
