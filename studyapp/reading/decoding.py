"""The one byte decoder for text articles: byte-order mark, then UTF-8, then charset-normalizer's guess."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from studyapp.domain.errors import UserInputError

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


def read_text_file(path: Path, size: int) -> str:
    """The file's text; a binary file is refused from its first bytes, before the rest is read."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        _refuse_binary_head(head, path)
        data = head + handle.read(size)
    return decode(data, path.name)


def decode(data: bytes, name: str) -> str:
    """BOM first, then strict UTF-8, then charset-normalizer's best guess."""
    encoding = _bom_encoding(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            import charset_normalizer  # only non-UTF-8 files pay for its import

            best = charset_normalizer.from_bytes(data).best()
            if best is None:
                raise UserInputError(f"{name} is a binary file, not readable text.") from None
            log.debug("%s decoded as %s", name, best.encoding)
            text = str(best)
    else:
        text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise UserInputError(f"{name} is a binary file, not readable text.")
    return text


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
