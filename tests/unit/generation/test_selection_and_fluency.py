"""Selection (one card per fact, spread over sentences) and question fluency rules.

Each test feeds a few invented sentences, so a rule is checked apart from the seed article.
"""

from __future__ import annotations

import re

import pytest

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.generation import default_generator
from studyapp.generation.base import CardGenerator
from studyapp.generation.hygiene import answer_in_question, cloze_gives_answer_away, has_inner_wh_word
from studyapp.reading import read_article_text


@pytest.fixture(scope="module")
def generator() -> CardGenerator:
    return default_generator()


def _cards(generator: CardGenerator, text: str, max_cards: int = 30) -> list[CardDraft]:
    return generator.generate(read_article_text(text), max_cards=max_cards)


def _answers(cards: list[CardDraft]) -> list[str]:
    return [card.answer for card in cards]


def test_two_deletions_from_one_sentence_are_both_kept(generator: CardGenerator) -> None:
    cards = _cards(
        generator, "The Orland Tunnel, which cost 3.1 billion euros, runs 14 kilometres under the Vessa mountains."
    )
    assert {"3.1 billion euros", "14 kilometres"} <= set(_answers(cards))


def test_a_tight_budget_spreads_cards_over_sentences(generator: CardGenerator) -> None:
    text = (
        "The Orland Tunnel, which cost 3.1 billion euros, runs 14 kilometres under the Vessa mountains. "
        "Engineer Karin Holt designed the tunnel in 2015 for the company Norvia. "
        "About 9,000 trucks are expected to use the Orland Tunnel every day from March 2026."
    )
    cards = _cards(generator, text, max_cards=2)
    assert len(cards) == 2
    assert len({card.start for card in cards}) == 2  # the first sentence's second number waits its turn


def test_one_card_per_answer_and_surname_counts_as_the_full_name(generator: CardGenerator) -> None:
    text = (
        "Johannes Gutenberg developed a printing press in Mainz around 1440. "
        "Gutenberg printed about 180 copies of the Bible in 1455. "
        "Gutenberg died in 1468 after losing a lawsuit to his financier Johann Fust."
    )
    answers = [a.lower().removeprefix("about ") for a in _answers(_cards(generator, text))]
    assert len(answers) == len(set(answers))
    names = [a for a in answers if "gutenberg" in a]
    assert len(names) <= 1


def test_things_get_what_and_people_get_who(generator: CardGenerator) -> None:
    text = (
        "The Kestrel Bridge spans 1,850 metres across the mouth of the Varne estuary. "
        "The Cassini spacecraft detected plumes of water on Enceladus in 2005."
    )
    questions = [card.question for card in _cards(generator, text) if card.kind is CardKind.BASIC]
    assert not any(q.startswith("Who spans") or q.startswith("Who detected") for q in questions)


def test_no_question_strands_a_preposition_mid_sentence_or_ends_in_to(generator: CardGenerator) -> None:
    text = (
        "The average price of a battery pack dropped from 1,400 dollars in 2010 to 140 dollars in 2023. "
        "While Taiwan is developing its own missiles, it has also looked to the United States for weapons."
    )
    for card in _cards(generator, text):
        if card.kind is CardKind.BASIC:
            assert not card.question.endswith((" to?", " at?", " in?"))
            assert not re.search(r"\b(?:from|to) (?:in|to|from)\b", card.question)


def test_vague_object_is_resolved_to_the_named_place(generator: CardGenerator) -> None:
    text = (
        "Taiwan is an island of 23 million people off the coast of China. "
        "Taiwan's armed forces have traditionally concentrated on defending the island from a Chinese attack."
    )
    for card in _cards(generator, text):
        assert "the island" not in card.question


def test_cloze_resolves_a_pronoun_after_a_leading_phrase(generator: CardGenerator) -> None:
    text = "Ada Lovelace was born in London in 1815. In 1835 she married William King, a wealthy landowner."
    married = [card for card in _cards(generator, text) if card.kind is CardKind.CLOZE and "married" in card.question]
    assert married
    assert all(" she " not in f" {card.question} " for card in married)


def test_a_number_standing_for_a_noun_is_not_deleted(generator: CardGenerator) -> None:
    text = "In 1833 Ada Lovelace met Charles Babbage in London. The two began a long friendship and correspondence."
    assert not any(card.question.startswith("The [...] began") for card in _cards(generator, text))


def test_part_of_a_longer_name_is_not_deleted(generator: CardGenerator) -> None:
    text = "About 9,000 trucks are expected to use the Orland Tunnel every day from March 2026."
    assert not any("[...] Tunnel" in card.question for card in _cards(generator, text))


def test_durations_and_names_inside_descriptions_are_deleted(generator: CardGenerator) -> None:
    text = (
        "The city of Port Elmsworth opened its new harbour bridge on Friday after six years of construction. "
        "The Kestrel Bridge crosses the mouth of the Varne estuary near the old harbour."
    )
    answers = set(_answers(_cards(generator, text)))
    assert "six years" in answers
    assert "Port Elmsworth" in answers
    assert "Varne" not in answers  # "the [...] estuary" blanks a word of a name whose rest stays in view


def test_named_terms_after_called_are_cards(generator: CardGenerator) -> None:
    text = (
        "Lithium-ion batteries can overheat in a process called thermal runaway. "
        "Charles Babbage had designed a mechanical calculator called the Difference Engine."
    )
    answers = set(_answers(_cards(generator, text)))
    assert "thermal runaway" in answers
    assert any("Difference Engine" in answer for answer in answers)


def test_determiner_after_do_support_is_lower_case(generator: CardGenerator) -> None:
    cards = _cards(generator, "Each page of the Bible had 42 lines of text, printed in two columns.")
    assert not any(re.search(r" (?:did|does|do) (?:Each|Most|The|Some) ", card.question) for card in cards)


def test_inner_wh_word_marks_a_mangled_question() -> None:
    assert has_inner_wh_word("What is text why the book is also called?")
    assert not has_inner_wh_word("In how many European towns were presses operating?")
    assert not has_inner_wh_word("To whom did Ford sell the company?")


def test_answer_in_question_is_case_insensitive_and_sees_glued_words() -> None:
    assert answer_in_question("What was opened by the mayor of Sydney.0NOn March?", "NOn")
    assert answer_in_question("Which MISSILES does Taiwan want?", "missile")
    assert answer_in_question("Who named Taiwan's missiles?", "Taiwan")
    assert not answer_in_question("Who is Taiwan's President?", "Tsai Ing-wen")


def test_cloze_that_still_shows_its_answer_is_flagged() -> None:
    assert cloze_gives_answer_away("[...] opened the bridge. The 0NOn bridge.", "NOn")
    assert not cloze_gives_answer_away("[...] opened the bridge.", "Sydney")


def test_described_as_asks_how_the_subject_is_described(generator: CardGenerator) -> None:
    text = "Ada Lovelace was an English mathematician who is often described as the first computer programmer."
    pairs = {card.question: card.answer for card in _cards(generator, text)}
    assert pairs.get("How is Ada Lovelace often described?") == "the first computer programmer"


def test_quoted_term_is_deleted(generator: CardGenerator) -> None:
    text = 'Taiwan\'s President Tsai Ing-wen has stressed the importance of developing an "asymmetrical" deterrent.'
    assert "asymmetrical" in _answers(_cards(generator, text))


def test_quoted_remark_is_not_a_term(generator: CardGenerator) -> None:
    text = 'The minister said "we are ready" after the vote in Paris on 3 May 2020.'
    assert "we are ready" not in _answers(_cards(generator, text))


def test_appositive_term_is_hidden_with_its_description_as_clue(generator: CardGenerator) -> None:
    text = (
        "The most unusual animal of Lake Baikal is the golomyanka, a translucent fish that gives birth to live young."
    )
    cards = [card for card in _cards(generator, text) if card.pattern == "appositive-term"]
    assert cards and cards[0].answer == "golomyanka"


def test_general_term_defined_by_the_copula() -> None:
    from studyapp.generation import spacy_generator

    text = "Hydrothermal vents are openings in the sea floor that release heated water."
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    pairs = {r.candidate.question: r.candidate.answer for r in ranked}
    assert pairs.get("What are hydrothermal vents?") == "openings in the sea floor"


def test_long_sentence_cloze_is_trimmed_to_its_clause(generator: CardGenerator) -> None:
    text = (
        "According to the research firm BloombergNEF, the average price of a battery pack dropped from about "
        "1,400 dollars per kilowatt-hour in 2010 to around 140 dollars in 2023, a fall of almost 90 percent."
    )
    cards = [card for card in _cards(generator, text) if card.answer == "140 dollars"]
    assert cards and len(cards[0].question.split()) <= 25
    assert not cards[0].question.startswith("According")


def test_when_question_drops_name_complement_and_place(generator: CardGenerator) -> None:
    from studyapp.generation import spacy_generator

    text = "Ada Lovelace was born Augusta Ada Byron in London on 10 December 1815."
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    pairs = {r.candidate.question: r.candidate.answer for r in ranked}
    assert pairs.get("When was Ada Lovelace born?") == "10 December 1815"


def test_milestone_dates_outrank_scene_setting_dates() -> None:
    from studyapp.generation import spacy_generator
    from studyapp.generation.ranking import date_value

    text = (
        "The Lakeside Marathon was first held in 1979 with only 312 finishers. "
        "In 2022, inflation in the euro area peaked at 10.6 percent after energy prices surged."
    )
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    values = {r.candidate.answer: date_value(r.candidate) for r in ranked if r.candidate.pattern.name == "cloze-date"}
    assert values["1979"] > values["2022"]


def test_a_person_named_once_only_to_quote_them_is_ranked_down() -> None:
    from studyapp.generation import spacy_generator

    text = (
        "Kenyan runner Daniel Kiprono won the Lakeside Marathon on Sunday. Daniel Kiprono broke the course record. "
        "Race director Paul Hendry said a record number of amateur runners had finished."
    )
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    best: dict[str, float] = {}
    for r in ranked:
        if r.candidate.kind is CardKind.CLOZE:
            best[r.candidate.answer] = max(best.get(r.candidate.answer, 0.0), r.score)
    assert best["Daniel Kiprono"] > best["Paul Hendry"]


def test_possessive_subject_is_not_an_antecedent(generator: CardGenerator) -> None:
    text = (
        "Lake Baikal, in southern Siberia, is the deepest lake in the world. Its greatest depth is 1,642 metres, "
        "and it holds about 23,600 cubic kilometres of fresh water, roughly a fifth of the surface water on Earth."
    )
    for card in _cards(generator, text):
        assert "Its greatest depth holds" not in card.question
        assert "Siberia's" not in card.question


def test_vague_noun_beside_the_deletion_is_named_from_an_earlier_mention(generator: CardGenerator) -> None:
    text = (
        "The Orland Tunnel runs 14 kilometres under the Vessa mountains. "
        "Chief engineer Karin Holt says the tunnel is designed to carry 9,000 trucks a day."
    )
    holt = [card for card in _cards(generator, text) if card.answer == "Karin Holt"]
    assert holt and "says the Orland Tunnel is designed" in holt[0].question


def test_vague_noun_without_a_named_antecedent_is_left_alone(generator: CardGenerator) -> None:
    text = (
        "Lakeside Marathon\n\n"  # a title names the topic, so "the course record" may stay as written
        "The record number of runners surprised everyone. "
        "Kiprono earned 100,000 dollars in prize money plus a bonus for the course record."
    )
    money = [card for card in _cards(generator, text) if card.answer == "100,000 dollars"]
    assert money and "for the course record" in money[0].question


def test_singular_description_takes_the_number_it_needs(generator: CardGenerator) -> None:
    text = (
        "The Printing Press\n\n"
        "Printing presses spread across Europe after 1450. "
        "The press also encouraged the standardisation of spelling in 1500."
    )
    questions = [card.question for card in _cards(generator, text)]
    assert "The printing press encouraged the standardisation of spelling in [...]." in questions  # "also" left out


def test_plural_description_is_not_a_singular_name(generator: CardGenerator) -> None:
    text = (
        "The University of Mainz hired Karl Weiss in 1450. "
        "Cheap pamphlets reached readers far beyond the universities in 1520."
    )
    assert not any("beyond the University" in card.question for card in _cards(generator, text))


def test_inner_that_is_kept_in_a_cloze_and_dropped_in_a_question(generator: CardGenerator) -> None:
    text = (
        "The chance that the Higgs signal was a fluke was less than one in 3.5 million. "
        "Historians estimate that around 20 million books had been produced by 1500."
    )
    questions = [card.question for card in _cards(generator, text)]
    assert any(q.startswith("The chance that the Higgs signal was") for q in questions)
    assert not any(" estimate that had" in q for q in questions)


def test_a_role_is_asked_the_other_way_when_the_name_is_already_an_answer() -> None:
    from studyapp.generation import spacy_generator
    from studyapp.generation.selection import select

    text = (
        "John Carter designed the Orland Tunnel in 2015. "
        "Mr Carter, head of the city's transport department, said the tunnel would open in March."
    )
    chosen = select(spacy_generator.rank_candidates(read_article_text(text)), 6)
    pairs = {item.candidate.question: item.candidate.answer for item in chosen}
    assert "[...] designed the Orland Tunnel in 2015." in pairs  # John Carter is taken first
    assert pairs.get("What position does John Carter hold?") == "head of the city's transport department"


def test_named_term_question_agrees_with_a_plural_noun(generator: CardGenerator) -> None:
    text = 'Vents release hot water. The darkest plumes are called "black smokers" because they carry iron sulphide.'
    questions = [card.question for card in _cards(generator, text) if card.answer == "black smokers"]
    assert "What are the darkest plumes called?" in questions


def test_a_word_capitalised_only_by_its_position_is_lower_case_mid_question(generator: CardGenerator) -> None:
    from studyapp.generation import spacy_generator

    text = (
        "Hydrothermal vents are openings in the sea floor that release heated water. "
        "They were first observed in 1977 near the Galapagos Islands."
    )
    questions = [r.candidate.question for r in spacy_generator.rank_candidates(read_article_text(text))]
    assert "When were hydrothermal vents first observed?" in questions
    assert not any("Hydrothermal" in q[1:] for q in questions)


def test_a_spelled_out_count_ranks_below_a_written_number() -> None:
    from studyapp.generation import spacy_generator

    text = "Castlegate were reduced to ten men after a red card, and 42,000 fans watched the final in Lisbon."
    ranked = spacy_generator.rank_candidates(read_article_text(text))
    scores = {r.candidate.answer: r.score for r in ranked if r.candidate.pattern.name == "cloze-cardinal"}
    assert scores["42,000"] > scores["ten"]


def test_a_paragraphs_first_sentence_is_marked_as_its_topic_sentence() -> None:
    from studyapp.domain.progress import no_progress
    from studyapp.generation.nlp import get_nlp
    from studyapp.generation.parsing import parse_sentences

    text = (
        "Title line\n\nThe tunnel opened in 2015. It cost 3 billion euros.\n\nTolls start in May 2026. Trucks pay more."
    )
    sentences = list(parse_sentences(get_nlp(), text, progress=no_progress, cancel=None))
    assert [s.opens_paragraph for s in sentences] == [True, False, True, False]


def test_a_topic_sentence_deep_in_the_article_keeps_the_lead_position() -> None:
    from studyapp.domain.progress import no_progress
    from studyapp.generation.nlp import get_nlp
    from studyapp.generation.parsing import parse_sentences
    from studyapp.generation.ranking import SentenceStats

    paragraph = "The Orland Tunnel opened in 2015. It cost 3 billion euros. Trucks use it. Cars use it too. "
    stats = SentenceStats()
    for sentence in parse_sentences(get_nlp(), paragraph * 3 + "\n\n" + paragraph, progress=no_progress, cancel=None):
        stats.add(sentence)
    features = stats.features()
    assert features[12].position == 1.0  # the last paragraph's first sentence
    assert features[11].position < features[12].position
