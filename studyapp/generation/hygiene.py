"""Tidying and checking card text so each card stands alone: one pass over every candidate.

``check`` tidies a candidate's text, drops it when it fails a serious rule and
leaves on it the warnings the card preview shows for the rest.
"""

from __future__ import annotations

import dataclasses
import re

from studyapp.domain.cards import CardKind, Warning_
from studyapp.domain.cloze import cloze_question
from studyapp.generation.candidate import Candidate
from studyapp.generation.lexicon import DANGLING_PRONOUNS, WH_WORDS, YES_NO_OPENERS
from studyapp.generation.spans import content_words

MAX_ANSWER_WORDS = 8
MAX_QUESTION_WORDS = 28
_YES_NO_START = re.compile(rf"^(?:{'|'.join(YES_NO_OPENERS)})\b", re.IGNORECASE)
_JUNK = " \t\n,;:-–—•·/|"


def check(candidate: Candidate) -> Candidate | None:
    """The candidate with tidy text, its answer's span narrowed to the tidy answer and its warnings; None
    (dropped) when it fails a hygiene rule."""
    answer = tidy_answer(candidate.answer)
    is_cloze = candidate.kind is CardKind.CLOZE
    cloze = drop_pointing_words(candidate.cloze) if is_cloze else candidate.cloze
    if is_cloze:
        question = tidy(cloze_question(cloze))
        acceptable = not has_dangling_pronoun(question, leading_only=True) and not cloze_gives_answer_away(
            question, answer
        )
    else:
        question = tidy_question(drop_pointing_words(candidate.question))
        acceptable = not (
            is_yes_no(question)
            or has_inner_wh_word(question)
            or answer_in_question(question, answer)
            or has_dangling_pronoun(question, leading_only=False)
            or len(question.split()) > MAX_QUESTION_WORDS
        )
    acceptable = acceptable and not has_dangling_pronoun(answer, leading_only=False)
    meaningful = bool(content_words(answer)) or (answer.isupper() and len(answer) > 1)
    if not (acceptable and meaningful and len(answer.split()) <= MAX_ANSWER_WORDS):
        return None
    return dataclasses.replace(
        candidate,
        question=question,
        answer=answer,
        cloze=cloze,
        answer_span=_answer_span(candidate, answer),
        warnings=warnings_for(question, answer, is_cloze=is_cloze),
    )


def _answer_span(candidate: Candidate, answer: str) -> tuple[int, int] | None:
    """The tokens of the tidy answer inside the phrase it was taken from ("Taiwan's" → "Taiwan"); None when
    tidying or resolution left text the phrase does not contain."""
    phrase = candidate.answer_tokens
    offset = phrase.text.find(answer) if phrase is not None and answer else -1
    if phrase is None or offset < 0:
        return None
    start = phrase.start_char + offset
    found = phrase.doc.char_span(start, start + len(answer), alignment_mode="expand")
    if found is None or not len(found):
        return None
    base = candidate.sentence.span.start
    return found.start - base, found.end - base


def tidy_spacing(text: str) -> str:
    """One space between words, none before punctuation or after an opening bracket, no doubled comma."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return re.sub(r",\s*,", ",", text)


def tidy(text: str) -> str:
    """``tidy_spacing``, balanced quotes and brackets, no junk at the ends."""
    text = tidy_spacing(text)
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return text.strip(_JUNK)


_POINTING = (
    re.compile(r"\b(?<![\"“])also\s+", re.IGNORECASE),
    re.compile(
        r",?\s+(?:on|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!\s+(?:of\b|\d))"
    ),
    re.compile(r",?\s+(?:yesterday|today)\b(?=[\s,.;?])"),
)
_OPENING_NOW = re.compile(r"^(?:Today|Nowadays),\s+")


def drop_pointing_words(text: str) -> str:
    """Leave out words that only point at the article around the sentence: "also", "on Friday",
    "yesterday", an opening "Today," — the card is as true without them and stands alone.  Text inside a
    cloze deletion or a quotation is kept as it is."""
    pieces = re.split(r"(\{\{c\d+::.*?\}\}|\"[^\"]*\"|“[^”]*”)", text)
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        for pattern in _POINTING:
            piece = pattern.sub("", piece)
        if index == 0 and _OPENING_NOW.match(piece):
            piece = _OPENING_NOW.sub("", piece)
            piece = piece[:1].upper() + piece[1:]
        pieces[index] = piece
    return "".join(pieces)


def tidy_question(text: str) -> str:
    text = tidy(text).rstrip(".!?,;: ")
    return (text[:1].upper() + text[1:] + "?") if text else ""


def tidy_answer(text: str) -> str:
    """Answers without possessive endings or surrounding punctuation."""
    text = tidy(text).rstrip(".!?,;:")
    text = re.sub(r"(?:'s|’s|')$", "", text).strip(_JUNK)
    if text.count('"') == 2 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    return text


def is_yes_no(question: str) -> bool:
    return bool(_YES_NO_START.match(question))


def has_inner_wh_word(question: str) -> bool:
    """ "What is text why the book is called?": a second wh-word means a relative clause was mangled.

    The first three words may hold the question's own wh-phrase ("To whom", "In how many").
    """
    words = re.findall(r"[A-Za-z]+", question.lower())
    return any(word in WH_WORDS for word in words[3:])


def _stem(word: str) -> str:
    """A crude lemma, enough to compare words: "Missiles" ~ "missile", "Taiwan's" ~ "taiwan"."""
    word = re.sub(r"(?:'s|’s|')$", "", word.lower())
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(word) for word in content_words(text)}


def answer_in_question(question: str, answer: str) -> bool:
    """True when the question gives the answer away.

    Case-insensitive and robust to glued text ("Sydney.0NOn" holds "NOn"): the answer as a substring,
    its head word's lemma, or most of its content-word lemmas appearing in the question.
    """
    bare = answer.strip().lower()
    if len(bare) > 1 and bare in question.lower():
        return True
    answer_words = _stems(answer)
    if not answer_words:
        return False
    question_words = _stems(question)
    head = re.findall(r"[\w'-]+", answer.lower())
    overlap = answer_words & question_words
    return (bool(head) and _stem(head[-1]) in question_words) or len(overlap) * 2 >= len(answer_words)


def cloze_gives_answer_away(question: str, answer: str) -> bool:
    """A cloze whose text still shows the deleted words elsewhere (case-insensitive, even inside a word)."""
    bare = answer.strip().lower()
    return bool(bare) and bare in question.replace("[...]", " ").lower()


def has_dangling_pronoun(text: str, *, leading_only: bool) -> bool:
    """A pronoun the card cannot explain: anywhere in a short question, at the start of a cloze."""
    words = re.findall(r"[A-Za-z']+", re.sub(r'"[^"]*"', " ", text))
    if leading_only:
        return bool(words) and words[0].lower() in DANGLING_PRONOUNS
    return any(w.lower() in DANGLING_PRONOUNS for w in words)


def warnings_for(question: str, answer: str, *, is_cloze: bool) -> tuple[Warning_, ...]:
    """The checks a finished card still fails, in a fixed order."""
    found: list[Warning_] = []
    if not is_cloze and answer_in_question(question, answer):
        found.append(Warning_.ANSWER_IN_QUESTION)
    if has_dangling_pronoun(question, leading_only=is_cloze):
        found.append(Warning_.DANGLING_PRONOUN)
    if not is_cloze and (question.count("?") > 1 or ";" in question):
        found.append(Warning_.COMPOUND_QUESTION)
    if len(answer.split()) > MAX_ANSWER_WORDS:
        found.append(Warning_.LONG_ANSWER)
    return tuple(found)


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of content words: near-duplicate cards score close to 1."""
    a, b = content_words(first), content_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
