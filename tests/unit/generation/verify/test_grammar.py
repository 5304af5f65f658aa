"""The grammar rules: a card reads as a whole sentence, or as a well-formed question whose wh-word fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.generation.verify import Problem
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

# stray_punctuation

BRIDGE = "The bridge, which took eight years to build, opened in 1932."
BRACKETED = "The bridge (which took eight years to build) opened in 1932."


def test_a_comma_left_alone_by_a_cut_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(BRIDGE, "The bridge , opened in 1932.", "1932")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(BRIDGE, title="Harbour Bridge")).problems


def test_empty_brackets_left_by_a_cut_are_dropped(nlp: Language) -> None:
    draft = cloze_draft(BRACKETED, "The bridge ( ) opened in 1932.", "1932")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(BRACKETED, title="Harbour Bridge")).problems


def test_a_sentence_with_its_commas_and_brackets_in_place_is_kept(nlp: Language) -> None:
    assert verdict(nlp, cloze_draft(BRIDGE, BRIDGE, "1932"), article(BRIDGE, title="Harbour Bridge")).ok
    assert verdict(nlp, cloze_draft(BRACKETED, BRACKETED, "1932"), article(BRACKETED, title="Harbour Bridge")).ok


# section_number

HEART = "The human heart has four chambers."
NOTES = "7.2.2 Chambers\nThe human heart has four chambers."


def test_a_question_with_a_headings_number_glued_in_is_dropped(nlp: Language) -> None:
    draft = basic_draft(HEART, "How many chambers does 7.2.2 Chambers have?", "four", text=NOTES)
    assert Problem.SECTION_NUMBER in verdict(nlp, draft, article(NOTES, title="Heart")).problems


def test_a_question_about_the_sections_topic_is_kept(nlp: Language) -> None:
    draft = basic_draft(HEART, "How many chambers does the human heart have?", "four", text=NOTES)
    assert verdict(nlp, draft, article(NOTES, title="Heart")).problems == ()


def test_a_decimal_number_is_not_a_section_number(nlp: Language) -> None:
    source = "The pH of human blood is about 7.4."
    assert verdict(nlp, cloze_draft(source, source, "7.4"), article(source, title="Blood")).problems == ()


# doubled_word

PUMP = "The heart pumps blood through the body."


def test_a_question_with_the_the_is_dropped(nlp: Language) -> None:
    draft = basic_draft(PUMP, "What does the the heart pump through the body?", "blood")
    assert verdict(nlp, draft, article(PUMP, title="Heart")).problems == (Problem.DOUBLED_WORD,)


def test_had_had_is_not_a_doubled_word(nlp: Language) -> None:
    source = "By 1990 the company had had three chief executives."
    assert verdict(nlp, cloze_draft(source, source, "three"), article(source, title="Nokia")).problems == ()


# fragment

FINISH = "When she finished in 2:19:44, Tanaka had broken the course record."
RECORD = "The marathon was won by Aiko Tanaka, who clocked 2:19:44 to break the course record."
BERLIN = "Berlin Marathon"


def test_a_subordinate_clause_left_alone_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(FINISH, "When she finished in 2:19:44.", "2:19:44")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(FINISH, title=BERLIN)).problems


def test_a_relative_clause_left_alone_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(RECORD, "Who clocked 2:19:44 to break the course record.", "2:19:44")
    assert verdict(nlp, draft, article(RECORD, title=BERLIN)).problems == (Problem.FRAGMENT,)


def test_a_cloze_without_a_verb_is_dropped(nlp: Language) -> None:
    source = "Lake Baikal is the deepest lake in the world."
    draft = cloze_draft(source, "The deepest lake in the world.", "the world")
    assert Problem.FRAGMENT in verdict(nlp, draft).problems


def test_a_relative_clause_made_a_sentence_of_its_own_is_kept(nlp: Language) -> None:
    draft = cloze_draft(RECORD, "Aiko Tanaka clocked 2:19:44 to break the course record.", "2:19:44")
    assert verdict(nlp, draft, article(RECORD, title=BERLIN)).problems == ()


# agreement

COMPUTED = "Bernoulli numbers are computed by Lovelace's algorithm."
LOVELACE = article(COMPUTED, title="Ada Lovelace")


def test_a_plural_subject_with_a_singular_verb_is_dropped(nlp: Language) -> None:
    draft = basic_draft(COMPUTED, "How is Bernoulli numbers computed?", "by Lovelace's algorithm")
    assert verdict(nlp, draft, LOVELACE).problems == (Problem.AGREEMENT,)


def test_a_plural_subject_with_a_plural_verb_is_kept(nlp: Language) -> None:
    draft = basic_draft(COMPUTED, "How are Bernoulli numbers computed?", "by Lovelace's algorithm")
    assert verdict(nlp, draft, LOVELACE).problems == ()


# wrong_question_word

EXILE = "In 1816 Byron left England for good."
BYRON = article(EXILE, title="Lord Byron")


def test_what_asked_of_a_person_is_dropped(nlp: Language) -> None:
    draft = basic_draft(EXILE, "What left England for good in 1816?", "Byron")
    assert verdict(nlp, draft, BYRON).problems == (Problem.WRONG_QUESTION_WORD,)


def test_who_asked_of_a_person_is_kept(nlp: Language) -> None:
    assert verdict(nlp, basic_draft(EXILE, "Who left England for good in 1816?", "Byron"), BYRON).problems == ()


def test_when_answered_with_a_place_is_dropped(nlp: Language) -> None:
    draft = basic_draft(EXILE, "When did Byron leave for good?", "England")
    assert verdict(nlp, draft, BYRON).problems == (Problem.WRONG_QUESTION_WORD,)


def test_when_answered_with_a_year_is_kept(nlp: Language) -> None:
    draft = basic_draft(EXILE, "When did Byron leave England for good?", "1816")
    assert verdict(nlp, draft, BYRON).problems == ()


def test_who_answered_with_a_company_that_is_not_in_the_source_is_dropped(nlp: Language) -> None:
    source = "Sony released the first commercial lithium-ion battery in 1991."
    draft = basic_draft(source, "Who released the first commercial lithium-ion battery in 1991?", "Panasonic")
    assert Problem.WRONG_QUESTION_WORD in verdict(nlp, draft).problems


def test_how_many_answered_with_a_count_is_kept(nlp: Language) -> None:
    draft = basic_draft(HEART, "How many chambers does the human heart have?", "four")
    assert verdict(nlp, draft, article(HEART, title="Heart")).problems == ()


# question_shape

SHARED = "The two species shared only a common ancestor."
TARDIGRADES = article(SHARED, title="Tardigrades")


def test_a_question_without_a_question_mark_is_dropped(nlp: Language) -> None:
    draft = basic_draft(EXILE, "When did Byron leave England for good", "1816")
    assert verdict(nlp, draft, BYRON).problems == (Problem.FRAGMENT,)


def test_a_question_with_two_question_marks_is_dropped(nlp: Language) -> None:
    draft = basic_draft(EXILE, "When did Byron leave England for good??", "1816")
    assert Problem.FRAGMENT in verdict(nlp, draft, BYRON).problems


def test_a_question_that_trails_off_is_dropped(nlp: Language) -> None:
    draft = basic_draft(SHARED, "What did the two species shared only?", "a common ancestor")
    assert verdict(nlp, draft, TARDIGRADES).problems == (Problem.FRAGMENT,)


def test_a_well_formed_question_is_kept(nlp: Language) -> None:
    draft = basic_draft(SHARED, "What did the two species share?", "a common ancestor")
    assert verdict(nlp, draft, TARDIGRADES).problems == ()


# lecture-note shapes, asides and names that a cut leaves broken

PORTS = "e.g. HTTPS uses port 443, SSH uses port 22."


def test_a_cloze_that_starts_with_eg_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(PORTS, PORTS, "443")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(PORTS, title="Networking")).problems


def test_a_note_arrow_or_equals_sign_in_a_card_is_dropped(nlp: Language) -> None:
    source = "Ring of Fire = belt of volcanoes around the Pacific Ocean."
    draft = basic_draft(source, "What is the term for = belt of volcanoes around the Pacific Ocean?", "Ring of Fire")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(source, title="Plate tectonics")).problems


def test_a_cloze_with_a_sentence_break_inside_is_dropped(nlp: Language) -> None:
    source = "The Remington No. 2 of 1878 added a shift key."
    draft = cloze_draft(source, "The Remington successor. 2 of 1878 added a shift key.", "1878")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(source, title="Keyboards")).problems


def test_a_question_that_lowercases_a_name_is_dropped(nlp: Language) -> None:
    source = "On Mars, Ingenuity weighs about 1.8 kilograms."
    draft = basic_draft(source, "What does ingenuity weigh on Mars?", "about 1.8 kilograms")
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(source, title="Mars helicopter")).problems


def test_a_question_with_a_bare_be_is_dropped(nlp: Language) -> None:
    source = "Juice is the first spacecraft to orbit a moon of another planet."
    draft = basic_draft(source, "What be Juice?", "the first spacecraft")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(source, title="Juice")).problems


RESERVE = "The Moremi Game Reserve, on the eastern side of the delta, was set aside in 1963 by the Batawana people."


def test_a_cloze_that_keeps_an_aside_but_drops_its_closing_comma_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        RESERVE,
        "The Moremi Game Reserve, on the eastern side of the delta was set aside in 1963 by the Batawana people.",
        "1963",
    )
    assert Problem.STRAY_PUNCTUATION in verdict(nlp, draft, article(RESERVE, title="Okavango Delta")).problems


def test_a_cloze_that_keeps_the_aside_with_both_commas_is_kept(nlp: Language) -> None:
    draft = cloze_draft(RESERVE, RESERVE, "1963")
    assert verdict(nlp, draft, article(RESERVE, title="Okavango Delta")).problems == ()


RIDGE = "Mid-Atlantic Ridge; Iceland sits on it."


def test_a_cloze_with_a_verbless_half_before_a_semicolon_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(RIDGE, RIDGE, "Iceland")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(RIDGE, title="Plate tectonics")).problems


def test_a_cloze_of_two_whole_clauses_joined_by_a_semicolon_is_kept(nlp: Language) -> None:
    source = "The ridge runs down the Atlantic; Iceland sits on top of it."
    draft = cloze_draft(source, source, "Iceland")
    assert Problem.FRAGMENT not in verdict(nlp, draft, article(source, title="Plate tectonics")).problems


def test_a_wh_question_whose_copula_does_not_agree_with_its_subject_is_dropped(nlp: Language) -> None:
    source = "LE BOURGET, France (Reuters) - Negotiators from 195 countries adopted a landmark agreement."
    draft = basic_draft(source, "What is the Negotiators from 195 countries?", "France")
    assert Problem.AGREEMENT in verdict(nlp, draft).problems


def test_who_is_not_asked_of_a_place_noun_the_question_names(nlp: Language) -> None:
    source = "It is the best-known monument of Angkor, the former capital region of the Khmer Empire."
    draft = basic_draft(source, "Who is the former capital region of the Khmer Empire?", "Angkor")
    assert Problem.WRONG_QUESTION_WORD in verdict(nlp, draft).problems


def test_who_is_asked_of_the_head_of_a_department(nlp: Language) -> None:
    source = "Mr Lee Shih-chiang, head of the strategic planning department, named the AGM-158."
    draft = basic_draft(source, "Who is the head of the strategic planning department?", "Lee Shih-chiang")
    assert Problem.WRONG_QUESTION_WORD not in verdict(nlp, draft).problems
