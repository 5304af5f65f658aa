"""The structure stage: what the reader found besides prose becomes cards of its own shape, not sentences.

Headings are context, never card text; a definition list or "Term: definition" line is asked as a term
from its definition; a table row is asked cell by cell with its column headers ("What is the hardness of
talc?").  Everything that is not prose is blanked out of the text the sentence stage parses (offsets stay
valid), as are terse note lines (arrows, symbols) that do not read as statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from studyapp.domain.article import Article, Block, BlockKind
from studyapp.domain.cards import CardDraft
from studyapp.generation.pattern_registry import LISTED_TERM, TABLE_CELL, Pattern

if TYPE_CHECKING:
    from spacy.language import Language

_NOTE_SYMBOLS = re.compile(r"[→⇒←↑↓≈Δ∴∵≠≥≤=×|]|->|<-|=>")
_MAX_DEFINITION_WORDS = 30
_LONG_DEFINITION_WORDS = 16
_MAX_CELL_WORDS = 4
_CELLS_PER_ROW = 2
_LABEL_COLUMNS = frozenset({"", "feature", "property", "characteristic", "aspect", "item", "criterion", "category"})
_MAX_HEADER_WORDS = 3
_SUBJECTS = ("nsubj", "nsubjpass", "expl")


def prose_text(article: Article, nlp: Language) -> str:
    """The article text with everything but prose blanked to spaces (same length, so offsets hold)."""
    text = article.text
    if not article.blocks:
        return _without_note_lines(text)
    keep = list(text)
    for block in article.blocks:
        blank_to = block.end
        if block.kind is BlockKind.DEFINITION and _is_statement(nlp, block.body):
            blank_to = block.start + max(0, text.find(block.body, block.start, block.end) - block.start)
        elif block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        for i in range(block.start, blank_to):
            if keep[i] != "\n":
                keep[i] = " "
    return _without_note_lines("".join(keep))


def _without_note_lines(text: str) -> str:
    """Terse lecture-note lines ("↑ dose → ↑ Cmax") say nothing a sentence parse can turn into a fact."""
    return "".join(
        re.sub(r"[^\n]", " ", line) if _NOTE_SYMBOLS.search(line) else line for line in text.splitlines(keepends=True)
    )


@lru_cache(maxsize=4096)
def _is_statement(nlp: Language, text: str) -> bool:
    """ "magnetite is strongly magnetic" states a fact; "the colour of a mineral's powder" defines one.
    Remembered, since the prose stage and the structure stage both ask of every definition."""
    doc = nlp(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in root.children):
        return True
    return any(t.tag_ in ("VBZ", "VBP", "VBD") and t.dep_ not in ("relcl", "acl", "advcl", "ccomp") for t in doc)


def structure_drafts(article: Article, nlp: Language) -> list[CardDraft]:
    """Cards from the article's definitions and table rows, in reading order."""
    drafts: list[CardDraft] = []
    for block in article.blocks:
        if block.kind is BlockKind.DEFINITION and block.term and not _is_label(article, block):
            drafts.extend([] if _is_statement(nlp, block.body) else _definition_cards(article, block))
        elif block.kind is BlockKind.TABLE_ROW:
            drafts.extend(_table_cards(article, block))
    return drafts


def _is_label(article: Article, block: Block) -> bool:
    """ "evidence: matching coastlines", "deepest point: Mariana Trench": a lower-case word before a colon in
    notes labels what follows (a kind of point, an example); it is not a term the line defines."""
    term = block.term.strip()
    return term[:1].islower() and article.text[block.start : block.end].startswith(f"{term}:")


def _draft(article: Article, block: Block, pattern: Pattern, question: str, answer: str, fact: str) -> CardDraft:
    return CardDraft(
        kind=pattern.kind,
        question=question,
        answer=answer,
        source=article.text[block.start : block.end],
        start=block.start,
        end=block.end,
        score=pattern.confidence,
        pattern=pattern.name,
        fact=fact,
    )


def _definition_cards(article: Article, block: Block) -> Iterator[CardDraft]:
    """ "Systole – the phase in which the ventricles contract" → "What is the term for the phase in which the
    ventricles contract?" ("What is systole?" would need its article: "an esker", "the R horizon")."""
    body = _first_clause(block.body)
    words = body.split()
    if not words or len(words) > _MAX_DEFINITION_WORDS:
        return
    fact = f"definition:{block.start}"
    described = body[:1].lower() + body[1:] if not body[:2].isupper() else body
    term = block.term.strip().rstrip(":").strip()
    yield _draft(article, block, LISTED_TERM, f"What is the term for {described}?", term, fact)


def _first_clause(body: str) -> str:
    """The definition up to its first semicolon, and up to a comma once it is long: the rest is detail."""
    body = body.strip().rstrip(".")
    body = body.split(";")[0].strip()
    if len(body.split()) > _LONG_DEFINITION_WORDS and ", " in body:
        body = body.split(", ")[0]
    return body


def _table_cards(article: Article, block: Block) -> Iterator[CardDraft]:
    """One card per short cell: "What is the hardness of talc?" — asked of the row's name, the first cell that
    is a word rather than a number, by the cell's column header."""
    first = _first_header(article, block)
    if first.lower() in _LABEL_COLUMNS:
        return  # "Feature | Mitosis | Meiosis": its rows compare, they do not name things to ask about
    row = [(first, block.term), *block.cells]
    key = next(((header, cell) for header, cell in row if cell and not re.fullmatch(r"[\d.,%\s-]+", cell)), None)
    if key is None:
        return
    asked = 0
    for header, cell in row:
        if asked == _CELLS_PER_ROW:
            return  # a table must not crowd out the prose around it
        if (header, cell) == key or not header or not cell or len(cell.split()) > _MAX_CELL_WORDS:
            continue
        if cell[:1].isupper() and cell.split()[0].endswith(("s", "ed")) and len(cell.split()) > 1:
            continue  # "Scratches steel" describes; it is not a value to ask for
        if len(header.split()) > _MAX_HEADER_WORDS:
            continue  # "Feel when rubbed wet" does not fit "What is the ... of"
        question = f"What is the {header[:1].lower() + header[1:]} of {_as_in_text(article, key[1])}?"
        yield _draft(article, block, TABLE_CELL, question, cell, f"table:{block.start}:{header}")
        asked += 1


def _as_in_text(article: Article, cell: str) -> str:
    """A one-word cell as prose writes it: "Sand" → "sand", unless the article capitalises it mid-sentence."""
    lower = cell[:1].lower() + cell[1:]
    named_mid_sentence = re.search(rf"[a-z,] {re.escape(cell)}\b", article.text)
    return lower if cell[:1].isupper() and " " not in cell and not named_mid_sentence else cell


def _first_header(article: Article, block: Block) -> str:
    """The first column's header, which the reader writes in front of the row's first cell ("Hardness: 1")."""
    text = article.text[block.start : block.end]
    head, _, rest = text.partition(": ")
    return head if rest.startswith(block.term) else ""
