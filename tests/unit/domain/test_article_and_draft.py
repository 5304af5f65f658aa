"""An article's identity and size, and a draft's public JSON shape."""

from __future__ import annotations

from studyapp.domain.article import Article, Block, BlockKind
from studyapp.domain.cards import Card, CardDraft, CardKind, CardState, Rewrite, Warning_
from studyapp.domain.ids import CardId, DeckId


def test_the_same_text_is_the_same_article_whatever_its_title() -> None:
    one = Article("One", "Water boils at 100 degrees.")
    assert one.content_hash == Article("Other", "Water boils at 100 degrees.", origin="x.txt").content_hash
    assert one.content_hash != Article("One", "Water boils at 100 degrees!").content_hash
    # sha256 of the UTF-8 text, so the identity is stable across versions and machines
    assert Article("", "abc").content_hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_word_count_counts_words_across_lines() -> None:
    assert Article("", "Water  boils\nat 100\tdegrees. ").word_count == 5
    assert Article("", "").word_count == 0


def test_a_cloze_draft_as_json() -> None:
    draft = CardDraft(
        CardKind.CLOZE,
        "[...] boils at 100 degrees.",
        "It",
        "It boils at 100 degrees.",
        0,
        24,
        score=0.123456,
        cloze="{{c1::Water}} boils at 100 degrees.",
        pattern="subject",
        warnings=tuple(Warning_),
        context="Chemistry",
        rewrites=(Rewrite("It", "Water", "Water is a liquid."),),
    )
    assert draft.to_json() == {
        "type": "cloze",
        "question": "[...] boils at 100 degrees.",
        "answer": "It",
        "cloze": "{{c1::Water}} boils at 100 degrees.",
        "source": "It boils at 100 degrees.",
        "start": 0,
        "end": 24,
        "score": 0.1235,
        "pattern": "subject",
        "warnings": ["answer in question", "dangling pronoun", "compound question", "long answer"],  # the badges
        "context": "Chemistry",
        "rewrites": [{"original": "It", "replacement": "Water"}],
    }


def test_a_basic_draft_has_no_cloze_in_json() -> None:
    draft = CardDraft(CardKind.BASIC, "Q?", "A", "Source.", 3, 10, cloze="ignored")
    data = draft.to_json()
    assert (data["type"], data["cloze"], data["score"], data["warnings"], data["rewrites"]) == (
        "basic",
        None,
        0.0,
        [],
        [],
    )


def test_a_card_made_from_content_alone_is_new_never_reviewed_and_not_suspended() -> None:
    card = Card(CardId(1), DeckId(2), CardKind.BASIC, "Q?", "A")
    schedule = (card.state, card.due, card.position, card.reps, card.lapses, card.stability, card.difficulty)
    assert schedule == (CardState.NEW, None, 0, 0, 0, None, None)
    assert (card.last_review, card.suspended, card.tags, card.guid, card.fact) == (None, False, (), "", "")
    provenance = (card.source_sentence, card.source_start, card.source_end, card.source_id, card.context)
    assert provenance == ("", None, None, None, "")
    assert (card.created, card.modified, card.deck_name, card.rewrites) == (None, None, "", ())


def test_a_draft_without_extras_has_no_fact_pattern_or_rewrites() -> None:
    draft = CardDraft(CardKind.BASIC, "Q?", "A", "Source.", 0, 7)
    assert (draft.score, draft.cloze, draft.pattern, draft.fact, draft.warnings, draft.context) == (
        0.0,
        "",
        "",
        "",
        (),
        "",
    )


def test_pasted_text_is_one_run_of_prose_with_no_origin_or_date() -> None:
    article = Article("Notes", "Water boils at 100 degrees.")
    assert (article.origin, article.published, article.blocks) == ("", None, ())


def test_blocks_carry_their_parts_and_kind_names() -> None:
    definition = Block(BlockKind.DEFINITION, 0, 20, headings=("Physics",), term="Boiling", body="turning to gas")
    row = Block(BlockKind.TABLE_ROW, 21, 40, term="Water", cells=(("Boils at", "100 °C"),))
    assert (definition.term, definition.body, definition.headings, definition.cells) == (
        "Boiling",
        "turning to gas",
        ("Physics",),
        (),
    )
    assert (row.start, row.end, row.term, row.body, row.cells) == (21, 40, "Water", "", (("Boils at", "100 °C"),))
    assert [kind.value for kind in BlockKind] == ["paragraph", "heading", "list item", "definition", "table row"]
