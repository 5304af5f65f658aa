"""People the small model tags as places or organisations ("Ines Dorado" as a LOC), relabelled as persons.

A name is a person's when the same surname is tagged as a person elsewhere in the text, or when the
next sentence refers back to it, as its subject, with "he" or "she".  Asking "Who ...?" and hiding
the name in a cloze both depend on that label.  The relabelling runs as the ``relabel_people`` pipeline
component, after the entity recogniser, so every ``Doc`` the model makes already carries it.

The reverse mistake, a place tagged as a person ("Angkor Wat"), is not relabelled, but
``names_used_apart`` tells which words of such a name the text also uses alone for something else
("the temples of Angkor"), so a bare "Angkor" is never read as short for "Angkor Wat".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Span

from studyapp.generation.lexicon import ORG_NOUNS, PERSONAL_SUBJECT_PRONOUNS, PLACE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


def names_used_apart(doc: Doc) -> frozenset[str]:
    """Words of a person's several-word name (lower case) that the text also uses alone for something else:
    tagged as a place or organisation ("Washington" the state beside "George Washington"), described as one
    ("Angkor, the former capital region"), or named beside the full name in one sentence ("Angkor, including
    Angkor Wat"), where the two cannot be one person."""
    full_names = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    words = {t.lower_ for e in full_names for t in e if t.is_alpha}
    if not words:
        return frozenset()
    inside_full = {t.i for e in full_names for t in e}
    apart: set[str] = set()
    for token in doc:
        if token.lower_ not in words or token.i in inside_full or not token.is_title:
            continue
        if token.ent_type_ and token.ent_type_ not in ("PERSON", "NORP"):
            apart.add(token.lower_)  # "Washington" the state
        elif _described_as_a_place(token) or _beside_a_full_name(token, full_names):
            apart.add(token.lower_)
    return frozenset(apart)


def _described_as_a_place(token: Token) -> bool:
    """ "Angkor, the former capital region of ...": an appositive that names a place or a body, not a person."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS | ORG_NOUNS for c in token.children)


def _beside_a_full_name(token: Token, full_names: list[Span]) -> bool:
    sentence = token.sent
    return any(
        e.start >= sentence.start and e.end <= sentence.end and token.lower_ in {t.lower_ for t in e}
        for e in full_names
    )
