"""Small helpers for reading spaCy parses: entity kinds, useful dates, names and answer words.

Two rules every builder shares live here, each in one place: where an answer starts and ends
(``answer_bounds``), and which question word asks for it (``wh_word``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from studyapp.generation.lexicon import (
    APPROXIMATORS,
    FIRM_SUFFIXES,
    FUNCTION_WORDS,
    HONORIFICS,
    MONTHS,
    PEOPLE_HEADS,
    THING_HEADS,
    TITLE_PREFIX_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NUMERIC_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC"})
_RELATIVE_DATE = re.compile(
    r"^(?:yesterday|today|tomorrow|tonight|now|recently|(?:last|next|this|that|the same)\b.*|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day.*|.*\b(?:ago|earlier|later)\b.*)$",
    re.IGNORECASE,
)


def is_useful_date(text: str) -> bool:
    """Dates worth learning carry a year, a day or a month, not "yesterday" or "the age of 17"."""
    months = "|".join(MONTHS)
    return (
        not _RELATIVE_DATE.match(text.strip())
        and not re.search(r"\bage\b", text, re.IGNORECASE)
        and bool(re.search(rf"\d|{months}", text, re.IGNORECASE))
    )


def strip_honorific(text: str) -> str:
    words = text.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def capitalised_by_position(token: Token) -> bool:
    """A sentence's first word written upper-case only because it comes first: a common noun or adjective, or
    a word the tagger called a name that the text also writes in lower case ("Hydrothermal" ~ "hydrothermal")."""
    if not token.is_sent_start or not token.text[:1].isupper() or token.text.isupper() or token.ent_type_:
        return False
    if token.pos_ in ("NOUN", "ADJ"):
        return True
    lower = token.lower_
    return token.pos_ == "PROPN" and any(t.text == lower for t in token.doc)


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning (a single digit does: "1%"); used to test answer/question overlap and
    duplicates."""
    return {w for w in re.findall(r"[\w'-]+", text.lower()) if w not in FUNCTION_WORDS and (len(w) > 1 or w.isdigit())}


_DASHES = frozenset({"-", "–", "—"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod"})
_TAIL_DEPS = frozenset({"prep", "acl", "relcl"})


def answer_bounds(span: Span, within: Span, *, blank: bool = True) -> Span | None:
    """The one rule for where an answer starts and ends: a whole unit, or None when none can be cut.

    A blank (``blank``) leaves a number's hedge in the sentence ("only about [...]") and takes its unit sign
    ("40%"); every answer takes a dash-joined name ("Hay–Bunau-Varilla Treaty") or a firm ("Harland and Sons")
    whole, and none cuts a hyphenated word ("Polish-born"), a multi-word name ("the [...] Tunnel"), a compound
    noun ("AB [...]"), a number range ("four or [...]") or "one" standing for a noun.  A question's answer
    (not ``blank``) is not one conjunct of a list either ("ATP" of "ATP and NADPH").
    """
    doc = span.doc
    start, end = span.start, next((t.i for t in span if t.text == "("), span.end)
    while end > start and (doc[end - 1].tag_ in ("POS", "HYPH") or _edge_punct(doc[end - 1]) or _dangles(doc[end - 1])):
        end -= 1  # "the Anchor Brewery to": a tagger's entity can run into the next word
    while end - start > 1 and doc[start].pos_ == "NOUN" and doc[start].is_lower and doc[start + 1].pos_ == "PROPN":
        start += 1  # "science Derek de Solla Price": the tagger ran a name into the noun before it
    if blank:
        numbers = [t.i for t in doc[start:end] if t.like_num]
        if numbers and all(doc[i].lower_ in APPROXIMATORS for i in range(start, numbers[0])):
            start = numbers[0]
        end = _with_unit(doc, end, within.end)
    if end + 1 < within.end and doc[end].lower_ in ("and", "&") and doc[end + 1].text in FIRM_SUFFIXES:
        end += 2  # "Harland and Sons" is one name
    joined = _dash_joined(doc, start, end, within)
    if joined is None or joined[0] >= joined[1]:
        return None
    found = doc[joined[0] : joined[1]]
    if len(found) == 1 and found[0].lower_ == "one":
        return None  # "[...] sailor compared ...": the number stands for "a"
    if _cuts_name(found, within) or _cuts_coordination(found, within, blank=blank):
        return None
    return found


def whole_answer(tokens: set[int], within: Span) -> bool:
    """A question's answer phrase is a whole unit (``answer_bounds`` keeps it as it is), and a name or date
    does not run on into a tail the question lost ("13 September 1819 in Leipzig")."""
    doc = within.doc
    found = doc[min(tokens) : max(tokens) + 1]
    bounded = answer_bounds(found, within, blank=False)
    if bounded is None or (bounded.start, bounded.end) != (found.start, found.end):
        return False
    root = found.root
    ent = next((e for e in doc.ents if e.start <= root.i < e.end), None)
    return ent is None or not any(t.dep_ in _TAIL_DEPS and t.i >= ent.end for t in found)


def _dangles(token: Token) -> bool:
    """A function word no answer ends on ("to", "and", "the")."""
    return token.pos_ in ("ADP", "CCONJ", "DET", "PART") and token.tag_ != "POS" and token.text.islower()


def _edge_punct(token: Token) -> bool:
    """Punctuation a span does not end on; a per cent sign is part of its number."""
    return token.is_punct and token.text != "%"


def _with_unit(doc: Doc, end: int, last: int) -> int:
    """The end of a number's blank with the unit written after it ("40 %", "60 per cent")."""
    if end >= last or not doc[end - 1].like_num:
        return end
    if doc[end].text == "%" or doc[end].lower_ == "percent":
        return end + 1
    if doc[end].lower_ == "per" and end + 1 < last and doc[end + 1].lower_ == "cent":
        return end + 2
    return end


def _dash_joined(doc: Doc, start: int, end: int, within: Span) -> tuple[int, int] | None:
    """(start, end) grown over words joined to the span by an unspaced dash; None when what it joins is a
    hyphenated word rather than a name or a number range."""
    first, last = within.start, within.end
    grown_start, grown_end = start, end
    while grown_start - 2 >= first and _joins(doc[grown_start - 2], doc[grown_start - 1]):
        grown_start -= 2
    while grown_end + 1 < last and _joins(doc[grown_end - 1], doc[grown_end]):
        grown_end += 2
    if (grown_start, grown_end) == (start, end):
        return start, end
    words = [t for t in doc[grown_start:grown_end] if t.text not in _DASHES]
    if all(t.text[:1].isupper() for t in words) or all(t.like_num for t in words):
        return grown_start, grown_end
    return None


def _joins(left: Token, dash: Token) -> bool:
    return dash.text in _DASHES and not left.whitespace_ and not dash.whitespace_


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.is_sent_start


def _cuts_name(found: Span, within: Span) -> bool:
    """True when the span is part of a longer name or compound noun around it."""
    doc = found.doc
    before = doc[found.start - 1] if found.start > within.start else None
    after = doc[found.end] if found.end < within.end else None
    if after is not None and _name_word(after) and _name_word(found[-1]):
        return True  # "the [...] Tunnel", "a [...] World Heritage Site"
    titles = TITLE_PREFIX_WORDS | HONORIFICS
    if before is not None and _name_word(before) and _name_word(found[0]) and before.lower_ not in titles:
        return True  # "Holy Roman [...]"; "President [...]", "Sir [...]" is a title, not part of the name
    root = found.root
    if root.dep_ == "compound" and root.head.i >= found.end and root.head.pos_ == "PROPN":
        return True
    if before is not None and before.lower_ in ("and", "&") and found[-1].text in FIRM_SUFFIXES:
        return True
    return (
        before is not None
        and root.pos_ == "NOUN"
        and root.is_lower  # "£780 million [...]" for "Crosstown Line" is a name, whatever describes it
        and before.dep_ in _MODIFIER_DEPS
        and found.start <= before.head.i < found.end
    )  # "AB [...]" for "AB positive patients", "60 [...]" for "60 per cent"


def _cuts_coordination(found: Span, within: Span, *, blank: bool) -> bool:
    """True when the span is one conjunct of a coordination outside it: of numbers for a blank ("four or
    [...]", "between [...] and 6.5"), of anything for a question's answer."""
    inside = range(found.start, found.end)
    for token in found:
        cut = token.dep_ == "conj" and token.head.i not in inside
        cut = cut or any(c.dep_ == "conj" and c.i not in inside for c in token.children)
        if cut and (not blank or token.like_num):
            return True
    doc = found.doc
    between = any(t.lower_ == "between" for t in found) or (
        found.start > within.start and doc[found.start - 1].lower_ == "between"
    )
    return between and not any(t.lower_ in ("and", "–", "-") for t in found)


def wh_word(
    label: str, head: Token | None = None, *, role: Literal["actor", "identity", "adjunct"] = "actor"
) -> str | None:
    """The one rule for a question word, from the answer's entity label and head; None when none fits.

    "when" for a date and "where" for a place asked as an adjunct; "who" only for a person or a people noun
    ("Taiwan's armed forces"); an organisation, country or people doing something is not asked at all
    ("What took over ...?" for a country reads wrong, "Who ...?" for a firm too) unless its name ends in a
    thing's word ("What lost Constantinople? The Byzantine Empire"); "what" for the rest, and
    for any name in an identity question ("What is the capital of X?").
    """
    if role == "adjunct":
        return {"DATE": "when", "GPE": "where", "LOC": "where", "FAC": "where"}.get(label)
    if head is not None and head.lemma_.lower() in PEOPLE_HEADS:
        return "who"
    if head is not None and head.pos_ == "NOUN":
        return "what"  # "the Cassini spacecraft", "Darwin's theory"
    kind = head.lower_ if head is not None else ""
    if label == "PERSON" and kind not in THING_HEADS and not (head is not None and _also_written_lower(head)):
        return "who"
    if role == "actor" and label in ("ORG", "GPE", "NORP") and kind not in THING_HEADS:
        return None  # neither "who" nor "what" fits, and "which company" would name the answer; a cloze asks it
    return "what"  # "the Kestrel Bridge", "What is the capital of X?"


def _also_written_lower(token: Token) -> bool:
    """ "Photosynthesis ... photosynthesis": a word the tagger called a name that the text writes in lower case."""
    lower = token.lower_
    return token.text != lower and any(t.text == lower for t in token.doc)
