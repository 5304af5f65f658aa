"""The browser's search language, parsed into a small tree (pure: no I/O, no SQL).

Anki's syntax, the common part of it::

    missile                 free text in the question or answer (``*`` is a wildcard)
    "long range"            a phrase
    deck:Spanish            the deck and its subdecks; deck:"World History", deck:Lang*
    tag:taiwan              a tag (``tag:none``: cards without tags)
    is:new|learn|review|due|suspended|buried
    -tag:easy               negation, in front of any term or group
    a b                     both (``and`` may be written, it changes nothing)
    a or b                  either; ``(a or b) c`` groups

Anything malformed raises ``UserInputError`` with one sentence saying what is
wrong, so the search box can show it under itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from studyapp.domain.errors import UserInputError
from studyapp.domain.search import And, CardIs, DeckTerm, IsTerm, Not, Or, Query, TagTerm, TextTerm

MAX_TERMS = 100
MAX_DEPTH = 32


_FIELDS = ("deck", "tag", "is")


class _Kind(enum.Enum):
    WORD = enum.auto()
    LPAREN = enum.auto()
    RPAREN = enum.auto()
    NOT = enum.auto()
    OR = enum.auto()


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Kind
    text: str = ""
    field: str = ""  # "deck", "tag", "is" or "" for free text
    position: int = 0


def parse(text: str) -> Query | None:
    """The query for ``text``; None when it is empty (every card matches)."""
    tokens = _tokenize(text)
    if not tokens:
        return None
    if sum(1 for t in tokens if t.kind is _Kind.WORD) > MAX_TERMS:
        raise UserInputError(f"The search has too many terms (the limit is {MAX_TERMS}).")
    parser = _Parser(tokens)
    query = parser.or_expression(0)
    if parser.peek() is not None:
        token = parser.peek()
        assert token is not None
        if token.kind is _Kind.RPAREN:
            raise UserInputError("The search has a ')' without a matching '('.")
        raise UserInputError(f"Unexpected '{token.text}' in the search.")  # pragma: no cover - defensive
    return query


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == "(":
            tokens.append(_Token(_Kind.LPAREN, "(", position=i))
            i += 1
            continue
        if char == ")":
            tokens.append(_Token(_Kind.RPAREN, ")", position=i))
            i += 1
            continue
        if char == "-":
            if i + 1 >= n or text[i + 1].isspace() or text[i + 1] == ")":
                raise UserInputError("Put a term right after '-', e.g. -tag:easy.")
            tokens.append(_Token(_Kind.NOT, "-", position=i))
            i += 1
            continue
        start = i
        word, head, quoted, i = _read_word(text, i)
        if not quoted and word.lower() == "and":
            continue  # "a and b" is "a b"
        tokens.append(_classify(word, head, quoted, start))
    return tokens


def _read_word(text: str, i: int) -> tuple[str, str, bool, int]:
    """One term up to unquoted space or parenthesis; quotes may wrap all of it or the value after ``field:``.

    Returns the word without quotes, its part before the first quote (where
    ``field:`` is looked for), whether it had quotes, and where it ended.
    """
    parts: list[str] = []
    head: str | None = None
    quoted = False
    n = len(text)
    while i < n and not text[i].isspace() and text[i] not in "()":
        if text[i] == '"':
            if head is None:
                head = "".join(parts)
            quoted = True
            close = i + 1
            chunk: list[str] = []
            while close < n and text[close] != '"':
                if text[close] == "\\" and close + 1 < n:
                    close += 1
                chunk.append(text[close])
                close += 1
            if close >= n:
                raise UserInputError('The search has a quote (") that is not closed.')
            parts.append("".join(chunk))
            i = close + 1
        else:
            parts.append(text[i])
            i += 1
    word = "".join(parts)
    return word, word if head is None else head, quoted, i


def _classify(word: str, head: str, quoted: bool, position: int) -> _Token:
    field, colon, _ = head.partition(":")
    if colon and field.lower() in _FIELDS:
        value = word[len(field) + 1 :]
        name = field.lower()
        if not value.strip():
            examples = {"deck": 'deck:Spanish or deck:"World History"', "tag": "tag:history", "is": "is:due"}
            raise UserInputError(f"'{name}:' needs a value, e.g. {examples[name]}.")
        if name == "is" and value.lower() not in {c.value for c in CardIs}:
            allowed = "|".join(c.value for c in CardIs)
            raise UserInputError(f"'is:{value}' is not known; use is:{allowed}.")
        return _Token(_Kind.WORD, value, name, position)
    if not quoted and word.lower() == "or":
        return _Token(_Kind.OR, word, position=position)
    if not word:
        raise UserInputError('The search has an empty phrase ""; type something between the quotes.')
    return _Token(_Kind.WORD, word, "", position)


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> _Token | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def _take(self) -> _Token:
        token = self._tokens[self._at]
        self._at += 1
        return token

    def or_expression(self, depth: int) -> Query:
        if depth > MAX_DEPTH:
            raise UserInputError(f"The search nests parentheses too deeply (the limit is {MAX_DEPTH}).")
        parts = [self._and_expression(depth)]
        while (token := self.peek()) is not None and token.kind is _Kind.OR:
            self._take()
            if self.peek() is None or self.peek().kind in (_Kind.RPAREN, _Kind.OR):  # type: ignore[union-attr]
                raise UserInputError("'or' needs a term on both sides.")
            parts.append(self._and_expression(depth))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def _and_expression(self, depth: int) -> Query:
        parts: list[Query] = []
        while (token := self.peek()) is not None and token.kind not in (_Kind.OR, _Kind.RPAREN):
            parts.append(self._unary(depth))
        if not parts:
            token = self.peek()
            if token is not None and token.kind is _Kind.OR:
                raise UserInputError("'or' needs a term on both sides.")
            if token is not None and token.kind is _Kind.RPAREN:
                raise UserInputError("The search has '()' or a ')' without a term before it.")
            raise UserInputError("The search ended where a term was expected.")  # pragma: no cover - defensive
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _unary(self, depth: int) -> Query:
        token = self._take()
        if token.kind is _Kind.NOT:
            if self.peek() is None:
                raise UserInputError("Put a term right after '-', e.g. -tag:easy.")
            if depth > MAX_DEPTH:
                raise UserInputError(f"The search nests too deeply (the limit is {MAX_DEPTH}).")
            return Not(self._unary(depth + 1))
        if token.kind is _Kind.LPAREN:
            if self.peek() is None:
                raise UserInputError("The search has a '(' that is not closed.")
            inner = self.or_expression(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind is not _Kind.RPAREN:
                raise UserInputError("The search has a '(' that is not closed.")
            self._take()
            return inner
        if token.kind is _Kind.WORD:
            if token.field == "deck":
                return DeckTerm(token.text)
            if token.field == "tag":
                return TagTerm(token.text)
            if token.field == "is":
                return IsTerm(CardIs(token.text.lower()))
            return TextTerm(token.text)
        raise UserInputError("The search has a ')' without a matching '('.")


def to_text(query: Query | None) -> str:
    """The query written back in the search language; ``parse(to_text(q)) == q``."""
    if query is None:
        return ""
    if isinstance(query, TextTerm):
        return _quote(query.text, always=query.text.lower() in ("or", "and") or ":" in query.text)
    if isinstance(query, DeckTerm):
        return "deck:" + _quote(query.name)
    if isinstance(query, TagTerm):
        return "tag:" + _quote(query.tag)
    if isinstance(query, IsTerm):
        return f"is:{query.what.value}"
    if isinstance(query, Not):
        return "-" + _grouped(query.inner)
    if isinstance(query, And):
        return " ".join(_grouped(p) for p in query.parts)
    return " or ".join(_grouped(p) if isinstance(p, And | Or) else to_text(p) for p in query.parts)


def _grouped(query: Query) -> str:
    return f"({to_text(query)})" if isinstance(query, And | Or) else to_text(query)


def _quote(value: str, *, always: bool = False) -> str:
    plain = value and not any(c.isspace() or c in '()"\\' for c in value) and not value.startswith("-")
    if plain and not always:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
