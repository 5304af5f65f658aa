"""The stand-alone rules: a card names what it is about, has one right answer and does not give it away; a
fact that changes is dated."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.verify import Problem
from tests.unit.generation.verify.conftest import article, basic_draft, cloze_draft, verdict

if TYPE_CHECKING:
    from spacy.language import Language

# ambiguous_question


def test_what_is_a_moon_of_saturn_has_many_answers_and_is_dropped(nlp: Language) -> None:
    source = "Titan is a moon of Saturn."
    draft = basic_draft(source, "What is a moon of Saturn?", "Titan")
    assert verdict(nlp, draft, article(source, title="Titan")).problems == (Problem.AMBIGUOUS_QUESTION,)


def test_what_is_the_largest_moon_of_saturn_has_one_answer_and_is_kept(nlp: Language) -> None:
    source = "Titan is the largest moon of Saturn."
    draft = basic_draft(source, "What is the largest moon of Saturn?", "Titan")
    assert verdict(nlp, draft, article(source, title="Moons of Saturn")).problems == ()


def test_what_is_a_bare_name_is_dropped(nlp: Language) -> None:
    source = "Lake Baikal is the deepest lake in the world."
    draft = basic_draft(source, "What is Lake Baikal?", "the deepest lake in the world")
    assert verdict(nlp, draft).problems == (Problem.AMBIGUOUS_QUESTION,)


def test_who_is_a_tool_is_dropped(nlp: Language) -> None:
    source = "CRISPR is a tool for editing genes."
    draft = basic_draft(source, "Who is a tool for editing genes?", "CRISPR")
    assert Problem.AMBIGUOUS_QUESTION in verdict(nlp, draft, article(source, title="Genome editing")).problems


def test_who_did_something_that_many_did_is_dropped(nlp: Language) -> None:
    source = "Holm & Vester designed the bridge."
    draft = basic_draft(source, "Who designed the bridge?", "Holm & Vester")
    assert verdict(nlp, draft, article(source, title="Harbour Bridge")).problems == (Problem.AMBIGUOUS_QUESTION,)


def test_who_did_the_first_of_something_is_kept(nlp: Language) -> None:
    source = "Sony released the first commercial lithium-ion battery in 1991."
    draft = basic_draft(source, "Who released the first commercial lithium-ion battery in 1991?", "Sony")
    assert verdict(nlp, draft).problems == ()


# dangling_reference

WEBB_TEXT = "The James Webb Space Telescope is the largest telescope in space. Its mirror is 6.5 metres across."
MIRROR = "Its mirror is 6.5 metres across."
WEBB = article(WEBB_TEXT, title="James Webb Space Telescope")


def test_its_with_nothing_before_it_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(MIRROR, MIRROR, "6.5 metres", text=WEBB_TEXT)
    assert Problem.DANGLING_REFERENCE in verdict(nlp, draft, WEBB).problems


def test_its_rewritten_to_the_name_is_kept(nlp: Language) -> None:
    draft = cloze_draft(
        MIRROR,
        "The James Webb Space Telescope's mirror is 6.5 metres across.",
        "6.5 metres",
        text=WEBB_TEXT,
        rewrites=(Rewrite("Its", "The James Webb Space Telescope's"),),
    )
    assert verdict(nlp, draft, WEBB).problems == ()


def test_such_batteries_is_dropped(nlp: Language) -> None:
    source = "Such batteries power most mobile phones."
    draft = cloze_draft(source, source, "mobile phones")
    assert verdict(nlp, draft, article(source, title="Lithium-ion battery")).problems == (Problem.DANGLING_REFERENCE,)


def test_named_batteries_are_kept(nlp: Language) -> None:
    source = "Lithium-ion batteries power most mobile phones."
    draft = cloze_draft(source, source, "mobile phones")
    assert verdict(nlp, draft, article(source, title="Lithium-ion battery")).problems == ()


def test_each_page_points_back_and_is_dropped(nlp: Language) -> None:
    source = "Each page was printed with 42 lines."
    draft = cloze_draft(source, source, "42")
    assert verdict(nlp, draft, article(source, title="Gutenberg Bible")).problems == (Problem.DANGLING_REFERENCE,)


def test_each_year_is_kept(nlp: Language) -> None:
    source = "About 30 million tourists visit Paris each year."
    draft = cloze_draft(source, source, "30 million")
    assert verdict(nlp, draft, article(source, title="Paris")).problems == ()


def test_the_telescope_without_a_title_to_name_it_is_dropped(nlp: Language) -> None:
    source = "The telescope was launched in December 2021 on an Ariane 5 rocket."
    draft = cloze_draft(source, source, "December 2021")
    assert verdict(nlp, draft, article(source)).problems == (Problem.DANGLING_REFERENCE,)


def test_the_telescope_under_a_title_that_names_it_is_kept(nlp: Language) -> None:
    source = "The telescope was launched in December 2021 on an Ariane 5 rocket."
    draft = cloze_draft(source, source, "December 2021")
    assert verdict(nlp, draft, article(source, title="James Webb Space Telescope")).problems == ()


def test_the_deepest_lake_in_the_world_needs_no_title(nlp: Language) -> None:
    source = "Lake Baikal is the deepest lake in the world."
    assert verdict(nlp, cloze_draft(source, source, "Lake Baikal"), article(source)).problems == ()


# missing_context

SMIT = "A professor, Jan Smit, designed the storm barrier in 1958."
DELTA = article(SMIT, title="Delta Works")


def test_an_unnamed_professor_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(SMIT, "A professor designed the storm barrier in 1958.", "1958")
    assert verdict(nlp, draft, DELTA).problems == (Problem.MISSING_CONTEXT,)


def test_a_named_professor_is_kept(nlp: Language) -> None:
    assert verdict(nlp, cloze_draft(SMIT, SMIT, "1958"), DELTA).problems == ()


def test_a_cloze_with_too_few_words_of_its_own_is_dropped(nlp: Language) -> None:
    source = "180 copies were printed."
    draft = cloze_draft(source, source, "180")
    assert verdict(nlp, draft, article(source, title="Gutenberg Bible")).problems == (Problem.MISSING_CONTEXT,)


def test_a_count_with_what_it_counts_is_kept(nlp: Language) -> None:
    source = "About 180 copies of the Gutenberg Bible were printed in Mainz."
    assert verdict(nlp, cloze_draft(source, source, "180"), article(source, title="Printing")).problems == ()


QE = "After the 2008 crisis, the Federal Reserve bought bonds worth 4 trillion dollars."
EASING = article(QE, title="Quantitative easing")


def test_an_amount_without_its_when_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(QE, "The Federal Reserve bought bonds worth 4 trillion dollars.", "4 trillion dollars")
    assert verdict(nlp, draft, EASING).problems == (Problem.MISSING_CONTEXT,)


def test_an_amount_with_its_when_is_kept(nlp: Language) -> None:
    assert verdict(nlp, cloze_draft(QE, QE, "4 trillion dollars"), EASING).problems == ()


# trivial

WHO = "The World Health Organization (WHO) was founded in 1948."
HEALTH = article(WHO, title="Public health")


def test_an_acronym_spelled_by_the_question_is_dropped(nlp: Language) -> None:
    draft = basic_draft(WHO, "What is the abbreviation for World Health Organization?", "WHO")
    assert verdict(nlp, draft, HEALTH).problems == (Problem.TRIVIAL,)


def test_an_acronym_expanded_is_kept(nlp: Language) -> None:
    draft = basic_draft(WHO, "What does WHO stand for?", "World Health Organization")
    assert verdict(nlp, draft, HEALTH).problems == ()


TARDIGRADES = "Tardigrades have survived exposure to open space and are among the toughest animals on Earth."
SURVIVORS = article(TARDIGRADES, title="Tardigrade")


def test_a_blank_hiding_the_only_thing_of_its_kind_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(TARDIGRADES, TARDIGRADES, "Earth")
    assert verdict(nlp, draft, SURVIVORS).problems == (Problem.TRIVIAL,)


def test_a_blank_beside_the_only_thing_of_its_kind_is_kept(nlp: Language) -> None:
    draft = cloze_draft(TARDIGRADES, TARDIGRADES, "open space")
    assert Problem.TRIVIAL not in verdict(nlp, draft, SURVIVORS).problems


MANDELA = "Nelson Mandela was born in South Africa in 1918."


def test_a_cloze_that_blanks_part_of_a_place_name_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(MANDELA, MANDELA, "Africa")
    assert verdict(nlp, draft, article(MANDELA, title="Nelson Mandela")).problems == (Problem.TRIVIAL,)


def test_a_cloze_that_blanks_the_whole_place_name_is_kept(nlp: Language) -> None:
    draft = cloze_draft(MANDELA, MANDELA, "South Africa")
    assert verdict(nlp, draft, article(MANDELA, title="Nelson Mandela")).problems == ()


# clumsy_rewrite

WORMS = "Giant tube worms have no mouth. They host bacteria inside their bodies."
HOST = "They host bacteria inside their bodies."
VENTS = article(WORMS, title="Hydrothermal vents")


def test_a_name_repeated_where_the_source_had_a_pronoun_is_dropped(nlp: Language) -> None:
    draft = cloze_draft(
        HOST,
        "Giant tube worms host bacteria inside giant tube worms' bodies.",
        "bacteria",
        text=WORMS,
        rewrites=(Rewrite("They", "Giant tube worms"), Rewrite("their", "giant tube worms'")),
    )
    assert verdict(nlp, draft, VENTS).problems == (Problem.CLUMSY_REWRITE,)


def test_a_name_given_once_with_the_later_pronoun_left_is_kept(nlp: Language) -> None:
    draft = cloze_draft(
        HOST,
        "Giant tube worms host bacteria inside their bodies.",
        "bacteria",
        text=WORMS,
        rewrites=(Rewrite("They", "Giant tube worms"),),
    )
    assert verdict(nlp, draft, VENTS).problems == ()


# is_changing_fact

PRESIDENT = "Emmanuel Macron is the president of France."
QUESTION = "Who is the president of France?"


def test_a_current_office_holder_in_an_undated_article_is_dropped(nlp: Language) -> None:
    found = verdict(nlp, basic_draft(PRESIDENT, QUESTION, "Emmanuel Macron"), article(PRESIDENT, title="France"))
    assert found.problems == (Problem.UNDATED_CHANGING_FACT,)
    assert found.changing


def test_a_current_office_holder_in_a_dated_article_is_kept_as_a_changing_fact(nlp: Language) -> None:
    dated = article(PRESIDENT, title="France", published=date(2021, 4, 12))
    found = verdict(nlp, basic_draft(PRESIDENT, QUESTION, "Emmanuel Macron"), dated)
    assert found.problems == ()
    assert found.changing


def test_a_past_office_holder_does_not_change(nlp: Language) -> None:
    source = "Charles de Gaulle was the first president of the Fifth Republic."
    draft = basic_draft(source, "Who was the first president of the Fifth Republic?", "Charles de Gaulle")
    found = verdict(nlp, draft, article(source, title="French politics"))
    assert found.problems == ()
    assert not found.changing


def test_a_race_on_sunday_is_true_only_as_of_the_articles_date(nlp: Language) -> None:
    source = "Tanaka clocked 2:19:44 in Berlin on Sunday."
    draft = cloze_draft(source, source, "2:19:44")
    assert verdict(nlp, draft, article(source, title="Berlin Marathon")).problems == (Problem.UNDATED_CHANGING_FACT,)
    dated = article(source, title="Berlin Marathon", published=date(2023, 9, 25))
    assert verdict(nlp, draft, dated).changing
