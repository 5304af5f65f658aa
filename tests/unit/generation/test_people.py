"""Names the small model tags as places or organisations are relabelled as people from the text around them."""

from __future__ import annotations

from studyapp.generation.nlp import get_nlp
from studyapp.generation.people import COMPONENT


def _labels(text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in get_nlp()(text).ents}


def test_the_relabelling_runs_in_the_pipeline_after_the_entity_recogniser() -> None:
    names = get_nlp().pipe_names
    assert names.index(COMPONENT) == names.index("ner") + 1


def test_a_name_sharing_a_surname_with_a_person_is_a_person() -> None:
    labels = _labels("Marta Kova beat Ines Dorado in the final. Kova served well. Dorado had won the title in 2019.")
    assert labels["Ines Dorado"] == "PERSON"


def test_a_subject_referred_to_as_he_or_she_is_a_person() -> None:
    assert (
        _labels("Vireo Kallan won the Aster Prize in 1990. He later mapped the southern sky.")["Vireo Kallan"]
        == "PERSON"
    )
    assert _labels("Halden Brook won the race in 1990. She later broke the record.")["Halden Brook"] == "PERSON"


def test_a_subject_referred_to_as_it_keeps_its_label() -> None:
    assert _labels("Halden Brook won the race in 1990. It later broke the record.")["Halden Brook"] == "ORG"


def test_a_word_of_a_name_the_text_uses_alone_for_a_place_is_not_short_for_the_name() -> None:
    from studyapp.generation.people import names_used_apart

    doc = get_nlp()(
        "Angkor Wat is a temple in Cambodia. It is the best-known monument of Angkor, the former capital region "
        "of the Khmer Empire. Angkor, including Angkor Wat, was listed in 1992."
    )
    assert "angkor" in names_used_apart(doc)
    assert names_used_apart(get_nlp()("Marie Curie won the prize in 1903. Curie later won it again.")) == frozenset()
