"""StudyApp's own Anki note types, with stable ids.

Anki matches note types by id: a changed template under the same id would
silently alter (or break) updates of notes already in users' collections, so
a template change bumps ``TEMPLATE_VERSION``, which gives new ids and a name
suffix.  Templates and CSS are package data in ``studyapp/resources/anki``,
found with ``importlib.resources`` (works for wheels and editable installs).

Version 2 added the Context field, shown above the question on both sides.
It is the last field, so a reader that knows only version 1's fields (Front,
Back, Source; Text, Extra, Source) reads version 2 notes unchanged.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import genanki

TEMPLATE_VERSION = 2
BASIC_MODEL_BASE_ID = 1_742_318_000
CLOZE_MODEL_BASE_ID = 1_742_319_000
BASIC_NAME = "StudyApp Basic"
CLOZE_NAME = "StudyApp Cloze"


def _versioned(name: str) -> str:
    return name if TEMPLATE_VERSION == 1 else f"{name} v{TEMPLATE_VERSION}"


def _resource(name: str) -> str:
    return (resources.files("studyapp") / "resources" / "anki" / name).read_text(encoding="utf-8")


@cache
def basic_model() -> genanki.Model:
    return genanki.Model(
        BASIC_MODEL_BASE_ID + TEMPLATE_VERSION,
        _versioned(BASIC_NAME),
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "Context"}],
        templates=[{"name": "Card 1", "qfmt": _resource("basic_front.html"), "afmt": _resource("basic_back.html")}],
        css=_resource("cards.css"),
    )


@cache
def cloze_model() -> genanki.Model:
    return genanki.Model(
        CLOZE_MODEL_BASE_ID + TEMPLATE_VERSION,
        _versioned(CLOZE_NAME),
        fields=[{"name": "Text"}, {"name": "Extra"}, {"name": "Source"}, {"name": "Context"}],
        templates=[{"name": "Cloze", "qfmt": _resource("cloze_front.html"), "afmt": _resource("cloze_back.html")}],
        css=_resource("cards.css"),
        model_type=genanki.Model.CLOZE,
    )
