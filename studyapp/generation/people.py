"""People the small model tags as places or organisations ("Ines Dorado" as a LOC), relabelled as persons.

A name is a person's when the same surname is tagged as a person elsewhere in the text, or when the
next sentence refers back to it, as its subject, with "he" or "she".  Asking "Who ...?" and hiding
the name in a cloze both depend on that label.  The relabelling runs as the ``relabel_people`` pipeline
component, after the entity recogniser, so every ``Doc`` the model makes already carries it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Span

from studyapp.generation.lexicon import PERSONAL_SUBJECT_PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc

_RELABELLED = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


COMPONENT = "relabel_people"


@Language.component(COMPONENT)
def relabel_people(doc: Doc) -> Doc:
    """Turn mis-tagged person names into PERSON entities, in place."""
    ents = list(doc.ents)
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON"}
    changed = False
    for position, ent in enumerate(ents):
        if ent.label_ not in _RELABELLED or not all(t.pos_ == "PROPN" for t in ent):
            continue
        if ent[-1].lower_ in surnames or _referred_to_as_person(ent):
            ents[position] = Span(doc, ent.start, ent.end, label="PERSON")
            changed = True
    if changed:
        doc.ents = ents
    return doc


def _referred_to_as_person(ent: Span) -> bool:
    """ "Okafor founded the lab. She later ...": the subject of one sentence, "he"/"she" in the next, and no
    person named in between."""
    if ent.root.dep_ not in ("nsubj", "nsubjpass") or ent.root.head.dep_ != "ROOT":
        return False
    sentence = ent.sent
    if sentence.end >= len(ent.doc):
        return False
    following = ent.doc[sentence.end].sent
    between = [t for t in ent.doc[ent.end : following.end] if t.ent_type_ == "PERSON"]
    pronoun = next(
        (t for t in following if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PERSONAL_SUBJECT_PRONOUNS), None
    )
    if pronoun is None:
        return False
    return not [t for t in between if t.i < pronoun.i]
