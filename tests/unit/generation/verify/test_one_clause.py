"""One clause per card: a card's statement lines up with one clause of its source, in the source's order, and
never stitches a subject, a relative clause or a question's answer onto a clause it does not belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.verify import Problem
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

# a relative pronoun promoted to a sentence's subject stands for the phrase right before it, and agrees with it

PLAZA = (
    'The council named the square "Liberty Plaza", in honour of Anna and Lena Berg, '
    "who founded the first school in the town in 1881."
)


def test_a_relative_clause_pinned_on_a_far_antecedent_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        PLAZA,
        "Liberty Plaza founded the first school in the town in 1881.",
        "1881",
        rewrites=(Rewrite("who", "Liberty Plaza"),),
    )
    assert Problem.WRONG_SUBJECT in verdict(nlp, draft, article(PLAZA, title="Liberty Plaza")).problems


PRIZE = "The prize went to Anna Berg, who founded the first school in the town in 1881."


def test_a_relative_clause_promoted_on_the_name_right_before_it_is_kept(nlp: Language) -> None:
    draft = cloze_draft(
        PRIZE,
        "Anna Berg founded the first school in the town in 1881.",
        "1881",
        rewrites=(Rewrite("who", "Anna Berg"),),
    )
    assert verdict(nlp, draft, article(PRIZE, title="Anna Berg")).problems == ()


MODEL = "Marsh and Hale built a detailed model of the comet, which was shown at the Paris fair in 1889."


def test_a_which_after_x_of_y_is_not_resolved_to_y(nlp: Language) -> None:
    draft = cloze_draft(
        MODEL, "The comet was shown at the Paris fair in 1889.", "1889", rewrites=(Rewrite("which", "The comet"),)
    )
    assert Problem.WRONG_SUBJECT in verdict(nlp, draft, article(MODEL, title="Comet model")).problems


# a person's pronoun is only ever replaced by a person

LEAD = "In 1975 she became the first woman to lead the Royal Society."


def test_she_replaced_by_a_thing_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        LEAD,
        "In 1975 the prize became the first woman to lead the Royal Society.",
        "1975",
        rewrites=(Rewrite("she", "the prize"),),
    )
    assert Problem.WRONG_SUBJECT in verdict(nlp, draft, article(LEAD, title="Maria Lind")).problems


def test_she_replaced_by_a_persons_name_is_kept(nlp: Language) -> None:
    draft = cloze_draft(
        LEAD,
        "In 1975 Maria Lind became the first woman to lead the Royal Society.",
        "1975",
        rewrites=(Rewrite("she", "Maria Lind"),),
    )
    assert verdict(nlp, draft, article(LEAD, title="Maria Lind")).problems == ()


# a cloze does not glue two clauses across a colon, nor a subject onto another clause's verb

RECORD = (
    "The record is held by worms found in a sample of ice collected in 1990: "
    "when scientists thawed it 20 years later, three worms revived."
)
WORMS = article(RECORD, title="Ice worms")


def test_a_cloze_glued_across_a_colon_is_dropped(nlp: Language) -> None:
    card = "The record is held by worms found in a sample of ice collected in 1990 20 years later three worms revived."
    draft = cloze_draft(RECORD, card, "three")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, WORMS).problems


def test_the_clause_before_the_colon_alone_is_kept(nlp: Language) -> None:
    draft = cloze_draft(RECORD, "The record is held by worms found in a sample of ice collected in 1990.", "1990")
    assert verdict(nlp, draft, WORMS).problems == ()


DRONE = "The small drone rose about 4 metres above the field, hovered briefly and landed again."


def test_a_measure_made_the_subject_of_the_next_verb_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(DRONE, "About 4 metres above the field hovered briefly.", "About 4 metres")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, article(DRONE, title="Drones")).problems


TARN = (
    "The village of Tarn, on the northern shore, is the usual starting point for hikers, "
    "many of whom cross the pass in a sledge, a wooden cart pulled by dogs."
)


def test_an_appositive_spliced_onto_the_wrong_noun_is_dropped(nlp: Language) -> None:
    card = (
        "The village of Tarn, on the northern shore, is the usual starting point for hikers "
        "a wooden cart pulled by dogs."
    )
    draft = cloze_draft(TARN, card, "Tarn")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, article(TARN, title="Tarn")).problems


# a question, its wh-phrase and inverted auxiliary taken out, is one clause of its source in order

CROSSING = (
    "Because the river flows in the direction that the wind blows, the boat takes about 3 hours to cross the bay."
)
BAY = article(CROSSING, title="The bay ferry")


def test_a_question_whose_answer_is_another_clause_is_dropped(nlp: Language) -> None:
    draft = basic_draft(CROSSING, "What takes about 3 hours to cross the bay?", "the wind blows")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, BAY).problems


def test_a_question_whose_answer_is_its_verbs_own_object_is_kept(nlp: Language) -> None:
    draft = basic_draft(CROSSING, "How many hours does the boat take to cross the bay?", "about 3")
    assert Problem.MERGED_CLAUSES not in verdict(nlp, draft, BAY).problems


BRANDT = (
    "The best-known codebreaker was Ada Brandt, the Swiss mathematician who led the team that broke the naval "
    "cipher in 1942."
)


def test_a_question_that_pulls_its_answer_out_of_a_relative_clause_is_dropped(nlp: Language) -> None:
    draft = basic_draft(
        BRANDT,
        "What did the Swiss mathematician lead the team that broke in 1942?",
        "the naval cipher",
        rewrites=(Rewrite("who", "the Swiss mathematician"),),
    )
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, article(BRANDT, title="Ada Brandt")).problems


def test_a_question_about_who_led_the_team_is_kept(nlp: Language) -> None:
    source = "Ada Brandt led the team that broke the naval cipher in 1942."
    draft = basic_draft(source, "Who led the team that broke the naval cipher in 1942?", "Ada Brandt")
    assert verdict(nlp, draft, article(source, title="Codebreaking")).problems == ()


REMAINS = "In 1995 the remains of Anna and Karl Berg were moved to the cathedral in Uppsala."
BERG = article(REMAINS, title="The Berg family")


def test_a_question_that_drops_one_of_two_people_is_dropped(nlp: Language) -> None:
    draft = basic_draft(REMAINS, "When were the remains of Anna moved to the cathedral in Uppsala?", "1995")
    assert Problem.LOST_COORDINATION in verdict(nlp, draft, BERG).problems


def test_a_question_that_keeps_both_people_is_kept(nlp: Language) -> None:
    draft = basic_draft(
        REMAINS, "When were the remains of Anna and Karl Berg moved to the cathedral in Uppsala?", "1995"
    )
    assert verdict(nlp, draft, BERG).problems == ()


def test_a_where_question_whose_answer_belongs_to_a_noun_it_keeps_is_dropped(nlp: Language) -> None:
    draft = basic_draft(REMAINS, "Where were the remains of Anna and Karl Berg moved to the cathedral?", "Uppsala")
    assert Problem.GARBLED_QUESTION in verdict(nlp, draft, BERG).problems


CALENDAR = "The Lund stone is often called the oldest known calendar: a slab that tracks the moon with carved notches."
STONE = article(CALENDAR, title="Lund stone")


def test_a_question_run_on_across_a_colon_is_dropped(nlp: Language) -> None:
    question = "What is often called the oldest known calendar a slab that tracks the moon with carved notches?"
    draft = basic_draft(CALENDAR, question, "The Lund stone")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, STONE).problems


def test_a_question_that_stops_at_the_colon_is_kept(nlp: Language) -> None:
    draft = basic_draft(CALENDAR, "What is often called the oldest known calendar?", "The Lund stone")
    assert Problem.MERGED_CLAUSES not in verdict(nlp, draft, STONE).problems


def test_a_question_with_its_sources_words_out_of_order_is_dropped(nlp: Language) -> None:
    source = "The museum opened a new wing in 2019 after a long dispute."
    draft = basic_draft(source, "When did a long dispute open the museum after a new wing?", "2019")
    assert not verdict(nlp, draft, article(source, title="City museum")).ok


PAGES = "The surviving pages, 40 sheets in all, are kept by the city library in Riga."


def test_a_question_that_makes_a_count_appositive_its_subject_is_dropped(nlp: Language) -> None:
    draft = basic_draft(PAGES, "What are 40 sheets in all kept by?", "the city library")
    assert Problem.WRONG_SUBJECT in verdict(nlp, draft, article(PAGES, title="Riga codex")).problems


def test_a_question_about_the_appositives_head_is_kept(nlp: Language) -> None:
    draft = basic_draft(PAGES, "What are the surviving pages kept by?", "the city library")
    assert Problem.WRONG_SUBJECT not in verdict(nlp, draft, article(PAGES, title="Riga codex")).problems


# the auxiliary a question inverts keeps its source's tense; a note line with no sentence gives no question

WING = "The museum will open a new wing in 2026."


def test_a_did_question_about_what_will_happen_is_dropped(nlp: Language) -> None:
    draft = basic_draft(WING, "What did the museum open in 2026?", "a new wing")
    assert Problem.GARBLED_QUESTION in verdict(nlp, draft, article(WING, title="City museum")).problems


def test_a_will_question_about_what_will_happen_is_kept(nlp: Language) -> None:
    draft = basic_draft(WING, "What will the museum open in 2026?", "a new wing")
    assert Problem.GARBLED_QUESTION not in verdict(nlp, draft, article(WING, title="City museum")).problems


def test_a_did_question_about_what_happened_is_kept(nlp: Language) -> None:
    source = "The museum opened a new wing in 2019."
    draft = basic_draft(source, "What did the museum open in 2019?", "a new wing")
    assert verdict(nlp, draft, article(source, title="City museum")).problems == ()


def test_a_question_made_from_a_note_line_is_dropped(nlp: Language) -> None:
    source = "Problem set 4 due Friday"
    draft = basic_draft(source, "What did Problem set?", "4 due Friday")
    assert Problem.GARBLED_QUESTION in verdict(nlp, draft, article(source, title="Geology notes")).problems


def test_a_question_that_keeps_one_of_two_things_said_of_its_subject_is_kept(nlp: Language) -> None:
    source = "Titan is the largest moon of Saturn and the only moon known to have a thick atmosphere."
    draft = basic_draft(source, "What is the largest moon of Saturn?", "Titan")
    assert verdict(nlp, draft, article(source, title="Titan")).problems == ()


def test_a_question_that_asks_what_a_thing_is_called_is_kept(nlp: Language) -> None:
    source = "The flower spike is wrapped in a frilled sheath called the spathe."
    draft = basic_draft(source, "What is the frilled sheath called?", "the spathe")
    assert verdict(nlp, draft, article(source, title="Corpse flower")).problems == ()


def test_a_definition_asked_for_its_term_is_kept(nlp: Language) -> None:
    source = "Antibody: a protein made by the immune system that binds to a specific antigen."
    question = "What is the term for a protein made by the immune system that binds to a specific antigen?"
    draft = basic_draft(source, question, "Antibody")
    assert Problem.MERGED_CLAUSES not in verdict(nlp, draft, article(source, title="Blood groups")).problems


def test_a_question_from_a_numbered_note_line_is_dropped(nlp: Language) -> None:
    source = "2 server replies SYN-ACK"
    draft = basic_draft(source, "What does 2 server reply?", "SYN-ACK")
    assert Problem.GARBLED_QUESTION in verdict(nlp, draft, article(source, title="TCP notes")).problems


def test_a_question_that_moves_a_fronted_adverbial_to_its_end_is_kept(nlp: Language) -> None:
    source = "In 1898, Marie Curie discovered polonium in a uranium ore."
    draft = basic_draft(source, "What did Marie Curie discover in a uranium ore in 1898?", "polonium")
    assert verdict(nlp, draft, article(source, title="Marie Curie")).problems == ()


def test_a_what_is_question_on_a_gerund_term_is_kept(nlp: Language) -> None:
    source = "Inflation targeting is a monetary policy framework in which a central bank announces a numerical goal."
    draft = basic_draft(source, "What is inflation targeting?", "a monetary policy framework")
    assert Problem.MERGED_CLAUSES not in verdict(nlp, draft, article(source, title="Inflation targeting")).problems


def test_a_cloze_that_lists_after_a_colon_is_not_a_note_label(nlp: Language) -> None:
    source = "The human heart has four chambers: two upper chambers, the atria, and two lower chambers, the ventricles."
    draft = cloze_draft(source, source, "four")
    assert Problem.FRAGMENT not in verdict(nlp, draft, article(source, title="The heart")).problems


def test_a_when_question_whose_date_the_parser_hung_on_a_noun_is_kept(nlp: Language) -> None:
    source = "UNESCO declared Lake Baikal a World Heritage Site in 1996."
    draft = basic_draft(source, "When did UNESCO declare Lake Baikal a World Heritage Site?", "1996")
    assert verdict(nlp, draft, article(source, title="Lake Baikal")).problems == ()


# a card keeps its clause to the end: a bare participle is no verb when the subject's own verb comes later

EXILES = (
    "In April 1961 a force of Cuban exiles trained and backed by the American Central Intelligence Agency (CIA) "
    "landed at the Bay of Pigs in an attempt to overthrow Castro."
)


def test_a_cloze_cut_at_a_participle_before_the_subjects_own_verb_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(EXILES, "In April 1961 a force of Cuban exiles trained.", "April 1961")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(EXILES, title="The Cuban Missile Crisis")).problems


def test_a_cloze_that_keeps_the_subjects_own_verb_is_kept(nlp: Language) -> None:
    draft = cloze_draft(EXILES, EXILES, "the Bay of Pigs")
    assert Problem.FRAGMENT not in verdict(nlp, draft, article(EXILES, title="The Cuban Missile Crisis")).problems
