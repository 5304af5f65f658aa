"""A long article is read section by section (bounded memory), and one too long is refused before parsing."""

from __future__ import annotations

import math

import pytest

from studyapp.domain.article import Article
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import no_progress
from studyapp.generation import sections, spacy_generator
from studyapp.generation.nlp import get_nlp
from studyapp.reading import read_article_text

_FACTS = (
    "The Orland Tunnel opened in 2015 after nine years of work. It cost 3 billion euros. "
    "Its engineer was Maria Keller, who had built the Vale Bridge in 1998. "
)


def _book(paragraphs: int) -> str:
    return "A history of tunnels\n\n" + "\n\n".join(f"{_FACTS}Chapter {n} ends here." for n in range(paragraphs))


@pytest.fixture
def small_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "SECTION_CHARS", 600)
    monkeypatch.setattr(sections, "MAX_SECTION_CHARS", 1_200)


@pytest.mark.usefixtures("small_sections")
def test_a_long_article_is_ranked_in_sections_that_end_at_paragraph_breaks() -> None:
    article = read_article_text(_book(12))
    found = list(sections.ranked_sections(article, get_nlp(), progress=no_progress, cancel=None))
    assert len(found) > 2
    assert [s.read_share for s in found] == sorted(s.read_share for s in found)
    assert found[-1].read_share == 1.0
    for section in found[1:]:
        first = min((item.candidate.sentence for item in section.ranked), key=lambda sentence: sentence.index)
        assert first.opens_paragraph


@pytest.mark.usefixtures("small_sections")
def test_the_card_budget_is_shared_out_over_every_section() -> None:
    article = read_article_text(_book(12))
    found = list(sections.ranked_sections(article, get_nlp(), progress=no_progress, cancel=None))
    starts = [min(item.candidate.sentence.start for item in section.ranked) for section in found]
    drafts = spacy_generator.SpacyCardGenerator().generate(article, max_cards=12)
    assert len(drafts) == 12
    for start, end in zip(starts, [*starts[1:], len(article.text)], strict=True):
        assert any(start <= d.start < end for d in drafts)


def test_an_ordinary_article_is_one_section() -> None:
    article = read_article_text(_book(3))
    found = list(sections.ranked_sections(article, get_nlp(), progress=no_progress, cancel=None))
    assert [s.read_share for s in found] == [1.0]


def test_an_article_over_the_cap_is_refused_at_once_naming_its_size_and_the_cap() -> None:
    text = _book(1) * (int(spacy_generator.MAX_ARTICLE_MB * 1024 * 1024) // len(_book(1)) + 2_000)
    article = Article(title="A history of tunnels", text=text)
    with pytest.raises(UserInputError) as refused:
        spacy_generator.SpacyCardGenerator().generate(article)
    megabytes = math.ceil(len(text) / 1024 / 1024 * 10) / 10
    assert megabytes > spacy_generator.MAX_ARTICLE_MB
    assert str(refused.value) == (
        f"The article has {megabytes:.1f} MB of text; cards can be made from at most "
        f"{spacy_generator.MAX_ARTICLE_MB:g} MB at a time. Split it into parts (chapters, for example) and import each."
    )
