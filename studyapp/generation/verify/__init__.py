"""The verify stage: every card, whatever made it, is checked against its source before anyone sees it.

A card that says something its source sentence does not (beyond the article's title and headings and the
rewrites it records), that alters a quotation, that stitches pieces of two clauses together, that does not
read as a sentence or a question, or that cannot stand alone, is dropped.  The rules live in ``faithful``,
``one_clause``, ``grammar`` and ``standalone``; each is a
small function from a ``CardView`` to the ``Problem`` it finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Generic, TypeVar

from spacy.tokens import Span

from studyapp.domain.article import Article, BlockKind
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.cloze import cloze_full
from studyapp.generation.context import context_line, has_title, names_answer
from studyapp.generation.verify import faithful, grammar, one_clause, standalone
from studyapp.generation.verify.alignment import align, align_question
from studyapp.generation.verify.problems import Problem
from studyapp.generation.verify.view import CardView

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULES = (*faithful.RULES, *grammar.RULES, *standalone.RULES)
SENTENCE_RULES = (*one_clause.RULES, *grammar.SENTENCE_RULES)
"""Rules for a card whose source is a sentence: a table row or a glossary entry is no clause to line up with."""
Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the verifier found: ``problems`` drop the card; ``changing`` means its context must carry a date."""

    problems: tuple[Problem, ...]
    changing: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _words(text: str) -> set[str]:
    """Lower-case words as the parser splits them: "Baikal's" gives "baikal", "worms'" gives "worms"."""
    return {w.lower() for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", text)}


class Verifier:
    """Checks drafts of one article; parses each distinct source sentence once."""

    def __init__(self, nlp: Language, article: Article) -> None:
        self._nlp = nlp
        self._article = article
        self._has_title = has_title(article)
        self._title_words = frozenset(_words(article.title)) if self._has_title else frozenset()
        self._sources: dict[str, Doc | Span] = {}

    def know(self, source: str, parsed: Span) -> None:
        """A source sentence the generator has parsed already, so the verifier need not parse it again."""
        if parsed.text.strip() == source:
            self._sources.setdefault(source, parsed)

    def check(self, drafts: Sequence[CardDraft]) -> list[Verdict]:
        """One verdict per draft, in order.  New source sentences and card texts are parsed in one batch; a
        cloze that keeps its whole sentence is read from the sentence's own parse."""
        fresh = list(dict.fromkeys(d.source for d in drafts if d.source not in self._sources))
        for source, doc in zip(fresh, self._nlp.pipe(fresh), strict=True):
            self._sources[source] = doc
        statements = [_statement(d) for d in drafts]
        unparsed = list(dict.fromkeys(t for t in statements if t not in self._sources))
        parsed = dict(zip(unparsed, self._nlp.pipe(unparsed), strict=True))
        texts = [parsed[t] if t in parsed else _as_doc(self._sources[t]) for t in statements]
        return [self._verdict(draft, text) for draft, text in zip(drafts, texts, strict=True)]

    def _verdict(self, draft: CardDraft, text: Doc) -> Verdict:
        source = self._sources[draft.source]
        is_cloze = draft.kind is CardKind.CLOZE
        alignment = align(source, text, draft.rewrites) if is_cloze else None
        answer = _find_answer(source, draft)
        asked = None if is_cloze else align_question(source, text, answer, draft.rewrites)
        topic_known = self._has_title and not names_answer(self._article, draft)
        view = CardView(draft, text, source, answer, self._allowed(draft), alignment, topic_known, asked)
        rules = RULES if self._is_entry(draft) else (*RULES, *SENTENCE_RULES)
        problems = [problem for rule in rules if (problem := rule(view)) is not None]
        changing = standalone.is_changing_fact(view)
        if changing and self._article.published is None:
            problems.append(Problem.UNDATED_CHANGING_FACT)
        return Verdict(tuple(problems), changing)

    def _is_entry(self, draft: CardDraft) -> bool:
        """Whether the draft's source is a whole table row or glossary entry rather than a sentence."""
        return any(
            block.start == draft.start and block.end == draft.end and block.kind in _ENTRIES
            for block in self._article.blocks
        )

    def _allowed(self, draft: CardDraft) -> frozenset[str]:
        words = set(self._title_words)
        for heading in headings_at(self._article, draft.start):
            words |= _words(heading)
        for rewrite in draft.rewrites:
            words |= _words(rewrite.replacement)
        return frozenset(words)


def headings_at(article: Article, offset: int) -> tuple[str, ...]:
    """The heading path over the block holding ``offset`` (empty for unstructured text)."""
    for block in article.blocks:
        if block.start <= offset < block.end:
            return block.headings
    return ()


def _statement(draft: CardDraft) -> str:
    return cloze_full(draft.cloze) if draft.kind is CardKind.CLOZE and draft.cloze else draft.question


def _as_doc(parsed: Doc | Span) -> Doc:
    """A sentence's parse as a document of its own (a copy, no second parse), so the rules' token indices
    count from the card's first word."""
    if isinstance(parsed, Span):
        return parsed.as_doc()
    return parsed


def _find_answer(source: Doc | Span, draft: CardDraft) -> Span | None:
    """The answer as it stands in the source sentence, as whole tokens, or the words a rewrite of it replaced
    ("Aiko Tanaka" for the source's "Tanaka"); None when it is not there."""
    answer = draft.answer.lower()
    originals = [r.original.lower() for r in draft.rewrites if r.replacement.lower() == answer]
    for wanted in (answer, *originals):
        at = source.text.lower().find(wanted) if wanted else -1
        if at >= 0:
            return source.char_span(at, at + len(wanted), alignment_mode="expand")
    return None


_ENTRIES = frozenset({BlockKind.TABLE_ROW, BlockKind.DEFINITION})

PREFETCH = 1.5
"""Verify this many candidates per card wanted in one batch up front; later ones one at a time if needed."""


class VerifiedDrafts(Generic[Item]):
    """Drafts of a generator's ranked items with their verdicts, each made once, as selection asks for them."""

    def __init__(self, verifier: Verifier, article: Article, draft: Callable[[Item], CardDraft]) -> None:
        self._verifier = verifier
        self._article = article
        self._draft = draft
        self._done: dict[int, tuple[CardDraft, Verdict]] = {}

    def prefetch(self, items: Sequence[Item]) -> None:
        """Verify these items in one batch (parsing many short texts at once is faster)."""
        todo = [item for item in items if id(item) not in self._done]
        drafts = [self._draft(item) for item in todo]
        for item, draft, verdict in zip(todo, drafts, self._verifier.check(drafts), strict=True):
            self._done[id(item)] = (draft, verdict)

    def accept(self, item: Item) -> bool:
        if id(item) not in self._done:
            self.prefetch([item])
        return self._done[id(item)][1].ok

    def finished(self, item: Item) -> CardDraft:
        """An accepted item's draft with the context line it needs."""
        draft, verdict = self._done[id(item)]
        headings = headings_at(self._article, draft.start)
        return replace(draft, context=context_line(draft, self._article, headings, changing=verdict.changing))


__all__ = ["PREFETCH", "Problem", "Verdict", "VerifiedDrafts", "Verifier", "headings_at"]
