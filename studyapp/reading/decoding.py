"""The one byte decoder for text articles: byte-order mark, then UTF-8, then charset-normalizer's guess.

A file that mixes UTF-8 lines with lines in a legacy encoding (a note pasted
together from two sources) is decoded line by line, each line in its own
encoding, never garbled as a whole in one wrong guess.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from studyapp.domain.errors import UserInputError
from studyapp.reading.files import os_error_reason

log = logging.getLogger(__name__)

_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.02
_WESTERN = "cp1252"


def read_text_file(path: Path, size: int) -> str:
    """The file's text; a binary file is refused from its first bytes, before the rest is read.

    At most ``size`` bytes are read (the size checked before), so a file that
    grows while it is read cannot exceed the cap.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(min(_SNIFF_BYTES, size))
            _refuse_binary_head(head, path)
            data = head + handle.read(size - len(head))
    except OSError as error:
        raise UserInputError(f"{path.name} cannot be read ({os_error_reason(error)}).") from None
    return decode(data, path.name)


def decode(data: bytes, name: str) -> str:
    """BOM first, then strict UTF-8, then charset-normalizer's best guess."""
    encoding = _bom_encoding(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, name)
    else:
        text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise UserInputError(f"{name} is a binary file, not readable text.")
    return text


def _decode_legacy(data: bytes, name: str) -> str:
    """Not UTF-8 as a whole: one legacy encoding, or per line when some lines are UTF-8 and others are not."""
    lines = data.split(b"\n")
    utf8 = [_utf8_or_none(line) for line in lines]
    foreign = b"\n".join(line for line, text in zip(lines, utf8, strict=True) if text is None)
    mixed = any(text is not None and not text.isascii() for text in utf8)
    encoding = _guess(foreign if mixed else data, name)
    log.debug("%s decoded as %s%s", name, encoding, " where a line is not UTF-8" if mixed else "")
    try:
        if not mixed:
            return data.decode(encoding)
        pairs = zip(lines, utf8, strict=True)
        return "\n".join(text if text is not None else line.decode(encoding) for line, text in pairs)
    except UnicodeDecodeError:
        raise UserInputError(
            f"{name} mixes text encodings that cannot be told apart; save it as UTF-8 and import it again."
        ) from None


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _guess(data: bytes, name: str) -> str:
    """Windows-1252 when charset-normalizer finds it plausible, else its best guess.

    A handful of accented words cannot tell Western from Central European code
    pages apart, and the articles read here are English, mostly written on Western systems.
    """
    import charset_normalizer  # only non-UTF-8 files pay for its import

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise UserInputError(f"{name} is a binary file, not readable text.")
    if any(_WESTERN in match.could_be_from_charset for match in matches):
        return _WESTERN
    return str(best.encoding)


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _refuse_binary_head(head: bytes, path: Path) -> None:
    """NUL bytes without a UTF-16/32 byte-order mark mean a binary file."""
    if _bom_encoding(head) is None and b"\x00" in head and not _looks_like_utf16(head):
        raise UserInputError(f"{path.name} is a binary file, not readable text.")


def _looks_like_utf16(head: bytes) -> bool:
    """ASCII text in UTF-16 without a BOM has a NUL in every other byte."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return False
    return sample[1::2].count(0) > 0.9 * len(sample) / 2 or sample[0::2].count(0) > 0.9 * len(sample) / 2
