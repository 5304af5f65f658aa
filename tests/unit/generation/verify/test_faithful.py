"""The faithfulness rules: a card says what its source sentence says, and nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.verify import Problem
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

FLEMING = "Fleming noticed the mould in 1928. He grew the mould in broth."
GREW = "He grew the mould in broth."
PENICILLIN = article(FLEMING, title="Penicillin")

# unsupported_word


def test_a_pronoun_resolved_without_a_recorded_rewrite_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(GREW, "Fleming grew the mould in broth.", "broth", text=FLEMING)
    assert Problem.UNSUPPORTED_WORD in verdict(nlp, draft, PENICILLIN).problems


def test_a_pronoun_resolved_with_a_recorded_rewrite_is_kept(nlp: Language) -> None:
    draft = cloze_draft(
        GREW, "Fleming grew the mould in broth.", "broth", text=FLEMING, rewrites=(Rewrite("He", "Fleming"),)
    )
    assert verdict(nlp, draft, PENICILLIN).problems == ()


LAUNCH = "The telescope was launched in December 2021 on an Ariane 5 rocket."
WEBB = article(LAUNCH, title="James Webb Space Telescope")


def test_a_question_that_names_a_thing_its_source_does_not_is_dropped(nlp: Language) -> None:
    draft = basic_draft(LAUNCH, "When was the telescope launched on a Soyuz rocket?", "December 2021")
    assert verdict(nlp, draft, WEBB).problems == (Problem.UNSUPPORTED_WORD,)


def test_a_question_in_its_sources_words_is_kept(nlp: Language) -> None:
    draft = basic_draft(LAUNCH, "When was the telescope launched on an Ariane 5 rocket?", "December 2021")
    assert verdict(nlp, draft, WEBB).problems == ()


def test_an_answer_its_source_does_not_give_is_dropped(nlp: Language) -> None:
    source = "Sony released the first commercial lithium-ion battery in 1991."
    draft = basic_draft(source, "Who released the first commercial lithium-ion battery in 1991?", "Panasonic")
    assert Problem.UNSUPPORTED_WORD in verdict(nlp, draft).problems


def test_a_question_that_restates_its_source_with_a_frame_word_is_kept(nlp: Language) -> None:
    source = "Sony released the first commercial lithium-ion battery in 1991."
    draft = basic_draft(source, "Who released the first commercial lithium-ion battery in 1991?", "Sony")
    assert verdict(nlp, draft).problems == ()


# added_words


def test_a_cloze_that_adds_a_word_to_its_source_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        LAUNCH, "The telescope was launched quickly in December 2021 on an Ariane 5 rocket.", "December 2021"
    )
    assert Problem.UNSUPPORTED_WORD in verdict(nlp, draft, WEBB).problems


def test_a_cloze_that_rewords_its_source_without_recording_it_is_dropped(nlp: Language) -> None:
    source = "In 1928 the mould was noticed by Fleming."
    draft = cloze_draft(source, "Fleming noticed the mould in 1928.", "1928")
    assert Problem.UNSUPPORTED_WORD in verdict(nlp, draft, article(source, title="Penicillin")).problems


def test_a_cloze_that_keeps_its_sources_words_in_order_is_kept(nlp: Language) -> None:
    source = "In 1928 the mould was noticed by Fleming."
    draft = cloze_draft(source, source, "1928")
    assert verdict(nlp, draft, article(source, title="Penicillin")).problems == ()


def test_a_possessive_pronoun_rewritten_to_a_recorded_name_is_kept(nlp: Language) -> None:
    text = "The James Webb Space Telescope is the largest telescope in space. Its mirror is 6.5 metres across."
    source = "Its mirror is 6.5 metres across."
    draft = cloze_draft(
        source,
        "The telescope's mirror is 6.5 metres across.",
        "6.5 metres",
        text=text,
        rewrites=(Rewrite("Its", "The telescope's"),),
    )
    assert verdict(nlp, draft, article(text, title="James Webb Space Telescope")).problems == ()


# altered_quotation

SPEECH = 'In 1987 Reagan urged Gorbachev to "tear down this wall" in a speech in Berlin.'
REAGAN = article(SPEECH, title="Ronald Reagan")


def test_a_quotation_with_a_word_changed_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        SPEECH, 'In 1987 Reagan urged Gorbachev to "tear down the wall" in a speech in Berlin.', "Gorbachev"
    )
    assert Problem.ALTERED_QUOTATION in verdict(nlp, draft, REAGAN).problems


def test_a_quotation_cut_short_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        SPEECH, 'In 1987 Reagan urged Gorbachev to "tear down this" in a speech in Berlin.', "Gorbachev"
    )
    assert Problem.ALTERED_QUOTATION in verdict(nlp, draft, REAGAN).problems


def test_a_cloze_that_keeps_the_whole_quotation_is_kept(nlp: Language) -> None:
    draft = cloze_draft(SPEECH, SPEECH, "Gorbachev")
    assert verdict(nlp, draft, REAGAN).problems == ()


def test_a_question_that_quotes_the_whole_quotation_is_kept(nlp: Language) -> None:
    draft = basic_draft(SPEECH, 'Whom did Reagan urge to "tear down this wall" in 1987?', "Gorbachev")
    assert verdict(nlp, draft, REAGAN).problems == ()


# lost_negation

RACE = "Kipchoge did not win the Boston Marathon in 2023."


def test_a_cloze_that_turns_did_not_win_into_won_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(RACE, "Kipchoge won the Boston Marathon in 2023.", "2023")
    assert Problem.LOST_NEGATION in verdict(nlp, draft).problems


def test_a_cloze_that_keeps_the_negation_is_kept(nlp: Language) -> None:
    draft = cloze_draft(RACE, RACE, "2023")
    assert verdict(nlp, draft).problems == ()


def test_a_question_that_asks_what_was_won_when_it_was_not_is_dropped(nlp: Language) -> None:
    draft = basic_draft(RACE, "Which marathon did Kipchoge win in 2023?", "the Boston Marathon")
    assert verdict(nlp, draft).problems == (Problem.LOST_NEGATION,)


def test_a_question_that_keeps_the_negation_is_kept(nlp: Language) -> None:
    draft = basic_draft(RACE, "Which marathon did Kipchoge not win in 2023?", "the Boston Marathon")
    assert verdict(nlp, draft).problems == ()


# lost_structure

TEAM = "Penicillin was developed into a drug by a team led by Florey and the biochemist Ernst Chain."


def test_a_cloze_that_drops_the_and_between_two_people_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        TEAM, "Penicillin was developed into a drug by a team led by Florey the biochemist Ernst Chain.", "Florey"
    )
    assert Problem.LOST_COORDINATION in verdict(nlp, draft).problems


def test_a_cloze_that_drops_one_of_two_leaders_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(TEAM, "Penicillin was developed into a drug by a team led by Florey.", "Florey")
    assert verdict(nlp, draft).problems == (Problem.LOST_COORDINATION,)


def test_a_cloze_that_keeps_both_leaders_is_kept(nlp: Language) -> None:
    assert verdict(nlp, cloze_draft(TEAM, TEAM, "Florey")).problems == ()
    assert verdict(nlp, cloze_draft(TEAM, TEAM, "Ernst Chain")).problems == ()


OPINION = "Blanchard argued that a target of 4 percent would give central banks more room to cut rates."


def test_a_cloze_that_drops_the_opinion_verb_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(OPINION, "A target of 4 percent would give central banks more room to cut rates.", "4 percent")
    assert verdict(nlp, draft).problems == (Problem.LOST_ATTRIBUTION,)


def test_a_cloze_that_keeps_who_argued_is_kept(nlp: Language) -> None:
    assert verdict(nlp, cloze_draft(OPINION, OPINION, "4 percent")).problems == ()


def test_a_question_that_states_an_argument_as_fact_is_dropped(nlp: Language) -> None:
    draft = basic_draft(OPINION, "What inflation target would give central banks more room to cut rates?", "4 percent")
    assert Problem.LOST_ATTRIBUTION in verdict(nlp, draft).problems


def test_a_question_that_says_who_argued_is_kept(nlp: Language) -> None:
    question = "What target did Blanchard argue would give central banks more room to cut rates?"
    assert verdict(nlp, basic_draft(OPINION, question, "4 percent")).problems == ()


def test_a_cloze_that_glues_one_clauses_subject_to_anothers_date_is_dropped(nlp: Language) -> None:
    source = "The bridge opened in 1932, and the tunnel opened in 1940."
    draft = cloze_draft(source, "The bridge opened in 1940.", "1940")
    assert Problem.MERGED_CLAUSES in verdict(nlp, draft, article(source, title="Sydney Harbour")).problems


def test_a_relative_clause_promoted_to_a_sentence_is_kept(nlp: Language) -> None:
    source = "The marathon was won by Aiko Tanaka, who clocked 2:19:44 to break the course record."
    draft = cloze_draft(source, "Aiko Tanaka clocked 2:19:44 to break the course record.", "2:19:44")
    assert verdict(nlp, draft, article(source, title="Berlin Marathon")).problems == ()


MISSILE = "The missile can fly 370 km and strike ships at sea."


def test_a_verb_left_bare_without_its_can_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(MISSILE, "The missile strike ships at sea.", "ships")
    assert Problem.FRAGMENT in verdict(nlp, draft, article(MISSILE, title="JASSM")).problems


def test_a_cloze_of_the_whole_coordinated_sentence_is_kept(nlp: Language) -> None:
    draft = cloze_draft(MISSILE, MISSILE, "370 km")
    assert verdict(nlp, draft, article(MISSILE, title="JASSM")).problems == ()


# wrong_subject

ALGORITHM = "Lovelace's algorithm for computing Bernoulli numbers is regarded as the first computer program."


def test_a_question_pinned_on_the_wrong_subject_is_dropped(nlp: Language) -> None:
    draft = basic_draft(ALGORITHM, "How are Bernoulli numbers regarded?", "as the first computer program")
    assert verdict(nlp, draft).problems == (Problem.WRONG_SUBJECT,)


def test_a_question_on_the_sources_subject_is_kept(nlp: Language) -> None:
    question = "How is Lovelace's algorithm for computing Bernoulli numbers regarded?"
    assert verdict(nlp, basic_draft(ALGORITHM, question, "as the first computer program")).problems == ()


LOVELACE = "Lovelace wrote an algorithm for the Analytical Engine. It is regarded as the first computer program."
REGARDED = "It is regarded as the first computer program."


def test_a_question_whose_subject_is_not_what_the_pronoun_was_resolved_to_is_dropped(nlp: Language) -> None:
    draft = basic_draft(
        REGARDED,
        "How is the Analytical Engine regarded?",
        "as the first computer program",
        text=LOVELACE,
        rewrites=(Rewrite("It", "Lovelace's algorithm"),),
    )
    assert Problem.WRONG_SUBJECT in verdict(nlp, draft, article(LOVELACE, title="Ada Lovelace")).problems


def test_a_question_whose_subject_is_the_resolved_pronoun_is_kept(nlp: Language) -> None:
    draft = basic_draft(
        REGARDED,
        "How is Lovelace's algorithm regarded?",
        "as the first computer program",
        text=LOVELACE,
        rewrites=(Rewrite("It", "Lovelace's algorithm"),),
    )
    assert verdict(nlp, draft, article(LOVELACE, title="Ada Lovelace")).problems == ()


# partial_name

FIRM = "Holm & Vester designed the harbour bridge in 1932."
HARBOUR = article(FIRM, title="Harbour Bridge")


def test_an_answer_that_shortens_a_firms_name_is_dropped(nlp: Language) -> None:
    draft = basic_draft(FIRM, "Who designed the harbour bridge in 1932?", "Holm")
    assert verdict(nlp, draft, HARBOUR).problems == (Problem.PARTIAL_NAME,)


def test_a_cloze_that_shortens_a_firms_name_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(FIRM, "Holm designed the harbour bridge in 1932.", "1932")
    assert Problem.PARTIAL_NAME in verdict(nlp, draft, HARBOUR).problems


def test_the_whole_firms_name_is_kept(nlp: Language) -> None:
    assert verdict(nlp, basic_draft(FIRM, "Who designed the harbour bridge in 1932?", "Holm & Vester"), HARBOUR).ok
    assert verdict(nlp, cloze_draft(FIRM, FIRM, "Holm & Vester"), HARBOUR).ok
