"""Edits to frozen drafts that keep question, answer and cloze consistent.

A cloze draft's truth is its Anki text (``{{c1::...}}``); question and answer
are derived from it, so an edit to either goes through the cloze.
"""

from __future__ import annotations

import re
from dataclasses import replace

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import CLOZE_RE, cloze_answer, cloze_ordinals, cloze_question, make_cloze
from studyapp.domain.errors import UserInputError
from studyapp.generation.lexicon import CONNECTIVES

MANUAL_PATTERN = "manual"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")
_OPENING_WORD = re.compile(r"(\w+),?\s+")


def edit_question(draft: CardDraft, text: str) -> CardDraft:
    """For a cloze draft ``text`` is the cloze text itself (``{{c1::...}}``)."""
    if not text.strip():
        raise UserInputError("The question cannot be empty.")
    if draft.kind is CardKind.BASIC:
        return replace(draft, question=text, warnings=())
    if not cloze_ordinals(text):
        raise UserInputError("A cloze card needs a deletion such as {{c1::answer}}.")
    first = cloze_ordinals(text)[0]
    return replace(
        draft, cloze=text, question=cloze_question(text, first), answer=cloze_answer(text, first), warnings=()
    )


def edit_answer(draft: CardDraft, text: str) -> CardDraft:
    if not text.strip():
        raise UserInputError("The answer cannot be empty.")
    if draft.kind is CardKind.BASIC:
        return replace(draft, answer=text, warnings=())
    deletions = list(CLOZE_RE.finditer(draft.cloze))
    if len(deletions) != 1:
        raise UserInputError("This cloze has several deletions; edit them in the question column.")
    match = deletions[0]
    hint = f"::{match.group(3)}" if match.group(3) else ""
    cloze = f"{draft.cloze[: match.start()]}{{{{c{match.group(1)}::{text}{hint}}}}}{draft.cloze[match.end() :]}"
    return replace(draft, cloze=cloze, question=cloze_question(cloze, int(match.group(1))), answer=text, warnings=())


def question_for_editing(draft: CardDraft) -> str:
    return draft.cloze if draft.kind is CardKind.CLOZE else draft.question


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the sentence(s) it touches, for a card's source."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    finish = len(text)
    after = _SENTENCE_END.search(text, max(end - 1, begin))
    if after is not None:
        finish = after.start() + 1 if text[after.start()] in ".!?" else after.start()
    return begin, max(finish, end)


def draft_from_selection(article_text: str, start: int, end: int) -> CardDraft:
    """A cloze card made by hand: the selection is deleted from its sentence."""
    while start < end and article_text[start].isspace():
        start += 1
    while end > start and article_text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise UserInputError("Select some words in the article first.")
    begin, finish = sentence_bounds(article_text, start, end)
    source = article_text[begin:finish]
    cut = _connective_end(source, start - begin)
    sentence = _capitalised(source[cut:])
    cloze = make_cloze(sentence, start - begin - cut, end - begin - cut)
    return CardDraft(
        kind=CardKind.CLOZE,
        question=cloze_question(cloze),
        answer=sentence[start - begin - cut : end - begin - cut],
        source=source,
        start=begin,
        end=finish,
        score=1.0,
        cloze=cloze,
        pattern=MANUAL_PATTERN,
    )


def _connective_end(sentence: str, selected_from: int) -> int:
    """Where the card's sentence starts: after an opening "But", "And", "However," that points at a sentence
    the card does not show (the generator's own list), unless the selection starts inside that word."""
    opening = _OPENING_WORD.match(sentence)
    if opening is None or opening.group(1).lower() not in CONNECTIVES or opening.end() > selected_from:
        return 0
    return opening.end()


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence[:1].islower() else sentence
