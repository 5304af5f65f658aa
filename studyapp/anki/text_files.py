"""CSV/TSV cards in Anki's text format, both ways.

Anki's text files start with ``#key:value`` lines (``#separator:tab``,
``#html:false``, ``#guid column:1``, ``#deck column:3``, ``#tags column:6``,
...).  We write them so Anki keeps decks, tags and identity, and read them
(or sniff a plain spreadsheet export: front, back, optional tags).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import BinaryIO, TextIO

import charset_normalizer

from studyapp.anki.field_html import from_field_html
from studyapp.anki.foreign_cards import ForeignDeck, cloze_siblings
from studyapp.anki.notes import PlannedNote
from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import CLOZE_RE
from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.errors import UserInputError
from studyapp.domain.foreign import ForeignCard

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
SEPARATOR_NAMES = {char: name for name, char in SEPARATORS.items()}
HEADER_RE = re.compile(r"#([a-z ]+):(.*)")
HEADER_WORDS = {
    "front": "front",
    "question": "front",
    "text": "front",
    "back": "back",
    "answer": "back",
    "extra": "back",
    "back extra": "back",
    "tags": "tags",
    "deck": "deck",
    "guid": "guid",
    "notetype": "notetype",
    "context": "context",
}
ANKI_NOTETYPE = {CardKind.BASIC: "Basic", CardKind.CLOZE: "Cloze"}
EXPORT_COLUMNS = ("GUID", "Notetype", "Deck", "Front", "Back", "Tags", "Context")
log = logging.getLogger(__name__)

BASIC = CardKind.BASIC  # enum member lookups are slow enough to show in a 100k-row import
CHUNK = 1024 * 1024
SAMPLE_BYTES = 1024 * 1024  # what the encoding guess looks at
SNIFF_CHARS = 65536  # what the delimiter sniffer looks at
PREFERRED_LEGACY_ENCODING = "cp1252"
"""Short texts fit several code pages equally well; spreadsheets saved on Windows use this one most."""


def write_delimited(notes: Iterable[PlannedNote], out: Path, separator: str) -> int:
    """Anki's note export layout with stock note types (Basic, Cloze), so any Anki can import it.

    The Source field has no place in Anki's stock note types and is left out;
    the context line is the last column (named in ``#columns:``), after the
    tags, where Anki's Basic and Cloze leave it unmapped and we read it back.
    Rows of parent decks come before rows of their subdecks (otherwise in
    order): Anki's text importer, meeting ``A`` after it created ``A::B``,
    makes a second deck ``A+``.
    """
    notes = sorted(notes, key=lambda n: n.deck.count(SEPARATOR))
    rows = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        stream.write(f"#separator:{SEPARATOR_NAMES[separator]}\n#html:false\n")
        stream.write("#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n")
        writer = csv.writer(stream, delimiter=separator, lineterminator="\n")
        stream.write("#columns:")
        writer.writerow(EXPORT_COLUMNS)
        for note in notes:
            writer.writerow(
                [
                    note.guid,
                    ANKI_NOTETYPE[note.kind],
                    note.deck,
                    note.fields[0],
                    note.fields[1],
                    " ".join(note.tags),
                    note.fields[3],
                ]
            )
            rows += 1
    return rows


def _encoding(stream: BinaryIO, name: str) -> str:
    """The file's encoding, found by reading it once in chunks (never whole): BOM, else UTF-8, else a guess."""
    head = stream.read(4)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    sample = head
    try:
        decoder.decode(head)
        while chunk := stream.read(CHUNK):
            if len(sample) < SAMPLE_BYTES:
                sample += chunk[: SAMPLE_BYTES - len(sample)]
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    stream.seek(0)
    sample = stream.read(SAMPLE_BYTES)
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches or b"\x00" in sample:
        raise UserInputError(f"{name} is not a text file (its encoding could not be recognised).")
    best = matches[0]
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return PREFERRED_LEGACY_ENCODING if PREFERRED_LEGACY_ENCODING in tied else best.encoding


def _split_headers(text: TextIO) -> tuple[dict[str, str], list[str]]:
    """Anki's ``#key:value`` lines; returns them and the body's first lines (up to the sniffing sample)."""
    headers: dict[str, str] = {}
    line = text.readline()
    while line:
        match = HEADER_RE.fullmatch(line.rstrip("\r\n"))
        if match is None:
            break
        headers[match.group(1).strip().lower()] = match.group(2).strip()
        line = text.readline()
    sample = [line] if line else []
    size = len(line)
    while size < SNIFF_CHARS and (line := text.readline()):
        sample.append(line)
        size += len(line)
    return headers, sample


def _delimiter(headers: dict[str, str], sample: str, suffix: str) -> str:
    declared = headers.get("separator", "")
    if declared:
        return SEPARATORS.get(declared.lower(), declared[:1])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.partition("\n")[0]
        return "\t" if suffix == ".tsv" or "\t" in first else ","


def _column(headers: dict[str, str], name: str) -> int | None:
    value = headers.get(f"{name} column", "")
    return int(value) - 1 if value.isdigit() and int(value) > 0 else None


def _header_row(row: list[str]) -> dict[str, int] | None:
    names = [HEADER_WORDS.get(cell.strip().lower()) for cell in row]
    if "front" not in names:
        return None
    return {name: index for index, name in enumerate(names) if name is not None}


def _layout(
    headers: dict[str, str], rows: Iterator[list[str]], delimiter: str
) -> tuple[dict[str, int], Iterator[list[str]]]:
    """Column of each role: from Anki's headers, else a header row, else front, back, tags.

    With Anki's headers, a column labelled "Context" in ``#columns:`` (our export) is the context line.
    """
    special = {name: _column(headers, name) for name in ("guid", "notetype", "deck", "tags")}
    if any(index is not None for index in special.values()):
        layout = {name: index for name, index in special.items() if index is not None}
        free = [i for i in range(max(layout.values()) + 3) if i not in layout.values()]
        layout["front"], layout["back"] = free[0], free[1]
        labels = next(csv.reader([headers.get("columns", "")], delimiter=delimiter), [])
        context = [i for i, label in enumerate(labels) if label.strip().lower() == "context"]
        if context and context[0] not in layout.values():
            layout["context"] = context[0]
        return layout, rows
    first = next(rows, None)
    if first is None:
        return {}, rows
    found = _header_row(first)
    if found is not None:
        return found, rows
    return {"front": 0, "back": 1, "tags": 2}, itertools.chain([first], rows)


def _content_guid(deck: str, front: str, back: str) -> str:
    """A row without a GUID is identified by its content, so importing it twice adds nothing."""
    return hashlib.sha256(f"{deck}\x1f{front}\x1f{back}".encode()).hexdigest()[:32]


def read_delimited(stream: BinaryIO, name: str) -> ForeignDeck:
    """The cards of a CSV/TSV file, read as a stream: memory grows with the cards, not with the file.

    The caller opens the file (and checks its size); ``name`` labels errors and its suffix hints at the separator.
    """
    log.debug("reading %s as CSV/TSV", name)
    encoding = _encoding(stream, name)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
    try:
        return _read_delimited(text, PurePath(name).suffix.lower())
    except csv.Error as error:
        raise UserInputError(f"{name} is not a readable CSV/TSV file ({error}).") from error
    finally:
        text.detach()  # the stream stays the caller's to close


def _read_delimited(text: TextIO, suffix: str) -> ForeignDeck:
    headers, sample = _split_headers(text)
    delimiter = _delimiter(headers, "".join(sample), suffix)
    reader = csv.reader(itertools.chain(sample, text), delimiter=delimiter)
    html = headers.get("html", "false").lower() == "true"
    layout, rows = _layout(headers, reader, delimiter)
    result = ForeignDeck()
    default_tags = tuple(headers.get("tags", "").split())
    default_deck = headers.get("deck", "")
    cloze_notetype = "cloze" in headers.get("notetype", "").lower()

    front_at, back_at = layout.get("front"), layout.get("back")
    guid_at, deck_at = layout.get("guid"), layout.get("deck")
    tags_at, notetype_at = layout.get("tags"), layout.get("notetype")
    context_at = layout.get("context")
    width = 1 + max(layout.values(), default=0)

    def cell(row: list[str], index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    for row in rows:
        if len(row) < width:  # short rows are rare: pad once instead of checking every cell
            if not "".join(row).strip():
                continue
            row = row + [""] * (width - len(row))
        if row[0].startswith("#"):
            continue
        front, back = cell(row, front_at), cell(row, back_at)
        if html:
            front, back = from_field_html(front).text, from_field_html(back).text
        else:
            front, back = front.strip(), back.strip()
        if not front:
            continue
        notetype = cell(row, notetype_at).lower()
        is_cloze = "cloze" in notetype or (
            (cloze_notetype or not notetype) and "{{c" in front and CLOZE_RE.search(front) is not None
        )
        deck = cell(row, deck_at).strip() or default_deck
        guid = cell(row, guid_at).strip() or _content_guid(deck, front, back)
        tags = tuple(cell(row, tags_at).split()) + default_tags
        context = cell(row, context_at)
        context = from_field_html(context).text if html and context else context.strip()
        if is_cloze:
            result.cards.extend(cloze_siblings(guid, front, back, deck, tags, context=context))
        else:
            result.cards.append(
                ForeignCard(guid=guid, kind=BASIC, front=front, back=back, deck=deck, tags=tags, context=context)
            )
    return result
