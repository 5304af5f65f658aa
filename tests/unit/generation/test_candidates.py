"""What a candidate carries out of the candidates stage: its pattern, its answer's tokens, its rewrites."""

from __future__ import annotations

from studyapp.domain.cards import Rewrite
from studyapp.domain.cloze import cloze_question
from studyapp.generation import spacy_generator
from studyapp.generation.candidate import Candidate
from studyapp.generation.hygiene import check
from studyapp.generation.pattern_registry import ENTITY_CLOZES, WH_SUBJECT, Direction
from studyapp.reading import read_article_text


def _candidates(text: str) -> list[Candidate]:
    return [r.candidate for r in spacy_generator.rank_candidates(read_article_text(text))]


def test_an_answer_carries_the_tokens_it_was_taken_from() -> None:
    found = _candidates("The Joint Air-to-Surface Standoff Missile (JASSM) can strike targets far away.")
    by_pattern = {c.pattern.name: c for c in found}
    forward, reverse = by_pattern["acronym"], by_pattern["acronym-reverse"]
    assert forward.answer_tokens is not None and forward.answer_tokens.text == forward.answer
    assert reverse.answer_tokens is not None and reverse.answer_tokens.text == "JASSM"
    assert reverse.pattern.direction is Direction.REVERSE and forward.pattern.direction is Direction.FORWARD


def test_a_resolved_pronoun_is_recorded_as_a_rewrite() -> None:
    text = "Ada Lovelace met Charles Babbage in 1833. She translated an article by Luigi Menabrea in 1843."
    cloze = next(c for c in _candidates(text) if c.answer == "Luigi Menabrea")
    assert cloze.question.startswith("Ada Lovelace translated")
    assert cloze.rewrites == (Rewrite("She", "Ada Lovelace", evidence="Ada Lovelace met Charles Babbage in 1833."),)
    assert cloze_question(cloze.cloze) == cloze.question  # the shown question and the Anki text are one build


def test_a_candidate_written_as_found_has_no_rewrites() -> None:
    cards = _candidates("Ada Lovelace met Charles Babbage in 1833.")
    assert cards and all(c.rewrites == () for c in cards)


def test_the_check_drops_a_failing_candidate_and_tidies_a_passing_one() -> None:
    sentence = _candidates("Ada Lovelace met Charles Babbage in 1833.")[0].sentence
    assert check(Candidate(WH_SUBJECT, "Did Ada Lovelace meet Charles Babbage", "yes", sentence)) is None
    checked = check(Candidate(WH_SUBJECT, "who met  Charles Babbage in 1833 ", "Ada Lovelace's", sentence, (0, 3)))
    assert checked is not None
    assert (checked.question, checked.answer) == ("Who met Charles Babbage in 1833?", "Ada Lovelace")
    assert checked.answer_tokens is not None and checked.answer_tokens.text == "Ada Lovelace"


def test_every_entity_cloze_is_declared_with_its_confidence() -> None:
    assert ENTITY_CLOZES["DATE"].name == "cloze-date"
    assert ENTITY_CLOZES["QUANTITY"].confidence > ENTITY_CLOZES["NORP"].confidence


def test_a_textbook_sentence_about_a_named_part_hides_the_part() -> None:
    found = _candidates("The right atrium receives deoxygenated blood from the body through the venae cavae.")
    clozes = {c.answer: c.question for c in found if c.pattern.name == "subject-term"}
    assert clozes == {"right atrium": "The [...] receives deoxygenated blood from the body through the venae cavae."}


def test_a_subject_with_only_a_vague_modifier_is_not_a_term() -> None:
    found = _candidates("The main problem slowed the work on the new canal for several years.")
    assert not any(c.pattern.name == "subject-term" for c in found)


ANGKOR = (
    "Angkor Wat\n\nAngkor Wat is a vast temple complex in northern Cambodia. It is the best-known monument of "
    "Angkor, the former capital region of the Khmer Empire, and it is widely regarded as the largest religious "
    "monument in the world. Angkor, including Angkor Wat, was designated a UNESCO World Heritage Site in 1992."
)


def test_an_appositive_describes_the_place_right_before_it_never_the_temple_it_is_part_of() -> None:
    found = _candidates(ANGKOR)
    assert not [c for c in found if c.answer == "Angkor Wat" and "capital region" in c.question]
    assert not [c for c in found if c.question.startswith("Who is the former capital region")]


def test_a_dateline_dash_is_no_apposition() -> None:
    text = (
        "LE BOURGET, France (Reuters) - Negotiators from 195 countries adopted a landmark agreement on Saturday "
        "to fight climate change."
    )
    assert not [c for c in _candidates(text) if c.pattern.name == "appositive"]
