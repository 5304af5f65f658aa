"""An independent card-defect checker for the quality benchmark.

It deliberately shares no code with ``studyapp.generation.hygiene`` (the
generator's own filter), so a clean score here is evidence, not an echo.
It uses the spaCy model only to parse the finished question and the source
sentence, the way a reviewer reads a card: does the question stand alone,
is it a grammatical wh-question, does the wh-word fit the answer?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.domain.cards import CardDraft, CardKind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MAX_ANSWER_WORDS = 8
MAX_CLOZE_WORDS = 40
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them", "we", "our", "us"})
_DEMONSTRATIVES = frozenset({"this", "these", "those", "that"})
_YES_NO = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "has",
        "have",
        "had",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "must",
    ]
)
# "Where does it come from?" is idiomatic; "Where has Taiwan looked to?" and "... the pressure at?" are not.
_STRANDED = frozenset({"to", "at", "in", "of", "into", "onto", "than", "on", "after"})
_PERSON_WORDS = frozenset(
    [
        "people",
        "person",
        "man",
        "woman",
        "men",
        "women",
        "chemist",
        "physicist",
        "scientist",
        "scientists",
        "engineer",
        "engineers",
        "worker",
        "workers",
        "troops",
        "soldiers",
        "player",
        "players",
        "runner",
        "runners",
        "striker",
        "manager",
        "leader",
        "king",
        "queen",
        "president",
        "minister",
        "author",
        "geographer",
        "mountaineer",
        "guide",
        "theorist",
        "economist",
        "banker",
        "biologist",
        "general",
        "team",
        "teams",
        "group",
        "members",
    ]
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
    ]
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "its",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "many",
        "much",
        "about",
        "around",
        "some",
        "into",
        "than",
        "then",
        "also",
        "only",
        "more",
        "most",
        "less",
        "over",
        "under",
        "up",
        "out",
        "s",
    ]
)


_NAME_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:of\s+|the\s+)*[A-Z][\w-]*)+")
_ANAPHORIC_NOUNS = frozenset(
    [
        "company",
        "firm",
        "country",
        "island",
        "city",
        "state",
        "nation",
        "region",
        "missile",
        "weapon",
        "bridge",
        "vessel",
        "ship",
        "team",
        "club",
        "group",
        "government",
        "party",
        "project",
        "mountain",
        "lake",
        "river",
        "plan",
        "deal",
        "agreement",
        "man",
        "woman",
        "player",
        "species",
        "animal",
        "particle",
        "device",
        "crossing",
        "building",
        "book",
        "work",
        "deal",
        "law",
        "treaty",
        "war",
        "battle",
        "race",
        "event",
        "vote",
        "election",
        "coalition",
    ]
)
_THING_WORDS = frozenset(
    [
        "bridge",
        "river",
        "lake",
        "mountain",
        "spacecraft",
        "ship",
        "vessel",
        "missile",
        "aircraft",
        "engine",
        "machine",
        "bible",
        "book",
        "law",
        "act",
        "treaty",
        "plan",
        "deal",
        "battery",
        "volcano",
        "cone",
        "peak",
        "railroad",
        "railway",
        "line",
        "road",
        "tunnel",
        "stadium",
        "cup",
        "trophy",
        "currency",
    ]
)


def _content(text: str) -> set[str]:
    return {
        w.lower()
        for w in re.findall(r"[\w-]+", text)
        if w.lower() not in _STOP and (len(w) > 2 or (w.isupper() and len(w) > 1))
    }


class DefectChecker:
    """Names every defect a card has; parses are cached, so a deck is checked in one pass."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._docs: dict[str, Doc] = {}
        self._names_cache: dict[str, list[tuple[int, frozenset[str]]]] = {}

    def _parse(self, text: str) -> Doc:
        doc = self._docs.get(text)
        if doc is None:
            doc = self._nlp(text)
            self._docs[text] = doc
        return doc

    def defects(self, card: CardDraft, previous: Sequence[CardDraft] = (), article: str = "") -> list[str]:
        """Every defect of ``card``; ``article`` (the text the card's offsets point into) lets the checker see
        a bare "the missile" that the article named more specifically before."""
        found: list[str] = []
        answer = card.answer.strip()
        if len(answer.split()) > MAX_ANSWER_WORDS:
            found.append("long answer")
        if re.search(r"['’]s?$", answer):
            found.append("possessive answer")
        if not _content(answer) and not re.search(r"\d", answer):
            found.append("stop-word answer")
        if any(_duplicate(card, other) for other in previous):
            found.append("duplicate")
        if card.kind is CardKind.CLOZE:
            found.extend(self._cloze_defects(card))
        else:
            found.extend(self._question_defects(card))
        if article and not any(d.startswith("vague reference") for d in found):
            text = card.question.replace("[...]", card.answer) if card.kind is CardKind.CLOZE else card.question
            named = self._named_earlier(self._parse(text), article, card.start)
            if named:
                found.append(f"vague reference '{named}' (named earlier)")
        return found

    def _named_earlier(self, doc: Doc, article: str, offset: int) -> str:
        """A bare "the <noun>" subject whose noun is part of a name the article used before ``offset``."""
        names = self._names(article)
        for chunk in doc.noun_chunks:
            if chunk.root.dep_ not in ("nsubj", "nsubjpass") or not _is_vague(chunk):
                continue
            head = chunk.root.lemma_.lower().removesuffix("s")
            if any(end <= offset and head in words for end, words in names):
                return chunk.text
        return ""

    def _names(self, article: str) -> list[tuple[int, frozenset[str]]]:
        """(end offset, lower-case words) of every run of two or more capitalised words in the article:
        "Kestrel Bridge", "Joint Air-to-Surface Standoff Missile"."""
        found = self._names_cache.get(article)
        if found is None:
            found = [
                (match.end(), frozenset(w.lower().removesuffix("s") for w in re.split(r"[\s-]+", match.group())))
                for match in _NAME_RUN.finditer(article)
            ]
            self._names_cache[article] = found
        return found

    def _cloze_defects(self, card: CardDraft) -> list[str]:
        found: list[str] = []
        question = card.question
        if question.count("[...]") != 1:
            found.append("cloze without one gap")
        if len(question.split()) > MAX_CLOZE_WORDS:
            found.append("cloze too long")
        doc = self._parse(question.replace("[...]", card.answer))
        for token in doc:
            is_subject = token.dep_ in ("nsubj", "nsubjpass")
            if token.lower_ in _PRONOUNS and token.pos_ == "PRON" and is_subject and not _antecedent_in(doc, token.i):
                found.append(f"dangling pronoun '{token.text}'")
                break
        vague = _vague_subject(doc)
        if vague:
            found.append(f"vague reference '{vague}'")
        return found

    def _question_defects(self, card: CardDraft) -> list[str]:
        found: list[str] = []
        question = card.question.strip()
        if not question.endswith("?"):
            found.append("no question mark")
        words = re.findall(r"[\w'-]+", question)
        if not words:
            return [*found, "empty question"]
        if words[0].lower() in _YES_NO:
            found.append("yes/no question")
        doc = self._parse(question)
        for token in doc:
            if token.lower_ in _PRONOUNS and token.pos_ == "PRON" and not _antecedent_in(doc, token.i):
                found.append(f"dangling pronoun '{token.text}'")
                break
            relative = token.tag_ == "WDT" and token.head.dep_ == "relcl"  # "the organelles that produce ..."
            demonstrative = token.lower_ in _DEMONSTRATIVES and token.i > 0 and not relative
            if demonstrative and (token.dep_ == "det" or (token.pos_ == "PRON" and token.dep_ in ("nsubj", "dobj"))):
                found.append(f"demonstrative '{token.text}'")
                break
        vague = _vague_chunk(doc, subjects_only=False)
        if vague:
            found.append(f"vague reference '{vague}'")
        if not any(t.pos_ in ("VERB", "AUX") for t in doc):
            found.append("no verb")
        for token in list(doc)[1:]:
            if token.text[:1].isupper() and token.lower_ in _STOP | {"each", "every", "all", "both"}:
                found.append(f"capitalised '{token.text}' mid-question")
                break
        do_aux = next((t for t in doc if t.lower_ in ("do", "does", "did") and t.dep_ == "aux"), None)
        if do_aux is not None and do_aux.head.tag_ in ("VBD", "VBZ", "VBN"):
            found.append("wrong verb form after do")
        for token in doc[:-1]:
            following = doc[token.i + 1]
            if token.pos_ == "ADP" and following.pos_ == "ADP" and not any(c.dep_ == "pobj" for c in token.children):
                found.append(f"stranded '{token.text}'")
                break
        last = [t for t in doc if not t.is_punct]
        if last and last[-1].lower_ in _STRANDED and last[-1].pos_ == "ADP":
            found.append(f"stranded '{last[-1].text}'")
        answer_words = _content(card.answer)
        overlap = answer_words & _content(question)
        if answer_words and len(overlap) * 2 >= len(answer_words):
            found.append("answer in question")
        found.extend(self._wh_mismatch(card, words[0].lower(), question))
        return found

    def _wh_mismatch(self, card: CardDraft, wh: str, question: str) -> list[str]:
        labels, root_lemma, has_number = self._answer_type(card)
        person_like = (bool(labels & {"PERSON", "ORG", "NORP", "GPE"}) or root_lemma in _PERSON_WORDS) and (
            root_lemma not in _THING_WORDS
        )
        lower_q = question.lower()
        if wh == "who" and not person_like:
            return ["Who for a thing"]
        if wh == "what" and "PERSON" in labels and not lower_q.startswith(("what position", "what title", "what name")):
            return ["What for a person"]
        if wh == "when" and not (labels & {"DATE", "TIME", "EVENT"} or has_number):
            return ["When without a date"]
        if lower_q.startswith(("how many", "how much")) and not has_number:
            return ["How many without a number"]
        if wh == "where" and not labels & {"GPE", "LOC", "FAC", "ORG"}:
            return ["Where without a place"]
        return []

    def _answer_type(self, card: CardDraft) -> tuple[set[str], str, bool]:
        """Entity labels over the answer (read in its source sentence when found there), its head lemma, numeric."""
        answer = card.answer
        has_number = bool(re.search(r"\d", answer)) or bool(_NUMBER_WORDS & set(answer.lower().split()))
        has_number = has_number or any(m in answer.lower() for m in _MONTHS)
        start = card.source.find(answer)
        doc = self._parse(card.source if start >= 0 else answer)
        if start < 0:
            start = 0
        end = start + len(answer)
        span: Span | None = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return set(), "", has_number
        labels = {t.ent_type_ for t in span if t.ent_type_}
        if span.root.ent_type_ == "" and span.root.pos_ == "NOUN":
            labels.discard("ORG")  # "the Cassini spacecraft": a thing named after an organisation
        has_number = has_number or any(t.like_num for t in span)
        return labels, span.root.lemma_.lower(), has_number


def _antecedent_in(doc: Doc, index: int) -> bool:
    """A pronoun is fine when a name or noun phrase it can point to comes earlier in the same text."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE") for t in doc[:index])


def _is_vague(chunk: Span) -> bool:
    first = chunk[0].lower_
    root = chunk.root
    if first not in ("the", "this", "these", "those", "that") or root.pos_ not in ("NOUN", "NUM"):
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ or t.like_num for t in chunk[1:] if t.i != root.i):
        return False
    modified = any(c.dep_ in ("prep", "relcl", "acl", "amod", "compound", "nummod", "poss") for c in root.children)
    named_next = chunk.end < len(chunk.doc) and chunk.doc[chunk.end].pos_ == "PROPN"  # "the carmaker Toyota"
    return not modified and not named_next


def _vague_chunk(doc: Doc, *, subjects_only: bool) -> str:
    """ "the company" as a subject, or any bare "the <noun that points back>" ("the island")."""
    for chunk in doc.noun_chunks:
        subject = chunk.root.dep_ in ("nsubj", "nsubjpass")
        if _is_vague(chunk) and (subject or (not subjects_only and chunk.root.lemma_.lower() in _ANAPHORIC_NOUNS)):
            return chunk.text
    for token in doc:
        if token.lower_ == "the" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _NUMBER_WORDS:
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            if after is None or after.pos_ not in ("NOUN", "PROPN"):
                return f"the {doc[token.i + 1].text}"
    return ""


def _vague_subject(doc: Doc) -> str:
    for chunk in doc.noun_chunks:
        if chunk.root.dep_ in ("nsubj", "nsubjpass") and _is_vague(chunk) and chunk.start <= 2:
            return chunk.text
    first = doc[0] if len(doc) else None
    if first is not None and first.lower_ == "the" and len(doc) > 2 and doc[1].lower_ in _NUMBER_WORDS:
        return "" if doc[2].pos_ in ("NOUN", "PROPN") else f"{first.text} {doc[1].text}"
    return ""


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _duplicate(card: CardDraft, other: CardDraft) -> bool:
    """Same question, or the same answer asked about nearly the same words."""
    if _norm(card.question) == _norm(other.question):
        return True
    if _norm(card.answer) != _norm(other.answer):
        return False
    if card.source == other.source:
        return True
    a, b = _content(card.question), _content(other.question)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5
