"""Defined terms become cards; references a card cannot explain are resolved or the card is dropped.

Each test feeds invented sentences, so a rule is checked apart from the benchmark articles.
"""

from __future__ import annotations

from studyapp.generation import spacy_generator
from studyapp.reading import read_article_text


def _candidates(text: str) -> list[tuple[str, str, str]]:
    """(pattern, question, answer) of every candidate that passes hygiene."""
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    return [(r.candidate.pattern.name, r.candidate.question, r.candidate.answer) for r in ranked]


def _pairs(text: str) -> dict[str, str]:
    return {question: answer for _, question, answer in _candidates(text)}


def test_a_term_defined_by_the_process_it_names_is_hidden_in_its_definition() -> None:
    pairs = _pairs("Photosynthesis is the process by which green plants turn light into sugar.")
    assert pairs == {"[...] is the process by which green plants turn light into sugar.": "Photosynthesis"}
    pairs = _pairs("Judicial activism is the tendency of judges to decide cases on policy grounds.")
    answer = pairs.get("What is the tendency of judges to decide cases on policy grounds called?", "")
    assert answer.lower() == "judicial activism"


def test_a_generic_indefinite_term_is_defined() -> None:
    pairs = _pairs("A levy is a tax on a single kind of goods, paid by the seller.")
    assert pairs.get("What is a levy?") == "a tax on a single kind of goods"
    assert pairs.get("What is a tax on a single kind of goods called?") == "levy"


def test_a_described_subject_is_not_a_term() -> None:
    answers = [answer for pattern, _, answer in _candidates("The bridge is a suspension bridge with two towers.")]
    assert "bridge" not in answers


def test_a_term_with_a_restricted_definite_appositive_is_asked_by_it() -> None:
    pairs = _pairs("Ships are guided by triangulation, the method of fixing a point from two known points.")
    assert pairs.get("What is the method of fixing a point from two known points called?") == "triangulation"


def test_an_appositive_that_names_a_practice_does_not_define_the_noun_before_it() -> None:
    candidates = _candidates("Banks hold reserves, a practice known as fractional banking, in their vaults.")
    assert not any(pattern.startswith("appositive-term") and answer == "reserves" for pattern, _, answer in candidates)


def test_a_defined_term_is_one_fact_however_it_is_asked() -> None:
    from studyapp.generation.selection import select

    ranked = spacy_generator.rank_candidates(read_article_text("A levy is a tax on a single kind of goods."))
    chosen = select(ranked, 10)
    assert len([item for item in chosen if "levy" in (item.candidate.question + item.candidate.answer)]) == 1


def test_a_relative_that_does_not_block_a_cloze() -> None:
    text = (
        "Vent communities are rich in life. Their food chains begin with bacteria that obtain energy from "
        "hydrogen sulphide, a process known as chemosynthesis."
    )
    assert "chemosynthesis" in [answer for pattern, _, answer in _candidates(text) if pattern == "known-as"]


def test_a_relative_clause_antecedent_is_vague_without_the_clause() -> None:
    text = "Physicists tested the theory that describes 12 particles in 2012."
    questions = [question for _, question, answer in _candidates(text) if answer == "12"]
    assert not any(question.startswith("The theory") for question in questions)


def test_a_counted_description_is_vague() -> None:
    text = "Three councils met in Zaragoza every year. The two rival nobles signed a truce in 1348."
    assert not any(question.startswith("The two") for _, question, _ in _candidates(text))


def test_a_country_or_empire_is_asked_with_what_not_who() -> None:
    pairs = _pairs("The Byzantine Empire lost Constantinople in 1453 after a siege of 53 days.")
    assert pairs.get("What lost Constantinople in 1453 after a siege of 53 days?") == "The Byzantine Empire"
    assert not any(question.startswith("Who") for question in pairs)


def test_a_relative_clause_in_a_definition_is_kept_in_the_called_question() -> None:
    pairs = _pairs("A quota is a limit which caps the amount of a good that may be imported.")
    assert pairs.get("What is a limit that caps the amount of a good that may be imported called?") == "quota"
    pairs = _pairs("Fungal hyphae are the thin threads that carry water through the soil.")
    assert pairs.get("What are the thin threads that carry water through the soil called?") == "Fungal hyphae"


def test_a_definition_in_parentheses_is_asked_up_to_the_closing_parenthesis() -> None:
    pairs = _pairs("Sailors once relied on dead reckoning (an estimate of position from speed) to cross the ocean.")
    assert pairs.get("What is an estimate of position from speed called?") == "dead reckoning"
    cloze = "Sailors once relied on [...] (an estimate of position from speed) to cross the ocean."
    assert pairs.get(cloze) == "dead reckoning"


def test_a_run_of_set_scores_is_hidden_as_one_answer() -> None:
    pairs = _pairs("Marta Kova won the final 6-4, 3-6, 7-5 after three hours.")
    assert pairs.get("Marta Kova won the final [...] after three hours.") == "6-4, 3-6, 7-5"


def test_a_span_of_years_or_days_is_not_a_score() -> None:
    for text in ("The dam was built in 1931-36 by Leeds.", "The Halden festival runs on 12-14 June in Leeds."):
        assert all(pattern != "cloze-score" for pattern, _, _ in _candidates(text))


def test_a_specific_common_noun_object_is_asked_with_do_support() -> None:
    pairs = _pairs("Coronaviruses use a spike protein to enter human cells.")
    assert pairs.get("What do coronaviruses use to enter human cells?") == "a spike protein"
    pairs = _pairs("Engineers replaced the cooling pump after the test.")
    assert pairs.get("What did engineers replace after the test?") == "the cooling pump"


def test_a_generic_or_unmodified_object_is_not_asked() -> None:
    assert not any(p == "wh-object-noun" for p, _, _ in _candidates("Farmers spent a lot of time in the fields."))
    assert not any(p == "wh-object-noun" for p, _, _ in _candidates("Workers found other ways to travel home."))
    assert not any(p == "wh-object-noun" for p, _, _ in _candidates("Volunteers planted trees along the road."))


def test_a_common_noun_object_question_only_fills_a_sentence_with_no_other_card() -> None:
    candidates = _candidates("In 1998 engineers at Velmark installed the cooling pump.")
    assert candidates
    assert not any(p == "wh-object-noun" for p, _, _ in candidates)


def test_an_object_it_is_resolved_to_an_earlier_sentence_not_its_own_subject() -> None:
    pairs = _pairs(
        "The Zika virus spreads through mosquito bites. "
        "The immune system of Brazilian patients makes antibodies against a piece of it called an antigen in 2016."
    )
    question = next(q for q, a in pairs.items() if a == "2016")
    assert "a piece of the Zika virus called an antigen" in question
    assert "of The immune system" not in question


def test_a_place_named_by_a_common_noun_is_asked_with_where() -> None:
    pairs = _pairs("Most growers plant rice in flooded fields.")
    assert pairs.get("Where do most growers plant rice?") == "in flooded fields"
    assert not any(p == "wh-where-noun" for p, _, _ in _candidates("Most growers plant rice in a similar way."))
